import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedStatus, listFeedFiles, nextToFeed, watchedFileNames } from '../../../src/runPanel/feedFolder';

describe('feed folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamshift-feedlist-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists visible files in name order, without folders or hidden names', () => {
    for (const name of ['data2.csv', 'data10.csv', 'data1.csv', '.DS_Store', '_SUCCESS'])
      writeFileSync(join(dir, name), '');
    mkdirSync(join(dir, 'nested'));
    assert.deepEqual(listFeedFiles(dir), ['data1.csv', 'data10.csv', 'data2.csv']);
    assert.deepEqual(listFeedFiles(join(dir, 'missing')), []);
  });

  it('marks files present in the watched folder as fed (in-progress dot-files do not count)', () => {
    writeFileSync(join(dir, 'data1.csv'), '');
    writeFileSync(join(dir, '.data2.csv.1a2b.feeding'), '');
    const files = feedStatus(['data1.csv', 'data2.csv'], watchedFileNames(dir));
    assert.deepEqual(files, [
      { name: 'data1.csv', fed: true },
      { name: 'data2.csv', fed: false },
    ]);
    assert.equal(nextToFeed(files), 'data2.csv');
    assert.equal(nextToFeed([{ name: 'a', fed: true }]), undefined);
  });
});

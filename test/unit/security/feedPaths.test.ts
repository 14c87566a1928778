// Security: the run panel's feeder and reset never write or delete outside the job's folder, whatever the
// job's paths or the feed file's name say (traversal, absolute paths, symlinks anywhere on the path,
// dangling links). Each refused case also checks that nothing appeared or disappeared outside.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedFileAtomically } from '../../../src/runPanel/atomicFeed';
import { resetStreamFolders } from '../../../src/runPanel/folderReset';

describe('security: feeding stays inside the watched folder', () => {
  let root: string;
  let jobDir: string;
  let outside: string;
  let sample: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-security-feed-'));
    jobDir = join(root, 'job');
    outside = join(root, 'outside');
    mkdirSync(join(jobDir, 'feed'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'keep');
    sample = join(jobDir, 'feed', 'data1.csv');
    writeFileSync(sample, 'A,1\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const outsideUntouched = () => assert.deepEqual(readdirSync(outside), ['keep.txt']);

  const refusedWatchedFolders: [string, () => string][] = [
    ['a traversal that normalizes out', () => 'stream_input/../../outside'],
    ['an absolute path outside', () => outside],
    ['a parent folder given with a trailing separator', () => '../'],
    [
      'a folder below a symlinked directory that leads out',
      () => {
        symlinkSync(outside, join(jobDir, 'data'));
        return 'data/stream_input';
      },
    ],
    [
      'a symlink two levels up the path',
      () => {
        mkdirSync(join(jobDir, 'a'));
        symlinkSync(outside, join(jobDir, 'a', 'b'));
        return 'a/b/c/d';
      },
    ],
    [
      'a dangling symlink pointing outside (it would be created through the link)',
      () => {
        symlinkSync(join(outside, 'not-yet'), join(jobDir, 'stream_input'));
        return 'stream_input';
      },
    ],
  ];
  for (const [label, folder] of refusedWatchedFolders) {
    it(`refuses ${label}`, () => {
      const watchedFolder = folder();
      assert.throws(() => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder }));
      outsideUntouched();
      assert.ok(!existsSync(join(outside, 'not-yet')));
    });
  }

  const refusedNames = [
    '../escape.csv',
    '..',
    '.',
    'sub/x.csv',
    'sub\\x.csv',
    'x\0.csv',
    '',
    '../../outside/keep.txt',
  ];
  for (const name of refusedNames) {
    it(`refuses the feed file name ${JSON.stringify(name)}`, () => {
      assert.throws(
        () => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input', name }),
        /not a plain file name/,
      );
      outsideUntouched();
      assert.ok(!existsSync(join(jobDir, 'escape.csv')));
    });
  }

  it('feeds a hostile-looking but plain name inside the folder, byte for byte', () => {
    const name = '$(touch pwned); `x` ; .csv';
    const target = feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input', name });
    assert.equal(target, join(jobDir, 'stream_input', name));
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), [name]);
    outsideUntouched();
  });

  it('reset refuses paths that lead out and deletes nothing anywhere when one does', () => {
    mkdirSync(join(jobDir, 'stream_input'));
    writeFileSync(join(jobDir, 'stream_input', 'x.csv'), 'x');
    symlinkSync(outside, join(jobDir, 'out_link'));
    for (const outputPaths of [['../outside'], ['out_link/keep.txt'], [outside]]) {
      assert.throws(() => resetStreamFolders({ jobDir, watchedFolder: 'stream_input', outputPaths }));
      assert.ok(existsSync(join(jobDir, 'stream_input', 'x.csv')), 'nothing deleted before refusing');
      outsideUntouched();
    }
  });

  it('reset removes a symlink in the watched folder, never what it points to', () => {
    mkdirSync(join(jobDir, 'stream_input'));
    symlinkSync(outside, join(jobDir, 'stream_input', 'link'));
    resetStreamFolders({ jobDir, watchedFolder: 'stream_input', outputPaths: [] });
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), []);
    outsideUntouched();
  });
});

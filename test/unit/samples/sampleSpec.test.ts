import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedParts, listSamples, readSampleSpec } from '../../../src/demo/sampleSpec';
import { scratchDir } from './toolchain';

describe('demo: sample.json', () => {
  const root = scratchDir('spec');
  const dir = join(root, 'mysample');

  const write = (spec: unknown) =>
    writeFileSync(join(dir, 'sample.json'), typeof spec === 'string' ? spec : JSON.stringify(spec));
  const valid = {
    job: 'batch.ts',
    feed: 'feed',
    outputs: [{ path: 'out/result', expected: 'expected/result.txt' }],
  };

  beforeEach(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(dir, 'feed'), { recursive: true });
    mkdirSync(join(dir, 'expected'));
    writeFileSync(join(dir, 'batch.ts'), '');
    writeFileSync(join(dir, 'expected', 'result.txt'), '');
    for (const name of ['part-10.csv', 'part-2.csv', 'part-1.csv', '.part-3.csv.tmp', '_SUCCESS'])
      writeFileSync(join(dir, 'feed', name), 'x\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads a valid description, with defaults for the input folder and the trigger', () => {
    write(valid);
    const spec = readSampleSpec(dir);
    assert.equal(spec.name, 'mysample');
    assert.equal(spec.inputDir, 'stream_input/');
    assert.equal(spec.triggerSeconds, 1);
    assert.deepEqual(spec.outputs, valid.outputs);
  });

  it('feeds parts in name order with numbers as numbers, skipping dot- and underscore-files', () => {
    write(valid);
    assert.deepEqual(feedParts(readSampleSpec(dir)), ['part-1.csv', 'part-2.csv', 'part-10.csv']);
  });

  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{ job: ', /mysample[\\/]sample\.json: cannot read the sample description/],
    ['not an object', '[]', /expected a JSON object/],
    ['an unknown field', { ...valid, feeds: 'feed' }, /unknown field "feeds"/],
    ['a missing job', { ...valid, job: undefined }, /"job" must be a non-empty string/],
    ['a job that does not exist', { ...valid, job: 'nope.ts' }, /the job "nope\.ts" does not exist/],
    [
      'a path outside the sample',
      { ...valid, feed: '../elsewhere' },
      /"feed" must be a path inside the sample/,
    ],
    ['no outputs', { ...valid, outputs: [] }, /"outputs" must be a non-empty array/],
    [
      'an output without a path',
      { ...valid, outputs: [{}] },
      /"outputs\[0\]\.path" must be a non-empty string/,
    ],
    [
      'a missing expected result',
      { ...valid, outputs: [{ path: 'out', expected: 'nope' }] },
      /the expected result "nope" does not exist/,
    ],
    ['a trigger of 0', { ...valid, triggerSeconds: 0 }, /"triggerSeconds" must be a number > 0/],
    ['a missing feed folder', { ...valid, feed: 'nofeed' }, /cannot read the feed folder "nofeed"/],
  ];
  for (const [name, spec, message] of cases) {
    it(`refuses ${name}`, () => {
      write(spec);
      assert.throws(() => readSampleSpec(dir), message);
    });
  }

  it('refuses an empty feed folder', () => {
    write(valid);
    for (const name of ['part-10.csv', 'part-2.csv', 'part-1.csv']) rmSync(join(dir, 'feed', name));
    assert.throws(() => readSampleSpec(dir), /the feed folder "feed" has no files to feed/);
  });

  it('lists the folders that have a sample.json', () => {
    write(valid);
    mkdirSync(join(root, 'not-a-sample'));
    assert.deepEqual(listSamples(root), ['mysample']);
  });
});

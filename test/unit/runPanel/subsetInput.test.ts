import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubsetUnsupportedError, prepareSubsetFolder } from '../../../src/runPanel/subsetInput';

describe('prepareSubsetFolder', () => {
  let root: string;
  let jobDir: string;
  let scratchDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-subset-'));
    jobDir = join(root, 'job');
    scratchDir = join(root, 'scratch', 'fed');
    for (const dir of [
      'batch_input',
      'lookup',
      'feed',
      'stream_input',
      'checkpoint/batch',
      'batch_output/output.csv',
      'node_modules/x',
      '.git',
    ]) {
      mkdirSync(join(jobDir, dir), { recursive: true });
    }
    writeFileSync(join(jobDir, 'batch.ts'), '// job\n');
    writeFileSync(join(jobDir, 'batch_input', 'data.csv'), 'all rows\n');
    writeFileSync(join(jobDir, 'batch_input', 'other.csv'), 'kept\n');
    writeFileSync(join(jobDir, 'lookup', 'codes.csv'), 'A,alpha\n');
    writeFileSync(join(jobDir, 'feed', 'data1.csv'), 'one\n');
    writeFileSync(join(jobDir, 'stream_input', 'data1.csv'), 'one\n');
    writeFileSync(join(jobDir, 'stream_input', 'data2.csv'), 'two');
    writeFileSync(join(jobDir, 'batch_output', 'output.csv', 'part-00000'), 'stream result\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const exclude = ['stream_input/', 'feed', 'batch_output/output.csv', 'checkpoint/batch'];

  it('turns the input file into a folder of exactly the given files, each kept whole', () => {
    prepareSubsetFolder({
      jobDir,
      scratchDir,
      inputPath: 'batch_input/data.csv',
      files: [join(jobDir, 'stream_input', 'data1.csv'), join(jobDir, 'stream_input', 'data2.csv')],
      exclude,
    });
    const input = join(scratchDir, 'batch_input', 'data.csv');
    assert.deepEqual(readdirSync(input).sort(), ['data1.csv', 'data2.csv']);
    assert.equal(readFileSync(join(input, 'data2.csv'), 'utf8'), 'two', 'no newline added, no gluing');
  });

  it("copies the rest of the job's folder but not the stream's folders, outputs, dependencies or dot-folders", () => {
    prepareSubsetFolder({ jobDir, scratchDir, inputPath: 'batch_input/data.csv', files: [], exclude });
    assert.ok(existsSync(join(scratchDir, 'batch.ts')));
    assert.equal(readFileSync(join(scratchDir, 'lookup', 'codes.csv'), 'utf8'), 'A,alpha\n');
    assert.equal(readFileSync(join(scratchDir, 'batch_input', 'other.csv'), 'utf8'), 'kept\n');
    assert.deepEqual(
      readdirSync(join(scratchDir, 'batch_input', 'data.csv')),
      [],
      'no file fed: an empty input',
    );
    for (const gone of [
      'stream_input',
      'feed',
      'batch_output/output.csv',
      'checkpoint/batch',
      'node_modules',
      '.git',
    ]) {
      assert.ok(!existsSync(join(scratchDir, gone)), gone);
    }
  });

  it('keeps the original input for the full run and starts from an empty scratch folder each time', () => {
    mkdirSync(scratchDir, { recursive: true });
    writeFileSync(join(scratchDir, 'stale.txt'), 'old');
    prepareSubsetFolder({ jobDir, scratchDir, inputPath: 'batch_input/data.csv', exclude });
    assert.equal(readFileSync(join(scratchDir, 'batch_input', 'data.csv'), 'utf8'), 'all rows\n');
    assert.ok(!existsSync(join(scratchDir, 'stale.txt')));
  });

  it('explains why a pattern or a list of inputs cannot be swapped for the fed files', () => {
    for (const inputPath of ['batch_input/*.csv', 'a.csv,b.csv']) {
      assert.throws(
        () => prepareSubsetFolder({ jobDir, scratchDir, inputPath, files: [], exclude }),
        (error: Error) => error instanceof SubsetUnsupportedError && error.message.includes(inputPath),
      );
    }
  });

  it('refuses an input path outside the job folder and a scratch folder inside it', () => {
    assert.throws(
      () =>
        prepareSubsetFolder({ jobDir, scratchDir, inputPath: '../elsewhere/data.csv', files: [], exclude }),
      /outside the job's folder/,
    );
    assert.throws(
      () =>
        prepareSubsetFolder({
          jobDir,
          scratchDir: join(jobDir, 'tmp'),
          inputPath: 'batch_input/data.csv',
          exclude,
        }),
      /overlap/,
    );
  });
});

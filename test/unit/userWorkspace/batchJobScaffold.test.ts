// The files "New Batch Job" writes: the parts in feed/ add up to the batch input, the cursor offset is
// on the pipeline, and nothing existing is ever overwritten.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detect } from '../../../src/convert/index';
import { scaffoldFiles, writeScaffold, type JobApi } from '../../../src/scaffold/batchJobScaffold';

describe('New Batch Job scaffold', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'streamshift-scaffold-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const api of ['rdd', 'dataframe'] as JobApi[]) {
    it(`writes a convertible ${api} job whose feed parts add up to its input, cursor on the pipeline`, () => {
      const result = writeScaffold(root, api);
      assert.equal(result.dir, root);
      const text = readFileSync(result.jobPath, 'utf8');
      const pipelines = detect({ fileName: result.jobPath, text });
      assert.equal(pipelines.length, 1);
      assert.equal(pipelines[0]!.api, api === 'rdd' ? 'rdd' : 'dataframe');
      assert.notEqual(pipelines[0]!.verdict.status, 'blocked');
      const { start, end } = pipelines[0]!.span;
      assert.ok(result.pipelineOffset >= start && result.pipelineOffset < end, 'cursor inside the pipeline');
      const parts = readdirSync(join(root, 'feed')).sort();
      assert.ok(parts.length >= 2);
      const fed = parts.map((name) => readFileSync(join(root, 'feed', name), 'utf8')).join('');
      assert.equal(fed, readFileSync(join(root, 'batch_input', 'data.csv'), 'utf8'));
    });
  }

  it('never overwrites: a taken name sends the job to a new sub-folder, and a second one to the next', () => {
    writeFileSync(join(root, 'batch.ts'), '// mine\n');
    const first = writeScaffold(root, 'rdd');
    assert.equal(first.dir, join(root, 'batch-job'));
    assert.equal(readFileSync(join(root, 'batch.ts'), 'utf8'), '// mine\n');
    mkdirSync(join(root, 'batch-job-2'));
    writeFileSync(join(root, 'batch-job-2', 'keep.txt'), 'x');
    const second = writeScaffold(root, 'dataframe');
    assert.equal(second.dir, join(root, 'batch-job-3'));
    assert.deepEqual(readdirSync(join(root, 'batch-job-2')), ['keep.txt']);
  });

  it('lists the same files it writes', () => {
    const result = writeScaffold(root, 'rdd');
    assert.deepEqual(
      result.files.map((path) =>
        path
          .slice(root.length + 1)
          .split('\\')
          .join('/'),
      ),
      scaffoldFiles('rdd').map((file) => file.path),
    );
  });
});

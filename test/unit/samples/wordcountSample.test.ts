// samples/wordcount: the batch job writes what real Spark wrote (expected/part-00000), the checked-in
// stream job is what the converter makes of the batch job today, and that stream job, fed the feed parts
// one by one, reaches the batch result. Jobs run as the task runner runs them (esbuild bundle, node, the
// graceful-stop handler for the stream), in a scratch copy of the sample.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../../src/convert/index';
import { runBatchJob, StreamJob } from '../../../src/demo/demoJobs';
import { feedParts, readSampleSpec } from '../../../src/demo/sampleSpec';
import { readOutputRows } from '../../../src/demo/sparkOutput';
import { samplesRoot, scratchDir, toolchain } from './toolchain';

const sampleDir = join(samplesRoot, 'wordcount');
const spec = readSampleSpec(sampleDir);
const resultPath = 'batch_output/output.csv';

/** Polls `probe` until it returns a value; a liveness bound (not a speed assertion) for a running job. */
async function until<T>(what: string, probe: () => T | undefined, job: StreamJob): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (!job.isRunning) assert.fail(`the stream job exited while waiting for ${what}:\n${job.recentOutput}`);
    if (Date.now() > deadline) assert.fail(`no ${what} within 60 s:\n${job.recentOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The job's logic written out by hand, for the partial result after one part. */
function countsAbove50(csv: string): string[] {
  const counts = new Map<string, number>();
  for (const line of csv.split('\n').filter((l) => l !== '')) {
    const [, key, value] = line.split(',');
    if (Number(value) > 50) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `('${key}', ${count})`).sort();
}

describe('samples/wordcount', function () {
  this.timeout(120_000);
  const work = scratchDir('wordcount');
  let stream: StreamJob | undefined;

  beforeEach(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    for (const entry of ['batch.ts', 'package.json', 'batch_input', 'feed', 'expected'])
      cpSync(join(sampleDir, entry), join(work, entry), { recursive: true });
  });

  afterEach(async () => {
    if (stream?.isRunning) await stream.stop();
    stream = undefined;
    rmSync(work, { recursive: true, force: true });
  });

  it("describes itself in sample.json: batch.ts, the feed parts in order, Spark's expected result", () => {
    assert.equal(spec.job, 'batch.ts');
    assert.deepEqual(feedParts(spec), ['data1.csv', 'data2.csv']);
    assert.deepEqual(spec.outputs, [{ path: resultPath, expected: 'expected/part-00000' }]);
  });

  it("the batch job writes Spark's output (expected/part-00000), order aside", async () => {
    await runBatchJob(
      toolchain,
      {
        jobPath: join(work, 'batch.ts'),
        cwd: work,
        scratchDir: work,
        onStdout: () => {},
        onStderr: () => {},
      },
      60_000,
    );
    const written = readOutputRows(join(work, resultPath));
    const expected = readOutputRows(join(sampleDir, 'expected', 'part-00000'));
    assert.ok(written, `the batch job wrote no ${resultPath}`);
    assert.deepEqual([...written].sort(), [...(expected ?? [])].sort());
    assert.deepEqual([...written].sort(), ["('A', 18)", "('B', 16)", "('C', 10)"]);
  });

  it('batch.stream.ts is exactly what the converter makes of batch.ts today', () => {
    const batchPath = join(sampleDir, 'batch.ts');
    const conversion = convert({ fileName: batchPath, text: readFileSync(batchPath, 'utf8') });
    assert.deepEqual(conversion.converted.length, 1);
    const checkedIn = readFileSync(join(sampleDir, 'batch.stream.ts'), 'utf8');
    assert.equal(
      checkedIn,
      conversion.text,
      'samples/wordcount/batch.stream.ts is stale: regenerate it with ' +
        '`npx streamshift convert samples/wordcount/batch.ts -o samples/wordcount/batch.stream.ts`',
    );
  });

  it('the converted stream job, fed data1.csv then data2.csv, reaches the batch result', async () => {
    const batchText = readFileSync(join(work, 'batch.ts'), 'utf8');
    const conversion = convert(
      { fileName: join(work, 'batch.ts'), text: batchText },
      { triggerSeconds: spec.triggerSeconds },
    );
    writeFileSync(join(work, 'batch.stream.ts'), conversion.text);
    mkdirSync(join(work, 'stream_input'));
    const job = await StreamJob.start(
      toolchain,
      {
        jobPath: join(work, 'batch.stream.ts'),
        cwd: work,
        scratchDir: work,
        onStdout: () => {},
        onStderr: () => {},
      },
      15_000,
    );
    stream = job;
    const processed = new Set<string>();
    let batches = 0;
    const pump = () => {
      for (const event of job.poll()) {
        if (event.kind === 'failed') assert.fail(event.message);
        if (event.kind !== 'batch') continue;
        batches++;
        for (const file of event.files) processed.add(file.split(/[\\/]/).pop() ?? file);
      }
    };
    const feed = async (part: string) => {
      const hidden = join(work, 'stream_input', `.${part}.feeding`);
      writeFileSync(hidden, readFileSync(join(work, 'feed', part)));
      renameSync(hidden, join(work, 'stream_input', part));
      await until(`the micro-batch reading ${part}`, () => (pump(), processed.has(part) || undefined), job);
    };
    const current = () => readOutputRows(join(work, resultPath))?.sort();

    // Files already in the folder when the stream starts are ignored (as in Spark): feed after a batch.
    await until('the first micro-batch', () => (pump(), batches > 0 || undefined), job);
    await feed('data1.csv');
    const afterFirst = await until('a result after data1.csv', current, job);
    assert.deepEqual(afterFirst, countsAbove50(readFileSync(join(work, 'feed', 'data1.csv'), 'utf8')));

    await feed('data2.csv');
    assert.equal(await job.stop(), 0, 'the stream job stops gracefully');
    assert.deepEqual(current(), readOutputRows(join(sampleDir, 'expected', 'part-00000'))?.sort());
  });
});

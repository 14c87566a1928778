// Running a sample's jobs as `npm run demo` runs them (esbuild bundle, node, graceful stop), in a scratch
// copy: the batch job once, and its conversion fed the feed parts one by one — the next part only when
// every query has read the previous one, so each micro-batch of each query reads exactly one part.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../../src/convert/index';
import { runBatchJob, StreamJob } from '../../../src/demo/demoJobs';
import { feedParts, type SampleSpec } from '../../../src/demo/sampleSpec';
import { toolchain } from './toolchain';

/** A fresh copy of the sample's checked-in files (no outputs, inputs or checkpoints of earlier runs). */
export function copySample(spec: SampleSpec, work: string): void {
  rmSync(work, { recursive: true, force: true });
  cpSync(spec.dir, work, {
    recursive: true,
    filter: (source) => !/[\\/](batch_output|stream_input|checkpoint|node_modules)$/.test(source),
  });
}

export async function runBatch(spec: SampleSpec, work: string): Promise<void> {
  await runBatchJob(
    toolchain,
    { jobPath: join(work, spec.job), cwd: work, scratchDir: work, onStdout: () => {}, onStderr: () => {} },
    120_000,
  );
}

export interface StreamRun {
  /** Rows the queries' stateful operators dropped as later than the watermark, over all batches. */
  readonly droppedByWatermark: number;
  /** Micro-batches with data, per query id. */
  readonly batchesPerQuery: ReadonlyMap<string, number>;
}

/** Converts the batch job, runs it, feeds every part, stops it gracefully. */
export async function runStream(spec: SampleSpec, work: string): Promise<StreamRun> {
  const jobPath = join(work, spec.job);
  const conversion = convert(
    { fileName: jobPath, text: readFileSync(jobPath, 'utf8') },
    { triggerSeconds: spec.triggerSeconds, inputDir: spec.inputDir },
  );
  assert.ok(conversion.converted.length > 0, `nothing converted: ${conversion.notes.join('; ')}`);
  const streamPath = join(work, 'batch.stream.ts');
  writeFileSync(streamPath, conversion.text);
  mkdirSync(join(work, spec.inputDir), { recursive: true });
  const job = await StreamJob.start(
    toolchain,
    { jobPath: streamPath, cwd: work, scratchDir: work, onStdout: () => {}, onStderr: () => {} },
    15_000,
  );
  try {
    const queries = new Set<string>();
    const readers = new Map<string, Set<string>>();
    const batchesPerQuery = new Map<string, number>();
    let dropped = 0;
    let started = false;
    const pump = () => {
      for (const event of job.poll()) {
        if (event.kind === 'failed') assert.fail(event.message);
        if (event.kind === 'started') {
          started = true;
          if (event.query !== undefined) queries.add(event.query);
        }
        if (event.kind !== 'batch' || (event.files.length === 0 && event.rows === 0)) continue;
        const query = event.query ?? 'stream';
        batchesPerQuery.set(query, (batchesPerQuery.get(query) ?? 0) + 1);
        dropped += event.droppedByWatermark ?? 0;
        for (const file of event.files) {
          const name = file.split(/[\\/]/).pop() ?? file;
          readers.set(name, (readers.get(name) ?? new Set()).add(query));
        }
      }
    };
    await until('the stream to start', () => (pump(), started || undefined), job);
    for (const part of feedParts(spec)) {
      const hidden = join(work, spec.inputDir, `.${part}.feeding`);
      writeFileSync(hidden, readFileSync(join(work, spec.feed, part)));
      renameSync(hidden, join(work, spec.inputDir, part));
      await until(
        `every query to read ${part}`,
        () => (pump(), (readers.get(part)?.size ?? 0) >= Math.max(1, queries.size) || undefined),
        job,
      );
    }
    assert.equal(await job.stop(), 0, 'the stream job stops gracefully');
    pump();
    return { droppedByWatermark: dropped, batchesPerQuery };
  } finally {
    if (job.isRunning) await job.stop();
  }
}

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

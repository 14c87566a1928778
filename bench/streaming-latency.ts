// Landed-file → foreachRDD-result latency of textFileStream, with checkpointing on, and the cost of the
// checkpoint's fsync. Run: `npx tsx bench/streaming-latency.ts [files per run]`. Not a test: figures
// vary with the machine; compare the ratios printed against the baseline measured in the same run.
//
// What "latency" means here. A DStream processes files in batches that happen at multiples of the batch
// duration, so a file that lands waits for the next batch boundary (on average half a batch) before
// anything reads it; then the batch claims it (its claim is checkpointed first, with an fsync), reads it,
// runs the job and hands the result to foreachRDD. Three figures separate those parts:
//   landed → result   what a user sees: includes the wait for the batch boundary;
//   batch → result    the engine's own cost, from the batch's time to the result;
//   baseline          a hand-written fs.watch → read → same computation loop with no batching and no
//                     checkpoint: the floor for reacting to a file at all.
// Files land atomically (written under a hidden name, renamed in), at random moments relative to batches.
import { mkdtempSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SparkContext } from '../runtime/src/sparkContext';
import type { RDD } from '../runtime/src/rdd';
import { StreamingContext, type BatchProgress } from '../runtime/src/streaming/index';
import { CheckpointStore } from '../runtime/src/streaming/checkpointStore';

const filesPerRun = Number(process.argv[2] ?? 150);
const rowsPerFile = 1000;
const batchSeconds = 0.05;

/** Sub-millisecond wall time, comparable across the process. */
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function csv(fileIndex: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rowsPerFile; i++)
    lines.push(`${fileIndex * rowsPerFile + i},k${i % 100},${(i * 37) % 100}`);
  return lines.join('\n') + '\n';
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: readonly number[]): string {
  return `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms (n=${values.length})`;
}

/** Drops `count` files into `dir` at random intervals; records when each landed. */
async function landFiles(dir: string, count: number, landed: Map<string, number>): Promise<void> {
  for (let i = 0; i < count; i++) {
    await sleep(10 + Math.random() * 60);
    const name = `part-${i}.csv`;
    const temporary = join(dir, `.${name}.tmp`);
    writeFileSync(temporary, csv(i));
    renameSync(temporary, join(dir, name));
    landed.set(name, now());
  }
}

interface StreamRun {
  readonly landedToResult: number[];
  readonly batchToResult: number[];
  readonly progress: BatchProgress[];
}

async function runStream(stableSeconds: number | undefined): Promise<StreamRun> {
  const input = mkdtempSync(join(tmpdir(), 'bench-stream-in-'));
  const checkpoint = mkdtempSync(join(tmpdir(), 'bench-stream-ckpt-'));
  const sc = new SparkContext('local[2]', 'streaming-latency');
  const ssc = new StreamingContext(sc, batchSeconds);
  ssc.checkpoint(checkpoint);
  const landed = new Map<string, number>();
  const filesOfBatch = new Map<number, string[]>();
  const run: StreamRun = { landedToResult: [], batchToResult: [], progress: [] };
  ssc
    .textFileStream(input, stableSeconds === undefined ? {} : { stableSeconds })
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields): [string, number] => [fields[1]!, 1])
    .reduceByKey((a, b) => a + b)
    .updateStateByKey((values: number[], last: number | null) => values.reduce((a, b) => a + b, last ?? 0))
    .foreachRDD((time: Date, rdd: RDD<[string, number]>) => {
      rdd.collect();
      const done = now();
      const files = filesOfBatch.get(time.getTime()) ?? [];
      if (files.length > 0) run.batchToResult.push(done - time.getTime());
      for (const file of files) run.landedToResult.push(done - landed.get(file.slice(input.length + 1))!);
    });
  ssc.addStreamingListener({
    onBatchStarted: (event) => filesOfBatch.set(event.batchTime, [...event.inputFiles]),
    onBatchCompleted: (progress) => {
      if (progress.inputFiles.length > 0) run.progress.push(progress);
    },
  });
  ssc.start();
  await landFiles(input, filesPerRun, landed);
  await sleep(300);
  await ssc.stop({ stopGracefully: true });
  rmSync(input, { recursive: true, force: true });
  rmSync(checkpoint, { recursive: true, force: true });
  return run;
}

/** The floor: fs.watch → read → the same computation (a Map of counts), no batches, no checkpoint. */
async function runBaseline(): Promise<number[]> {
  const input = mkdtempSync(join(tmpdir(), 'bench-watch-in-'));
  const landed = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  const totals = new Map<string, number>();
  const watcher = watch(input, (_event, filename) => {
    const name = filename?.toString();
    if (!name || name.startsWith('.') || seen.has(name)) return;
    seen.add(name);
    for (const line of readFileSync(join(input, name), 'utf8').split('\n')) {
      if (!line) continue;
      const fields = line.split(',');
      if (Number(fields[2]) > 50) totals.set(fields[1]!, (totals.get(fields[1]!) ?? 0) + 1);
    }
    latencies.push(now() - landed.get(name)!);
  });
  await landFiles(input, filesPerRun, landed);
  await sleep(100);
  watcher.close();
  rmSync(input, { recursive: true, force: true });
  return latencies;
}

/** The checkpoint write on its own, at the size the streaming run wrote: with its fsyncs and without. */
async function measureCheckpointWrites(
  bytes: number,
): Promise<{ write: number[]; fsync: number[]; noSync: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ckpt-'));
  const store = new CheckpointStore(dir);
  const content = JSON.stringify({ padding: 'x'.repeat(Math.max(0, bytes - 20)) });
  const write: number[] = [];
  const fsync: number[] = [];
  const noSync: number[] = [];
  for (let i = 0; i < 200; i++) {
    const stats = await store.write(content);
    write.push(stats.writeMs);
    fsync.push(stats.fsyncMs);
    const start = performance.now();
    writeFileSync(join(dir, 'plain.tmp'), content);
    renameSync(join(dir, 'plain.tmp'), join(dir, 'plain.json'));
    noSync.push(performance.now() - start);
  }
  rmSync(dir, { recursive: true, force: true });
  return { write, fsync, noSync };
}

async function main(): Promise<void> {
  console.log(
    `streaming latency: ${filesPerRun} files of ${rowsPerFile} rows per run, batch ${batchSeconds * 1000} ms, ` +
      'checkpointing on (updateStateByKey)\n',
  );
  const baseline = await runBaseline();
  const atomic = await runStream(0);
  const defaults = await runStream(undefined);
  const baseP50 = percentile(baseline, 50);
  console.log(`baseline fs.watch → read → count (no batches):        ${summary(baseline)}`);
  for (const [label, run] of [
    ['stableSeconds 0 (trust atomic renames)', atomic],
    ['default stableSeconds 0.05', defaults],
  ] as const) {
    console.log(`\n${label}`);
    console.log(
      `  landed → foreachRDD result:  ${summary(run.landedToResult)}  (${(percentile(run.landedToResult, 50) / baseP50).toFixed(1)}× baseline p50)`,
    );
    console.log(`  batch time → result:         ${summary(run.batchToResult)}`);
    console.log(`  batch totalDelay (record):   ${summary(run.progress.map((p) => p.totalDelayMs))}`);
    console.log(`  checkpoint write after batch: ${summary(run.progress.map((p) => p.checkpointMs ?? NaN))}`);
    console.log(
      `    of which fsync:             ${summary(run.progress.map((p) => p.checkpointFsyncMs ?? NaN))}`,
    );
  }
  const bytes = Math.round(
    percentile(
      atomic.progress.map((p) => p.checkpointBytes ?? 0),
      50,
    ),
  );
  const writes = await measureCheckpointWrites(bytes);
  console.log(
    `\ncheckpoint write alone (${bytes} bytes, temp + fsync + rename + dir fsync): ${summary(writes.write)}`,
  );
  console.log(`  of which the two fsyncs:                                       ${summary(writes.fsync)}`);
  console.log(`  same write + rename without fsync:                             ${summary(writes.noSync)}`);
  console.log(
    `  fsync share of a checkpoint write: ${((percentile(writes.fsync, 50) / percentile(writes.write, 50)) * 100).toFixed(0)}% (p50); ` +
      'a batch with input writes two checkpoints (its claim before it runs, its state after).',
  );
  // One machine-readable line for the roll-up (bench/run-all.ts).
  console.log(
    JSON.stringify({
      bench: 'streaming-latency',
      baselineP50Ms: baseP50,
      landedToResultP50Ms: percentile(atomic.landedToResult, 50),
      landedToResultP99Ms: percentile(atomic.landedToResult, 99),
      batchToResultP50Ms: percentile(atomic.batchToResult, 50),
      batchToResultP99Ms: percentile(atomic.batchToResult, 99),
      checkpointWriteP50Ms: percentile(writes.write, 50),
      checkpointNoSyncP50Ms: percentile(writes.noSync, 50),
    }),
  );
}

void main();

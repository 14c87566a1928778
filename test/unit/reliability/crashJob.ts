// A checkpointed word-count stream job plus its own producer, run (bundled) as a child process by
// crashRestart.test.ts, which kills it again and again and restarts it from its checkpoint.
//
// argv: <work dir> <clock start ms> <kill plan JSON>. The work folder holds feed/ (files still to be
// produced), stream_input/ (watched), checkpoint/ and output/. Each loop iteration moves the next files
// from feed/ into stream_input/ (atomically) and advances the manual clock by one batch, so the job runs
// as fast as the machine allows. It prints DONE and exits 0 once feed/ is empty and two more batches ran.
// argv's clock start may be behind the time a previous run reached (a clock reset): batches resume once
// the clock has passed the checkpoint's last batch.
//
// The kill plan names a point and an occurrence; at that point the process SIGKILLs itself, which is a
// real `kill -9` (no exit handlers, no flushing), only placed exactly: between batches, during a batch,
// inside the checkpoint write (temp file half-written, before or after the rename) or inside the output
// write (a part file half-written, the old result moved aside but the new one not yet in place).
import type { PathLike } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SparkContext } from '../../../runtime/src/sparkContext';
import { ManualClock, StreamingContext } from '@streamshift/runtime/streaming';

export type KillPoint =
  | 'none'
  | 'betweenBatches'
  | 'duringBatch'
  | 'checkpointTempWrite'
  | 'checkpointBeforeRename'
  | 'checkpointAfterRename'
  | 'outputPartWrite'
  | 'outputSwap';

export interface KillPlan {
  readonly point: KillPoint;
  /** Kill at the n-th time (1-based) the point is reached in this run. */
  readonly occurrence: number;
}

const [workDir, clockStart, planJson] = process.argv.slice(2) as [string, string, string];
const plan = JSON.parse(planJson) as KillPlan;
const counts = new Map<KillPoint, number>();

function reached(point: KillPoint): boolean {
  if (plan.point !== point) return false;
  const n = (counts.get(point) ?? 0) + 1;
  counts.set(point, n);
  return n === plan.occurrence;
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is delivered at once; this only satisfies the type checker.
  throw new Error('unreachable');
}

// The runtime's modules call fs through the module objects, so wrappers set on them see its writes.
// (Loaded with require: an ES namespace import could not be patched.)
const requireBuiltin = createRequire(__filename);
const fs = requireBuiltin('node:fs') as typeof import('node:fs');
const fsPromises = requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');
const checkpointName = 'streaming-checkpoint.json';
const realOpen = fsPromises.open;
(fsPromises as { open: typeof fsPromises.open }).open = async (...args: Parameters<typeof realOpen>) => {
  const handle = await realOpen(...args);
  const path = String(args[0]);
  if (!path.includes(checkpointName) || !path.endsWith('.tmp')) return handle;
  if (!reached('checkpointTempWrite')) return handle;
  const realWriteFile = handle.writeFile.bind(handle);
  handle.writeFile = async (data: Parameters<typeof handle.writeFile>[0]) => {
    const bytes = Buffer.from(data as Buffer);
    await realWriteFile(bytes.subarray(0, Math.floor(bytes.length / 2)));
    await handle.sync();
    die();
  };
  return handle;
};
const realRename = fsPromises.rename;
(fsPromises as { rename: typeof fsPromises.rename }).rename = async (from, to) => {
  const toCheckpoint = String(to).endsWith(checkpointName);
  if (toCheckpoint && reached('checkpointBeforeRename')) die();
  await realRename(from, to);
  if (toCheckpoint && reached('checkpointAfterRename')) die();
};
const realWriteSync = fs.writeSync;
(fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
  if (typeof data === 'string' && reached('outputPartWrite')) {
    realWriteSync(fd, data.slice(0, Math.floor(data.length / 2)));
    fs.fsyncSync(fd);
    die();
  }
  return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
};
const realRenameSync = fs.renameSync;
(fs as { renameSync: unknown }).renameSync = (from: PathLike, to: PathLike) => {
  realRenameSync(from, to);
  // The old result was moved aside; the new one is not in place yet.
  if (String(to).endsWith('.old') && reached('outputSwap')) die();
};

const inputDir = join(workDir, 'stream_input');
const feedDir = join(workDir, 'feed');
const outputDir = join(workDir, 'output');
const checkpointDir = join(workDir, 'checkpoint');
const clock = new ManualClock(Number(clockStart));

function setup(): StreamingContext {
  const sc = new SparkContext('local[2]', 'crash-restart');
  const ssc = new StreamingContext(sc, 1, { clock });
  ssc.checkpoint(checkpointDir);
  const lines = ssc.textFileStream(inputDir, { stableSeconds: 0, rescanSeconds: 0 });
  // Every input line, once per batch that read it: the union over batches shows duplicates and gaps.
  lines.saveAsTextFiles(join(outputDir, 'lines'));
  const merge = (a: number, b: number) => a + b;
  const totals = lines
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields): [string, number] => [fields[1], 1])
    .reduceByKey(merge)
    .updateStateByKey((batchValues: number[], total: number | null) =>
      total === null ? batchValues.reduce(merge) : batchValues.reduce(merge, total),
    );
  totals.foreachRDD((rdd) => {
    if (reached('duringBatch')) die();
    rdd.saveAsTextFile(join(outputDir, 'totals'), { overwrite: true });
  });
  return ssc;
}

async function main(): Promise<void> {
  const ssc = StreamingContext.getOrCreate(checkpointDir, setup);
  let completed = 0;
  ssc.addStreamingListener({ onBatchCompleted: () => completed++ });
  ssc.start();
  console.log('STARTED');
  // Done when the feed is empty and two batches have completed since (a restarted clock may be behind the
  // checkpoint's last batch: batches start again only once it has passed it).
  let completedWhenEmpty: number | undefined;
  for (let step = 0; completedWhenEmpty === undefined || completed < completedWhenEmpty + 2; step++) {
    const waiting = fs.readdirSync(feedDir).sort();
    // One or two files per batch, sometimes none.
    const take = waiting.length === 0 ? 0 : step % 3;
    for (const name of waiting.slice(0, take)) fs.renameSync(join(feedDir, name), join(inputDir, name));
    if (waiting.length === 0) completedWhenEmpty ??= completed;
    await clock.advance(1000);
    if (ssc.getState() !== 'ACTIVE') break;
    if (reached('betweenBatches')) die();
  }
  await ssc.stop({ stopSparkContext: true, stopGracefully: true });
  await ssc.awaitTermination();
  console.log('DONE');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

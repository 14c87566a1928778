// A checkpointed streaming job run as a child process by checkpointRecovery.test.ts (not a test itself).
// argv: <input dir> <checkpoint dir> <output dir>. It prints one line per event for the test to follow:
// STARTED, BATCH <time> <files>, HANGING <time>. With HANG_ON_FILE=<name>, the batch that reads that file
// writes its output and then never finishes (so its checkpoint is never written): the test kills the
// process there with SIGKILL, mid-batch. On "stop" from stdin it stops gracefully and exits.
import { renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SparkContext } from '../../../../runtime/src/sparkContext';
import type { RDD } from '../../../../runtime/src/rdd';
import { StreamingContext } from '@streamshift/runtime/streaming';

const [inputDir, checkpointDir, outputDir] = process.argv.slice(2) as [string, string, string];
const hangOnFile = process.env.HANG_ON_FILE;
const filesOfBatch = new Map<number, string[]>();

function setup(): StreamingContext {
  const sc = new SparkContext('local[2]', 'crash-recovery');
  const ssc = new StreamingContext(sc, 0.1);
  ssc.checkpoint(checkpointDir);
  const lines = ssc.textFileStream(inputDir, { stableSeconds: 0, rescanSeconds: 0.05 });
  const totals = lines
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields): [string, number] => [fields[1]!, 1])
    .reduceByKey((x, y) => x + y)
    .updateStateByKey((values: number[], last: number | null) => values.reduce((a, b) => a + b, last ?? 0));
  totals.foreachRDD(async (time: Date, rdd: RDD<[string, number]>) => {
    const batch = time.getTime();
    const files = filesOfBatch.get(batch) ?? [];
    if (files.length === 0) return;
    // The batch's output, written atomically under the batch's time: a re-run of the same batch after a
    // crash replaces it rather than adding a second one.
    const record = { batch, files, state: rdd.collect().sort() };
    const target = join(outputDir, `batch-${batch}.json`);
    writeFileSync(`${target}.tmp`, JSON.stringify(record));
    renameSync(`${target}.tmp`, target);
    console.log(`BATCH ${batch} ${files.join(',')}`);
    if (hangOnFile && files.includes(hangOnFile)) {
      console.log(`HANGING ${batch}`);
      await new Promise(() => undefined);
    }
  });
  return ssc;
}

const ssc = StreamingContext.getOrCreate(checkpointDir, setup);
ssc.addStreamingListener({
  onBatchStarted: (event) =>
    filesOfBatch.set(
      event.batchTime,
      event.inputFiles.map((f) => basename(f)),
    ),
});
ssc.start();
console.log('STARTED');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text: string) => {
  if (text.includes('stop')) void ssc.stop({ stopGracefully: true }).then(() => process.exit(0));
});
ssc.awaitTermination().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

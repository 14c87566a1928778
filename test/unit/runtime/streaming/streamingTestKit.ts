// Shared set-up for the streaming tests: a SparkContext, a StreamingContext on a ManualClock, and a
// collector that records each batch's elements. Nothing here sleeps: time moves with clock.advance().
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '../../../../runtime/src/sparkContext';
import type { RDD } from '../../../../runtime/src/rdd';
import { DStream, ManualClock, StreamingContext } from '@streamshift/runtime/streaming';

export interface StreamingKit {
  readonly sc: SparkContext;
  readonly ssc: StreamingContext;
  readonly clock: ManualClock;
  readonly batchMs: number;
  /** Moves the clock by `n` batches; resolves when those batches are processed. */
  advanceBatches(n?: number): Promise<void>;
}

export function streamingKit(batchSeconds = 1, parallelism = 2): StreamingKit {
  // One SparkContext at a time, as in Spark: one left behind by an earlier test file must not fail this one.
  SparkContext.getActive()?.stop();
  const sc = new SparkContext(`local[${parallelism}]`, 'streaming-test');
  const clock = new ManualClock();
  const ssc = new StreamingContext(sc, batchSeconds, { clock });
  const batchMs = Math.round(batchSeconds * 1000);
  return {
    sc,
    ssc,
    clock,
    batchMs,
    advanceBatches: (n = 1) => clock.advance(n * batchMs),
  };
}

/** Records every batch's collected elements (one array per batch, in batch order). */
export function collectBatches<T>(stream: DStream<T>): T[][] {
  const batches: T[][] = [];
  stream.foreachRDD((rdd: RDD<T>) => {
    batches.push(rdd.collect());
  });
  return batches;
}

/** Records [batch time in ms, elements] for every batch. */
export function collectTimedBatches<T>(stream: DStream<T>): [number, T[]][] {
  const batches: [number, T[]][] = [];
  stream.foreachRDD((time: Date, rdd: RDD<T>) => {
    batches.push([time.getTime(), rdd.collect()]);
  });
  return batches;
}

/** Sorts pairs (or values) for comparisons where Spark's order is by hash partition. */
export function sorted<T>(values: readonly T[]): T[] {
  return [...values].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );
}

export function tempDir(prefix = 'streamshift-streaming-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Stops whatever a test left running, so that the next one can create its contexts. */
export async function stopEverything(): Promise<void> {
  await StreamingContext.getActive()?.stop({ stopSparkContext: true });
  SparkContext.getActive()?.stop();
}

// Regression: in complete mode a watermark neither drops late rows nor evicts windows (Spark's
// StateStoreSaveExec puts every row in Complete mode); the runtime used to drop rows whose window had
// ended before the watermark, as append and update modes do.
import { strict as assert } from 'node:assert';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { col, count, window } from '@streamshift/runtime/sql/functions';
import { session, scratch } from './helpers';

describe('sql: Structured Streaming watermark in complete mode', () => {
  const spark = session();
  const tmp = scratch();
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    tmp.cleanup();
  });

  it('counts a late row in its window and reports nothing dropped', async () => {
    const dir = join(tmp.dir, 'in');
    mkdirSync(dir, { recursive: true });
    const land = (name: string, text: string) => {
      writeFileSync(join(tmp.dir, name), text);
      renameSync(join(tmp.dir, name), join(dir, name));
    };
    const batches: unknown[][][] = [];
    const query = spark.readStream
      .schema('ts TIMESTAMP, v INT')
      .csv(dir)
      .withWatermark('ts', '10 seconds')
      .groupBy(window(col('ts'), '1 minute'))
      .agg(count('*').alias('n'))
      .select(col('window.start').cast('string').alias('start'), 'n')
      .writeStream.outputMode('complete')
      .foreachBatch((batch) => {
        batches.push(batch.collectArrays());
      })
      .start();
    land('1.csv', '2024-01-01 10:00:10,1\n2024-01-01 10:02:30,2\n');
    await query.processAllAvailable();
    // The watermark is now 10:02:20: the window [10:00, 10:01) has ended before it.
    land('2.csv', '2024-01-01 10:00:20,3\n');
    await query.processAllAvailable();
    const late = query.recentProgress.find((p) => p.numInputRows === 1)!;
    assert.equal(late.eventTime.watermark, '2024-01-01T10:02:20.000Z');
    assert.equal(late.stateOperators[0].numRowsDroppedByWatermark, 0);
    await query.stop();
    assert.deepEqual([...(batches.at(-1) ?? [])].sort(), [
      ['2024-01-01 10:00:00', 2],
      ['2024-01-01 10:02:00', 1],
    ]);
  });
});

// Regression: a limit after an aggregation in complete mode (a "top N" of the running result) limits each
// batch's whole result table, as in Spark; it used to count rows across batches like append mode's global
// limit, so the second batch's top N came out empty.
import { strict as assert } from 'node:assert';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { desc, sum } from '@streamshift/runtime/sql/functions';
import { session, scratch } from './helpers';

describe('sql: Structured Streaming limit in complete mode', () => {
  const spark = session();
  const tmp = scratch();
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    tmp.cleanup();
  });

  it('takes the top rows of the whole result table in every batch', async () => {
    const dir = join(tmp.dir, 'in');
    mkdirSync(dir, { recursive: true });
    const land = (name: string, text: string) => {
      writeFileSync(join(tmp.dir, name), text);
      renameSync(join(tmp.dir, name), join(dir, name));
    };
    const batches: unknown[][][] = [];
    const query = spark.readStream
      .schema('k STRING, v INT')
      .option('header', 'true')
      .csv(dir)
      .groupBy('k')
      .agg(sum('v').alias('total'))
      .orderBy(desc('total'))
      .limit(2)
      .writeStream.outputMode('complete')
      .foreachBatch((batch) => {
        batches.push(batch.collectArrays());
      })
      .start();
    land('1.csv', 'k,v\na,1\nb,2\nc,3\n');
    await query.processAllAvailable();
    land('2.csv', 'k,v\na,10\n');
    await query.processAllAvailable();
    await query.stop();
    assert.deepEqual(batches, [
      [
        ['c', 3],
        ['b', 2],
      ],
      [
        ['a', 11],
        ['c', 3],
      ],
    ]);
  });
});

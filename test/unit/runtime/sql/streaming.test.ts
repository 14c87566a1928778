import { strict as assert } from 'node:assert';
import {
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { col, count, sum, window, avg } from '@streamshift/runtime/sql/functions';
import type { DataFrame } from '@streamshift/runtime/sql';
import { session, scratch } from './helpers';

/** Runs a query over a DataFrame with foreachBatch, returning each batch's rows. */
function capture(df: DataFrame, mode: string, checkpoint?: string) {
  const batches: { id: number; rows: unknown[][] }[] = [];
  let w = df.writeStream.outputMode(mode).foreachBatch((b, id) => {
    batches.push({ id, rows: b.collectArrays() });
  });
  if (checkpoint) w = w.option('checkpointLocation', checkpoint);
  return { query: w.start(), batches };
}

describe('sql: Structured Streaming', () => {
  const spark = session();
  const tmp = scratch();
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    tmp.cleanup();
  });
  let n = 0;
  const freshDir = (): string => {
    const d = join(tmp.dir, `in${n++}`);
    mkdirSync(d, { recursive: true });
    return d;
  };
  /** Lands a file atomically (write elsewhere, rename in), optionally with a given modification time. */
  const land = (dir: string, name: string, text: string, mtimeSec?: number): void => {
    const hidden = join(dir, `.${name}.tmp`);
    writeFileSync(hidden, text);
    if (mtimeSec !== undefined) utimesSync(hidden, mtimeSec, mtimeSec);
    renameSync(hidden, join(dir, name));
  };
  const schema = 'sensor_id STRING, ts TIMESTAMP, temperature DOUBLE';

  describe('file source', () => {
    it('requires a schema unless schema inference is enabled', () => {
      const dir = freshDir();
      assert.throws(
        () => spark.readStream.csv(dir),
        /Schema must be specified when creating a streaming source DataFrame/,
      );
      land(dir, 'a.csv', 'x,y\n1,a\n');
      spark.conf.set('spark.sql.streaming.schemaInference', 'true');
      try {
        assert.deepEqual(spark.readStream.option('header', true).csv(dir).dtypes, [
          ['x', 'int'],
          ['y', 'string'],
        ]);
      } finally {
        spark.conf.set('spark.sql.streaming.schemaInference', 'false');
      }
    });

    it('reads existing files, then only new ones, oldest first, maxFilesPerTrigger per batch, ignoring _ and . files', async () => {
      const dir = freshDir();
      land(dir, 'b.csv', 's2,2024-01-01 00:00:02,2\n', 1000);
      land(dir, 'a.csv', 's1,2024-01-01 00:00:01,1\n', 2000);
      land(dir, '_ignored.csv', 'x,2024-01-01 00:00:00,0\n');
      const df = spark.readStream.schema(schema).option('maxFilesPerTrigger', 1).csv(dir);
      assert.equal(df.isStreaming, true);
      const { query, batches } = capture(df.select('sensor_id'), 'append');
      await query.processAllAvailable();
      assert.deepEqual(batches, [
        { id: 0, rows: [['s2']] },
        { id: 1, rows: [['s1']] },
      ]);
      land(dir, 'c.csv', 's3,2024-01-01 00:00:03,3\ns4,2024-01-01 00:00:04,4\n');
      await query.processAllAvailable();
      assert.deepEqual(batches[2], { id: 2, rows: [['s3'], ['s4']] });
      assert.equal(query.lastProgress!.numInputRows, 2);
      assert.equal(query.lastProgress!.batchId, 2);
      await query.stop();
      assert.equal(query.isActive, false);
    });

    it('latestFirst reads the newest files first; cleanSource=delete removes processed files', async () => {
      const dir = freshDir();
      land(dir, 'old.csv', 'old,2024-01-01 00:00:01,1\n', 1000);
      land(dir, 'new.csv', 'new,2024-01-01 00:00:02,2\n', 2000);
      const df = spark.readStream
        .schema(schema)
        .options({ latestFirst: true, maxFilesPerTrigger: 1, cleanSource: 'delete' })
        .csv(dir);
      const { query, batches } = capture(df.select('sensor_id'), 'append');
      await query.processAllAvailable();
      await query.stop();
      assert.deepEqual(
        batches.map((b) => b.rows),
        [[['new']], [['old']]],
      );
      assert.deepEqual(readdirSync(dir), []);
    });

    it('cleanSource=archive moves processed files; after the first batch maxFileAge skips old files', async () => {
      const dir = freshDir();
      const archive = join(tmp.dir, `archive${n++}`);
      const now = Date.now() / 1000;
      land(dir, 'first.csv', 'first,2024-01-01 00:00:01,1\n', now - 5 * 86400);
      const df = spark.readStream
        .schema(schema)
        .options({ maxFileAge: '1d', cleanSource: 'archive', sourceArchiveDir: archive })
        .csv(dir);
      const { query, batches } = capture(df.select('sensor_id'), 'append');
      await query.processAllAvailable();
      // Every file is valid for the first batch, however old.
      land(dir, 'fresh.csv', 'new,2024-01-01 00:00:02,2\n', now);
      await query.processAllAvailable();
      land(dir, 'ancient.csv', 'old,2024-01-01 00:00:01,1\n', now - 3 * 86400);
      await query.processAllAvailable();
      await query.stop();
      assert.deepEqual(
        batches.map((b) => b.rows),
        [[['first']], [['new']]],
      );
      assert.deepEqual(readdirSync(dir), ['ancient.csv']);
      assert.ok(existsSync(join(archive, dir, 'fresh.csv')) && existsSync(join(archive, dir, 'first.csv')));
      assert.throws(
        () => spark.readStream.schema(schema).option('cleanSource', 'archive').csv(dir),
        /Archive mode must be used with 'sourceArchiveDir' option/,
      );
    });

    it('update mode with a watermark evicts windows that can no longer change', async () => {
      const dir = freshDir();
      const df = spark.readStream
        .schema(schema)
        .csv(dir)
        .withWatermark('ts', '0 seconds')
        .groupBy(window('ts', '1 minute'))
        .count();
      const { query } = capture(df, 'update');
      land(dir, '1.csv', 's1,2024-01-01 10:00:10,1\ns1,2024-01-01 10:01:10,1\n');
      await query.processAllAvailable();
      land(dir, '2.csv', 's1,2024-01-01 10:02:10,1\n');
      await query.processAllAvailable();
      await query.stop();
      const ops = query.recentProgress.map((p) => p.stateOperators[0]);
      // Batch 0: two windows. No-data batch 1 (watermark 10:01:10) evicts [10:00, 10:01).
      assert.deepEqual(
        ops.map((o) => [o.numRowsTotal, o.numRowsRemoved]),
        [
          [2, 0],
          [1, 1],
          [2, 0],
          [1, 1],
        ],
      );
    });

    it('reads JSON lines and text directories', async () => {
      const dir = freshDir();
      land(dir, 'a.json', '{"sensor_id": "s1", "ts": "2024-01-01T00:00:00", "temperature": 1.5}\n');
      const { query, batches } = capture(spark.readStream.schema(schema).json(dir), 'append');
      await query.processAllAvailable();
      await query.stop();
      assert.deepEqual(batches[0].rows, [['s1', Date.UTC(2024, 0, 1), 1.5]]);
      const tdir = freshDir();
      land(tdir, 'a.txt', 'hello\nworld\n');
      const t = capture(spark.readStream.text(tdir), 'append');
      await t.query.processAllAvailable();
      await t.query.stop();
      assert.deepEqual(t.batches[0].rows, [['hello'], ['world']]);
    });
  });

  describe('output modes and state', () => {
    it('complete mode re-emits the whole aggregate; update mode only changed groups', async () => {
      const dir = freshDir();
      const df = spark.readStream.schema(schema).csv(dir);
      const complete = capture(
        df
          .groupBy('sensor_id')
          .agg(count('*').alias('n'), sum('temperature').alias('t'))
          .orderBy('sensor_id'),
        'complete',
      );
      const update = capture(df.groupBy('sensor_id').agg(count('*').alias('n')), 'update');
      land(dir, '1.csv', 's1,2024-01-01 00:00:01,1\ns2,2024-01-01 00:00:02,2\n');
      await complete.query.processAllAvailable();
      await update.query.processAllAvailable();
      land(dir, '2.csv', 's1,2024-01-01 00:00:03,10\n');
      await complete.query.processAllAvailable();
      await update.query.processAllAvailable();
      assert.deepEqual(complete.batches, [
        {
          id: 0,
          rows: [
            ['s1', 1, 1],
            ['s2', 1, 2],
          ],
        },
        {
          id: 1,
          rows: [
            ['s1', 2, 11],
            ['s2', 1, 2],
          ],
        },
      ]);
      assert.deepEqual(update.batches, [
        {
          id: 0,
          rows: [
            ['s1', 1],
            ['s2', 1],
          ],
        },
        { id: 1, rows: [['s1', 2]] },
      ]);
      assert.equal(update.query.lastProgress!.stateOperators[0].numRowsTotal, 2);
      assert.equal(update.query.lastProgress!.stateOperators[0].numRowsUpdated, 1);
      await complete.query.stop();
      await update.query.stop();
    });

    it('append mode with a watermark emits each window once it is final, drops late rows and evicts state', async () => {
      const dir = freshDir();
      const windowed = spark.readStream
        .schema(schema)
        .csv(dir)
        .withWatermark('ts', '10 seconds')
        .groupBy(window(col('ts'), '1 minute'))
        .agg(avg('temperature').alias('avg'), count('*').alias('n'))
        .select(col('window.start').cast('string').alias('start'), 'avg', 'n');
      const { query, batches } = capture(windowed, 'append');
      land(dir, '1.csv', 's1,2024-01-01 10:00:10,10\ns1,2024-01-01 10:00:50,20\n');
      await query.processAllAvailable();
      // The watermark (10:00:40) does not close [10:00, 10:01) yet: nothing emitted.
      assert.deepEqual(
        batches.map((b) => b.rows),
        [[], []],
      );
      land(dir, '2.csv', 's1,2024-01-01 10:01:30,30\n');
      await query.processAllAvailable();
      // Watermark 10:01:20 after batch 2: the no-data batch 3 emits [10:00, 10:01).
      assert.deepEqual(
        batches.slice(2).map((b) => b.rows),
        [[], [['2024-01-01 10:00:00', 15, 2]]],
      );
      land(dir, '3.csv', 's1,2024-01-01 10:00:59,99\ns1,2024-01-01 10:02:30,40\n');
      await query.processAllAvailable();
      // 10:00:59 is late (its window ended at 10:01 <= watermark 10:01:20): dropped and counted.
      const progress = query.recentProgress.find((p) => p.batchId === 4)!;
      assert.equal(progress.stateOperators[0].numRowsDroppedByWatermark, 1);
      assert.equal(progress.eventTime.watermark, '2024-01-01T10:01:20.000Z');
      assert.deepEqual(
        batches.slice(4).map((b) => b.rows),
        [[], [['2024-01-01 10:01:00', 30, 1]]],
      );
      assert.equal(query.lastProgress!.stateOperators[0].numRowsTotal, 1);
      await query.stop();
    });

    it('dropDuplicates keeps the first row per key across batches (with watermark eviction)', async () => {
      const dir = freshDir();
      const df = spark.readStream
        .schema(schema)
        .csv(dir)
        .withWatermark('ts', '1 minute')
        .dropDuplicates(['sensor_id', 'ts']);
      const { query, batches } = capture(df.select('sensor_id', 'temperature'), 'append');
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\ns1,2024-01-01 10:00:00,2\n');
      await query.processAllAvailable();
      land(dir, '2.csv', 's1,2024-01-01 10:00:00,3\ns1,2024-01-01 10:05:00,4\n');
      await query.processAllAvailable();
      land(dir, '3.csv', 's1,2024-01-01 10:01:00,5\n');
      await query.processAllAvailable();
      assert.deepEqual(
        batches.map((b) => b.rows).filter((r) => r.length > 0),
        [[['s1', 1]], [['s1', 4]]],
      );
      await query.stop();
    });

    it('joins a stream with a static DataFrame (inner and left outer)', async () => {
      const dir = freshDir();
      const dims = spark.createDataFrame([['s1', 'kitchen']], 'sensor_id STRING, room STRING');
      const df = spark.readStream.schema(schema).csv(dir);
      const inner = capture(df.join(dims, 'sensor_id').select('sensor_id', 'room'), 'append');
      const left = capture(df.join(dims, 'sensor_id', 'left').select('sensor_id', 'room'), 'append');
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\ns9,2024-01-01 10:00:00,2\n');
      await inner.query.processAllAvailable();
      await left.query.processAllAvailable();
      assert.deepEqual(inner.batches[0].rows, [['s1', 'kitchen']]);
      assert.deepEqual(left.batches[0].rows, [
        ['s1', 'kitchen'],
        ['s9', null],
      ]);
      await inner.query.stop();
      await left.query.stop();
    });
  });

  describe('stream-stream inner join', () => {
    it('emits every matching pair once, whichever side arrives first, and keeps its state across a restart', async () => {
      const imp = freshDir();
      const clk = freshDir();
      const cp = join(tmp.dir, `cp${n++}`);
      const joined = () => {
        const impressions = spark.readStream.schema('ad STRING, shown INT').csv(imp);
        const clicks = spark.readStream.schema('ad STRING, clicked INT').csv(clk);
        return impressions.join(clicks, 'ad');
      };
      let run = capture(joined(), 'append', cp);
      land(imp, '1.csv', 'a,1\nb,2\n');
      await run.query.processAllAvailable();
      land(clk, '1.csv', 'a,10\n');
      await run.query.processAllAvailable();
      land(imp, '2.csv', 'a,3\n');
      land(clk, '2.csv', 'c,30\n');
      await run.query.processAllAvailable();
      await run.query.stop();
      const pairs = (batches: { rows: unknown[][] }[]) =>
        batches.flatMap((b) => b.rows.map((r) => r.join(':'))).sort();
      assert.deepEqual(pairs(run.batches), ['a:1:10', 'a:3:10']);
      // After a restart the buffered rows still match new input.
      run = capture(joined(), 'append', cp);
      land(clk, '3.csv', 'b,20\n');
      await run.query.processAllAvailable();
      await run.query.stop();
      assert.deepEqual(pairs(run.batches), ['b:2:20']);
      assert.equal(run.query.lastProgress!.stateOperators[0].operatorName, 'symmetricHashJoin');
      assert.equal(run.query.lastProgress!.stateOperators[0].numRowsTotal, 6);
    });
  });

  describe('sinks and triggers', () => {
    it('console sink prints Spark’s "Batch: N" banner and table', async () => {
      const dir = freshDir();
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1.5\n');
      const writes: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        writes.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      try {
        const q = spark.readStream
          .schema(schema)
          .csv(dir)
          .select('sensor_id', 'temperature')
          .writeStream.format('console')
          .trigger({ once: true })
          .start();
        await q.awaitTermination();
      } finally {
        process.stdout.write = original;
      }
      assert.equal(
        writes.join(''),
        '-------------------------------------------\nBatch: 0\n-------------------------------------------\n' +
          '+---------+-----------+\n|sensor_id|temperature|\n+---------+-----------+\n|       s1|        1.5|\n+---------+-----------+\n\n',
      );
    });

    it('memory sink is queryable with spark.table and spark.sql; queryName is required', async () => {
      const dir = freshDir();
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\ns1,2024-01-01 10:00:01,2\n');
      const q = spark.readStream
        .schema(schema)
        .csv(dir)
        .groupBy('sensor_id')
        .count()
        .writeStream.outputMode('complete')
        .format('memory')
        .queryName('live_counts')
        .start();
      await q.processAllAvailable();
      assert.deepEqual(spark.table('live_counts').collectArrays(), [['s1', 2]]);
      assert.deepEqual(spark.sql('select * from live_counts').collectArrays(), [['s1', 2]]);
      await q.stop();
      assert.throws(
        () => spark.readStream.schema(schema).csv(dir).writeStream.format('memory').start(),
        /queryName must be specified for memory sink/,
      );
    });

    it('trigger once / availableNow stop by themselves; continuous is refused', async () => {
      const dir = freshDir();
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\n', 1000);
      land(dir, '2.csv', 's2,2024-01-01 10:00:00,1\n', 2000);
      const df = spark.readStream.schema(schema).option('maxFilesPerTrigger', 1).csv(dir);
      const once = df.writeStream.format('memory').queryName('once_q').trigger({ once: true }).start();
      assert.equal(await once.awaitTermination(5000), true);
      const now = df.writeStream
        .format('memory')
        .queryName('avail_q')
        .trigger({ availableNow: true })
        .start();
      assert.equal(await now.awaitTermination(5000), true);
      assert.equal(spark.table('avail_q').count(), 2);
      assert.equal(now.recentProgress.length, 2);
      assert.throws(
        () => df.writeStream.trigger({ continuous: '1 second' }),
        /Continuous processing .* is not supported/,
      );
      assert.equal(spark.streams.active.includes(once), false);
    });

    it('processingTime triggers batches on an interval', async () => {
      const dir = freshDir();
      const q = spark.readStream
        .schema(schema)
        .csv(dir)
        .writeStream.format('memory')
        .queryName('pt_q')
        .trigger({ processingTime: '20 milliseconds' })
        .start();
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\n');
      for (let i = 0; i < 200 && spark.table('pt_q').count() === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(spark.table('pt_q').count(), 1);
      assert.equal(q.isActive, true);
      assert.equal(q.status.isTriggerActive, false);
      await q.stop();
    });

    it('refuses unsupported operations at start() with Spark’s messages', () => {
      const dir = freshDir();
      const df = spark.readStream.schema(schema).csv(dir);
      const agg = df.groupBy('sensor_id').count();
      assert.throws(
        () => df.count(),
        /Queries with streaming sources must be executed with writeStream\.start\(\)/,
      );
      assert.throws(() => df.collect(), /writeStream\.start\(\)/);
      assert.throws(() => df.show(), /writeStream\.start\(\)/);
      assert.throws(
        () => agg.writeStream.outputMode('append').format('console').start(),
        /Append output mode not supported when there are streaming aggregations on streaming DataFrames\/DataSets without watermark/,
      );
      assert.throws(
        () => df.writeStream.outputMode('complete').format('console').start(),
        /Complete output mode not supported when there are no streaming aggregations/,
      );
      assert.throws(
        () => df.orderBy('ts').writeStream.format('console').start(),
        /Sorting is not supported on streaming DataFrames\/Datasets, unless it is on aggregated DataFrame\/Dataset in Complete output mode/,
      );
      assert.throws(
        () => agg.orderBy('count').writeStream.outputMode('update').format('console').start(),
        /Sorting is not supported/,
      );
      assert.throws(
        () => df.distinct().writeStream.format('console').start(),
        /Distinct is not supported on streaming DataFrames\/Datasets/,
      );
      assert.throws(
        () => df.limit(3).writeStream.outputMode('update').format('console').start(),
        /Limits are not supported on streaming DataFrames\/Datasets in Update output mode/,
      );
      assert.throws(
        () => agg.groupBy('count').count().writeStream.outputMode('complete').format('console').start(),
        /Multiple streaming aggregations are not supported/,
      );
      assert.throws(
        () =>
          agg.writeStream
            .outputMode('complete')
            .format('csv')
            .option('checkpointLocation', join(tmp.dir, 'cp-x'))
            .start(join(tmp.dir, 'o')),
        /Data source csv does not support Complete output mode/,
      );
      assert.throws(
        () => df.join(df, 'sensor_id', 'left').writeStream.format('console').start(),
        /Stream-stream left joins are not supported/,
      );
      const dims = spark.createDataFrame([['s1', 'k']], 'sensor_id STRING, room STRING');
      assert.throws(
        () => df.join(dims, 'sensor_id', 'right').writeStream.format('console').start(),
        /RightOuter join with a streaming DataFrame\/Dataset on the left and a static DataFrame\/Dataset on the right is not supported/,
      );
      assert.throws(() => df.write, /'write' can not be called on streaming Dataset\/DataFrame/);
      assert.throws(
        () => dims.writeStream,
        /'writeStream' can be called only on streaming Dataset\/DataFrame/,
      );
    });
  });

  describe('checkpoint and restart', () => {
    it('a restarted query continues with the next batch id and its aggregation state', async () => {
      const dir = freshDir();
      const cp = join(tmp.dir, `cp${n++}`);
      const df = spark.readStream.schema(schema).csv(dir).groupBy('sensor_id').agg(count('*').alias('n'));
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\n');
      const first = capture(df, 'complete', cp);
      await first.query.processAllAvailable();
      const id = first.query.id;
      await first.query.stop();
      land(dir, '2.csv', 's1,2024-01-01 10:00:01,1\n');
      const second = capture(df, 'complete', cp);
      await second.query.processAllAvailable();
      await second.query.stop();
      assert.deepEqual(second.batches, [{ id: 1, rows: [['s1', 2]] }]);
      assert.equal(second.query.id, id);
      assert.notEqual(second.query.runId, first.query.runId);
      assert.ok(existsSync(join(cp, 'offsets', '1')) && existsSync(join(cp, 'commits', '1')));
      // Changing the aggregation is refused with a clear error.
      const changed = spark.readStream.schema(schema).csv(dir).groupBy('sensor_id').agg(sum('temperature'));
      assert.throws(() => capture(changed, 'complete', cp), /STATE_STORE_INCOMPATIBLE/);
    });

    it('re-runs an uncommitted batch with the same input; the file sink never duplicates', async () => {
      const dir = freshDir();
      const out = join(tmp.dir, `out${n++}`);
      const cp = join(tmp.dir, `cp${n++}`);
      const start = () =>
        spark.readStream
          .schema(schema)
          .csv(dir)
          .writeStream.format('json')
          .option('checkpointLocation', cp)
          .start(out);
      land(dir, '1.csv', 's1,2024-01-01 10:00:00,1\ns2,2024-01-01 10:00:00,2\n');
      let q = start();
      await q.processAllAvailable();
      await q.stop();
      // Crash after the sink wrote batch 0 but before the commit: the batch runs again on restart.
      rmSync(join(cp, 'commits', '0'));
      land(dir, '2.csv', 's3,2024-01-01 10:00:00,3\n');
      q = start();
      await q.processAllAvailable();
      await q.stop();
      assert.deepEqual(
        q.recentProgress.map((p) => p.batchId),
        [0, 1],
      );
      const back = spark.read.schema(schema).json(out).orderBy('sensor_id').collectArrays();
      assert.deepEqual(
        back.map((r) => r[0]),
        ['s1', 's2', 's3'],
      );
      const log = readFileSync(join(out, '_spark_metadata', '0'), 'utf8');
      assert.match(log, /^v1\n\{"path":"file:\/\/.*part-00000-batch-0-c000\.json","action":"add"\}$/);
    });
  });
});

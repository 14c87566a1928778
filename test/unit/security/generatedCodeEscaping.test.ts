// Security: column expressions compile to JS functions, so every user string — column names, literals,
// CSV options (separator, quote, null value), watermark columns — must reach the generated code as data.
// The batch path is covered in runtime/sql/expressions.test.ts; this runs the same hostile strings
// through the streaming paths (file source with a schema, streaming aggregation, watermark, dedup) and the
// CSV reader's options.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkSession } from '@streamshift/runtime/sql';
import { col, concat, count, lit, sum, window } from '@streamshift/runtime/sql/functions';
import { StructField, StructType, StringType, LongType, TimestampType } from '@streamshift/runtime/sql/types';

const hostile = [
  "'); throw new Error('pwned'); ('",
  '"; globalThis.pwned = 1; "',
  '`${globalThis.pwned = 1}`',
  '\\u0027); globalThis.pwned = 1; //',
  '*/ globalThis.pwned = 1; /*',
  '\n}); globalThis.pwned = 1; (function(){\n',
  '\u2028globalThis.pwned = 1;\u2029',
];

describe('security: generated code escapes user strings (streaming paths, CSV options)', () => {
  const spark = SparkSession.builder.appName('security-codegen').master('local[2]').getOrCreate();
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  let root: string;
  let n = 0;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-security-codegen-'));
  });
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    rmSync(root, { recursive: true, force: true });
    assert.equal((globalThis as { pwned?: number }).pwned, undefined);
  });

  const land = (dir: string, name: string, text: string) => {
    writeFileSync(join(dir, `.${name}.tmp`), text);
    renameSync(join(dir, `.${name}.tmp`), join(dir, name));
  };

  for (const h of hostile) {
    it(`streaming aggregation, watermark and dedup over a column named ${JSON.stringify(h)}`, async () => {
      const dir = join(root, `in${n++}`);
      mkdirSync(dir);
      const schema = new StructType([
        new StructField(h, StringType, true),
        new StructField(`${h}ts`, TimestampType, true),
        new StructField('n', LongType, true),
      ]);
      // JSON lines carry the hostile name as a key and the hostile literal as a value.
      const line = (key: string, ts: string, v: number) => JSON.stringify({ [h]: key, [`${h}ts`]: ts, n: v });
      land(
        dir,
        'a.json',
        [
          line(h, '2024-01-01 00:00:01', 1),
          line('other', '2024-01-01 00:00:02', 2),
          line(h, '2024-01-01 00:00:03', 3),
        ].join('\n') + '\n',
      );
      const df = spark.readStream.schema(schema).json(dir);
      const rows: unknown[][] = [];
      const query = df
        .withWatermark(`${h}ts`, '1 minute')
        .dropDuplicates([h, `${h}ts`])
        .filter(
          col(h)
            .equalTo(lit(h))
            .or(col(h).equalTo(lit('other'))),
        )
        .withColumn(`${h}2`, concat(col(h), lit(h)))
        .groupBy(window(col(`${h}ts`), '10 seconds'), col(`${h}2`))
        .agg(count(lit(1)).alias(h), sum(col('n')).alias(`${h}sum`))
        .writeStream.outputMode('update')
        .foreachBatch((batch) => {
          rows.push(...batch.select(`${h}2`, h, `${h}sum`).collectArrays());
        })
        .start();
      await query.processAllAvailable();
      await query.stop();
      assert.deepEqual(
        rows.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        [
          [`${h}${h}`, 2, 4],
          [`other${h}`, 1, 2],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      assert.equal((globalThis as { pwned?: number }).pwned, undefined);
    });
  }

  it('CSV options (sep, nullValue) and the corrupt-record column name are data, batch and stream', async () => {
    const dir = join(root, `csv${n++}`);
    mkdirSync(dir);
    const corrupt = hostile[0]!;
    const nullValue = hostile[4]!;
    land(dir, 'a.csv', `x|1\n${nullValue}|2\nbroken\n`);
    const options = { sep: '|', nullValue, mode: 'PERMISSIVE', columnNameOfCorruptRecord: corrupt };
    const schema = `k STRING, v INT, \`${corrupt.replace(/`/g, '``')}\` STRING`;
    const batch = spark.read.schema(schema).options(options).csv(dir).collectArrays();
    assert.deepEqual(batch, [
      ['x', 1, null],
      [null, 2, null],
      // As Spark 3: a short row is malformed; PERMISSIVE keeps the tokens it has.
      ['broken', null, 'broken'],
    ]);
    const got: unknown[][] = [];
    const query = spark.readStream
      .schema(schema)
      .options(options)
      .csv(dir)
      .writeStream.foreachBatch((b) => {
        got.push(...b.collectArrays());
      })
      .start();
    await query.processAllAvailable();
    await query.stop();
    assert.deepEqual(got, batch);
  });
});

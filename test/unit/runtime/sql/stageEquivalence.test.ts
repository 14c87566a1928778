import { strict as assert } from 'node:assert';
import {
  avg,
  col,
  count,
  explode,
  lit,
  max,
  split,
  sum,
  upper,
  when,
} from '@streamshift/runtime/sql/functions';
import type { DataFrame } from '@streamshift/runtime/sql';
import { session, scratch } from './helpers';

// Differential test: the same pipelines over the generated CSV scan and over materialized rows
// (cache()) must give the same results; and a DROPMALFORMED read (which converts every column up
// front instead of where the stage first needs it) too.
describe('sql: generated stages agree across sources', () => {
  const spark = session();
  const tmp = scratch();
  after(() => tmp.cleanup());
  const lines = ['id,name,tags,score,city'];
  for (let i = 0; i < 300; i++)
    lines.push(
      `${i},${i % 7 === 0 ? '' : `n${i % 13}`},${['a b', 'b', '', 'c a b'][i % 4]},${i % 3 === 0 ? '' : (i * 37) % 101},${['NY', 'LA', ''][i % 3]}`,
    );
  const path = tmp.write('data.csv', lines.join('\n') + '\n');
  const schema = 'id INT, name STRING, tags STRING, score INT, city STRING';
  const pipelines: [string, (df: DataFrame) => DataFrame][] = [
    ['filter → select', (df) => df.filter(col('score').gt(50)).select('name', 'id')],
    [
      'select → filter',
      (df) => df.select(col('id').plus(1).alias('i'), 'city').filter("city = 'NY' AND i % 2 = 0"),
    ],
    [
      'project → project',
      (df) => df.withColumn('s2', col('score').multiply(2)).select(upper('name').alias('u'), 's2'),
    ],
    [
      'explode → filter → aggregate',
      (df) =>
        df
          .select('id', explode(split('tags', ' ')).alias('t'))
          .filter(col('t').notEqual(''))
          .groupBy('t')
          .agg(count('*'), sum('id')),
    ],
    [
      'filter → aggregate with expressions',
      (df) =>
        df
          .filter(col('score').isNotNull())
          .groupBy(when(col('score').gt(50), 'hi').otherwise('lo').alias('band'), 'city')
          .agg(avg('score'), max('id')),
    ],
    ['global aggregate', (df) => df.agg(count('score'), sum(col('score').multiply(lit(2))))],
    ['limit', (df) => df.filter(col('name').isNull()).select('id').limit(5)],
  ];
  const sorted = (df: DataFrame): string[] =>
    df
      .collectArrays()
      .map((r) => JSON.stringify(r))
      .sort();

  for (const [name, build] of pipelines) {
    it(name, () => {
      const scan = spark.read.schema(schema).csv(path, { header: true });
      const rows = scan.cache();
      const validating = spark.read.schema(schema).csv(path, { header: true, mode: 'DROPMALFORMED' });
      const expected = sorted(build(rows));
      assert.ok(expected.length > 0);
      assert.deepEqual(sorted(build(scan)), expected);
      assert.deepEqual(sorted(build(validating)), expected);
    });
  }
});

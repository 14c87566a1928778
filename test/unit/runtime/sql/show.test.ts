import { strict as assert } from 'node:assert';
import { col, lit, window, count, avg } from '@streamshift/runtime/sql/functions';
import { session } from './helpers';

describe('sql: show() and printSchema() output', () => {
  const spark = session();

  it('prints Spark’s grid: right-aligned cells, min width 3, header separators', () => {
    const df = spark.createDataFrame(
      [
        ['alice', 1, 2.5],
        ['bob', 22, null],
      ],
      'name STRING, n INT, x DOUBLE',
    );
    assert.equal(
      df.showString(),
      '+-----+---+----+\n' +
        '| name|  n|   x|\n' +
        '+-----+---+----+\n' +
        '|alice|  1| 2.5|\n' +
        '|  bob| 22|NULL|\n' +
        '+-----+---+----+\n',
    );
  });

  it('adds "only showing top N rows" when there are more rows, singular for one row', () => {
    const df = spark.createDataFrame([[1], [2], [3]], 'v INT');
    assert.equal(df.showString(2), '+---+\n|  v|\n+---+\n|  1|\n|  2|\n+---+\nonly showing top 2 rows\n');
    assert.equal(df.showString(1), '+---+\n|  v|\n+---+\n|  1|\n+---+\nonly showing top 1 row\n');
    assert.equal(df.showString(3), '+---+\n|  v|\n+---+\n|  1|\n|  2|\n|  3|\n+---+\n');
  });

  it('truncates cells longer than 20 characters to 17 plus "...", and left-aligns with truncate=false', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz';
    const df = spark.createDataFrame([[long, 'x']], 's STRING, t STRING');
    assert.equal(
      df.showString(20, true),
      '+--------------------+---+\n|                   s|  t|\n+--------------------+---+\n|abcdefghijklmnopq...|  x|\n+--------------------+---+\n',
    );
    assert.equal(
      df.showString(20, false),
      '+--------------------------+---+\n|s                         |t  |\n+--------------------------+---+\n|abcdefghijklmnopqrstuvwxyz|x  |\n+--------------------------+---+\n',
    );
    // truncate=n < 4 cuts without an ellipsis.
    assert.equal(df.select('s').showString(20, 3), '+---+\n|  s|\n+---+\n|abc|\n+---+\n');
  });

  it('renders doubles, booleans, timestamps, dates, arrays and structs as Spark does', () => {
    const df = spark.createDataFrame(
      [[1e7, 0.0001, true, '2024-03-01 10:00:00', '2024-03-01', ['a', null]]],
      'big DOUBLE, small DOUBLE, b BOOLEAN, ts TIMESTAMP, d DATE, arr ARRAY<STRING>',
    );
    assert.equal(
      df.showString(),
      '+-----+------+----+-------------------+----------+---------+\n' +
        '|  big| small|   b|                 ts|         d|      arr|\n' +
        '+-----+------+----+-------------------+----------+---------+\n' +
        '|1.0E7|1.0E-4|true|2024-03-01 10:00:00|2024-03-01|[a, NULL]|\n' +
        '+-----+------+----+-------------------+----------+---------+\n',
    );
    const w = df.groupBy(window(col('ts'), '10 minutes')).agg(count('*'));
    assert.equal(
      w.showString(20, false),
      '+------------------------------------------+--------+\n' +
        '|window                                    |count(1)|\n' +
        '+------------------------------------------+--------+\n' +
        '|{2024-03-01 10:00:00, 2024-03-01 10:10:00}|1       |\n' +
        '+------------------------------------------+--------+\n',
    );
  });

  it('prints an empty result as header and borders only', () => {
    const df = spark.createDataFrame([[1]], 'v INT').filter(col('v').gt(5));
    assert.equal(df.showString(), '+---+\n|  v|\n+---+\n+---+\n');
  });

  it('supports vertical output', () => {
    const df = spark.createDataFrame([['a', 1]], 'name STRING, n INT');
    assert.equal(df.showString(20, true, true), '-RECORD 0---\n name | a   \n n    | 1   \n');
  });

  it('names columns like Spark (expression text, count(1), avg(x))', () => {
    const df = spark.createDataFrame([['s', 1.5]], 'id STRING, t DOUBLE');
    assert.deepEqual(
      df.select(
        col('t').plus(1),
        col('t').multiply(9).divide(5),
        lit('x'),
        col('t').gt(1).and(col('id').isNull()),
      ).columns,
      ['(t + 1)', '((t * 9) / 5)', 'x', '((t > 1) AND (id IS NULL))'],
    );
    assert.deepEqual(df.groupBy('id').agg(count('*'), avg('t')).columns, ['id', 'count(1)', 'avg(t)']);
    assert.deepEqual(df.groupBy('id').count().columns, ['id', 'count']);
    assert.deepEqual(df.select(col('t').cast('int')).columns, ['t']);
    assert.deepEqual(df.selectExpr('t * 2 AS double_t', 'upper(id)').columns, ['double_t', 'upper(id)']);
  });

  it('printSchema prints Spark’s tree with nullability, nested structs and arrays', () => {
    const df = spark.createDataFrame([['2024-01-01 00:00:00', 'a', 1]], 'ts TIMESTAMP, k STRING, n BIGINT');
    const agg = df.groupBy(window(col('ts'), '1 minute'), col('k')).agg(count('*').alias('c'));
    assert.equal(
      agg.schema.treeString(),
      'root\n' +
        ' |-- window: struct (nullable = false)\n' +
        ' |    |-- start: timestamp (nullable = true)\n' +
        ' |    |-- end: timestamp (nullable = true)\n' +
        ' |-- k: string (nullable = true)\n' +
        ' |-- c: long (nullable = false)\n',
    );
    const arr = spark.createDataFrame([[['x']]], 'tags ARRAY<STRING>, n INT'.replace(', n INT', ''));
    assert.equal(
      arr.schema.treeString(),
      'root\n |-- tags: array (nullable = true)\n |    |-- element: string (containsNull = true)\n',
    );
  });
});

import { strict as assert } from 'node:assert';
import {
  col,
  expr,
  lit,
  when,
  coalesce,
  concat,
  upper,
  round,
  abs,
  split,
  regexp_replace,
  regexp_extract,
  initcap,
  date_add,
  datediff,
  to_date,
  unix_timestamp,
  from_unixtime,
} from '@streamshift/runtime/sql/functions';
import { Column } from '@streamshift/runtime/sql';
import { session } from './helpers';

describe('sql: column expressions', () => {
  const spark = session();
  // Three-valued logic table inputs: every combination of TRUE, FALSE, NULL.
  const tvl = spark.createDataFrame(
    [
      [true, true],
      [true, false],
      [true, null],
      [false, true],
      [false, false],
      [false, null],
      [null, true],
      [null, false],
      [null, null],
    ],
    'a BOOLEAN, b BOOLEAN',
  );
  const values = (c: Column, df = tvl): unknown[] =>
    df
      .select(c)
      .collectArrays()
      .map((r) => r[0]);

  describe('NULL semantics', () => {
    it('AND / OR / NOT follow SQL three-valued logic', () => {
      assert.deepEqual(values(col('a').and(col('b'))), [
        true,
        false,
        null,
        false,
        false,
        false,
        null,
        false,
        null,
      ]);
      assert.deepEqual(values(col('a').or(col('b'))), [
        true,
        true,
        true,
        true,
        false,
        null,
        true,
        null,
        null,
      ]);
      assert.deepEqual(values(col('a').not()), [false, false, false, true, true, true, null, null, null]);
    });

    it('comparisons and arithmetic with NULL give NULL; IS NULL and <=> never do', () => {
      const df = spark.createDataFrame(
        [
          [1, null],
          [2, 2],
        ],
        'x INT, y INT',
      );
      assert.deepEqual(values(col('x').equalTo(col('y')), df), [null, true]);
      assert.deepEqual(values(col('x').plus(col('y')), df), [null, 4]);
      assert.deepEqual(values(col('y').isNull(), df), [true, false]);
      assert.deepEqual(values(col('x').eqNullSafe(col('y')), df), [false, true]);
      assert.deepEqual(values(col('y').eqNullSafe(lit(null)), df), [true, false]);
    });

    it('filter keeps only rows where the condition is TRUE (not NULL)', () => {
      assert.equal(tvl.filter(col('a').or(col('b'))).count(), 5);
      assert.equal(tvl.filter('NOT (a AND b)').count(), 5);
    });

    it('IN is TRUE on a match, NULL when unmatched with a NULL in the list, else FALSE', () => {
      const df = spark.createDataFrame([[1], [3], [null]], 'x INT');
      assert.deepEqual(values(col('x').isin(1, 2), df), [true, false, null]);
      assert.deepEqual(values(col('x').isin(1, null), df), [true, null, null]);
      assert.deepEqual(values(expr('x NOT IN (1, 2)'), df), [false, true, null]);
    });

    it('division and modulo by zero give NULL (non-ANSI)', () => {
      const df = spark.createDataFrame(
        [
          [7, 0],
          [7, 2],
        ],
        'x INT, y INT',
      );
      assert.deepEqual(values(col('x').divide(col('y')), df), [null, 3.5]);
      assert.deepEqual(values(col('x').mod(col('y')), df), [null, 1]);
    });
  });

  describe('operators and functions', () => {
    const people = spark.createDataFrame(
      [
        ['Alice', 34, 'NY'],
        ['bob', 17, null],
        ['Carol_x', 51, 'LA'],
      ],
      'name STRING, age INT, city STRING',
    );

    it('LIKE with % and _, escaping, and BETWEEN inclusive', () => {
      assert.deepEqual(values(col('name').like('%o%'), people), [false, true, true]);
      assert.deepEqual(values(col('name').like('_ob'), people), [false, true, false]);
      assert.deepEqual(values(expr("name LIKE 'Carol\\\\_%'"), people), [false, false, true]);
      assert.deepEqual(values(col('age').between(17, 34), people), [true, true, false]);
      assert.deepEqual(values(expr('age NOT BETWEEN 18 AND 60'), people), [false, true, false]);
    });

    it('CASE WHEN via when().otherwise() and SQL, first match wins, no ELSE gives NULL', () => {
      const grp = when(col('age').lt(18), 'minor').when(col('age').lt(50), 'adult').otherwise('senior');
      assert.deepEqual(values(grp, people), ['adult', 'minor', 'senior']);
      assert.deepEqual(values(when(col('age').gt(40), 1), people), [null, null, 1]);
      assert.deepEqual(values(expr("CASE city WHEN 'NY' THEN 'east' WHEN 'LA' THEN 'west' END"), people), [
        'east',
        null,
        'west',
      ]);
    });

    it('CAST follows non-ANSI Spark: bad strings become NULL, decimals truncate to int', () => {
      const df = spark.createDataFrame([['12'], [' 7 '], ['1.9'], ['abc'], [null]], 's STRING');
      assert.deepEqual(values(col('s').cast('int'), df), [12, 7, 1, null, null]);
      assert.deepEqual(values(col('s').cast('double'), df), [12, 7, 1.9, null, null]);
      assert.deepEqual(
        values(expr('CAST(s AS BOOLEAN)'), spark.createDataFrame([['true'], ['N'], ['maybe']], 's STRING')),
        [true, false, null],
      );
      assert.deepEqual(values(lit(3.99).cast('int'), df.limit(1)), [3]);
      // Nested NULLs print as null in CAST (show() prints NULL, see show.test.ts).
      const arr = spark.createDataFrame([[['a', null]]], 'arr ARRAY<STRING>');
      assert.deepEqual(values(col('arr').cast('string'), arr), ['[a, null]']);
      assert.deepEqual(values(lit(12345678.5).cast('string'), arr), ['1.23456785E7']);
      assert.deepEqual(values(lit(2147483647).plus(1), df.limit(1)), [-2147483648]);
    });

    it('string and math functions', () => {
      assert.deepEqual(values(upper('name'), people), ['ALICE', 'BOB', 'CAROL_X']);
      assert.deepEqual(values(concat(col('name'), lit('@'), col('city')), people), [
        'Alice@NY',
        null,
        'Carol_x@LA',
      ]);
      assert.deepEqual(values(coalesce(col('city'), lit('?')), people), ['NY', '?', 'LA']);
      assert.deepEqual(values(split(col('name'), '_'), people), [['Alice'], ['bob'], ['Carol', 'x']]);
      assert.deepEqual(values(regexp_replace('name', '[aeiou]', '*'), people), ['Al*c*', 'b*b', 'C*r*l_x']);
      assert.deepEqual(values(regexp_extract('name', '(\\w+)_(\\w+)', 2), people), ['', '', 'x']);
      assert.deepEqual(values(initcap(lit('hello wORLD')), people.limit(1)), ['Hello World']);
      const days = spark.createDataFrame([['2024-03-01', '2024-02-28 10:00:00']], 'd DATE, t STRING');
      assert.deepEqual(
        days
          .select(
            date_add('d', 1).cast('string'),
            datediff('d', to_date('t')),
            unix_timestamp('t'),
            from_unixtime(lit(0)),
          )
          .collectArrays(),
        [['2024-03-02', 2, Date.UTC(2024, 1, 28, 10) / 1000, '1970-01-01 00:00:00']],
      );
      const nums = spark.createDataFrame([[2.5], [-2.5], [1.005], [-3.14159]], 'x DOUBLE');
      assert.deepEqual(values(round('x'), nums), [3, -3, 1, -3]);
      assert.deepEqual(values(round('x', 2), nums), [2.5, -2.5, 1.01, -3.14]);
      assert.deepEqual(values(abs('x'), nums), [2.5, 2.5, 1.005, 3.14159]);
    });

    it('expr() parses arithmetic precedence, functions, aliases and backticks', () => {
      const df = spark.createDataFrame([[2, 3, 'a b']], 'x INT, y INT, `my col` STRING');
      const out = df.selectExpr(
        'x + y * 2 AS r',
        '-(x - y) % 2',
        'upper(`my col`) u',
        'x > 1 AND y < 3 OR x = 2',
      );
      assert.deepEqual(out.columns, [
        'r',
        '(- (x - y)) % 2'.replace(/^/, '(').replace(/$/, ')'),
        'u',
        '(((x > 1) AND (y < 3)) OR (x = 2))',
      ]);
      assert.deepEqual(out.collectArrays(), [[8, 1, 'A B', true]]);
      assert.throws(() => df.selectExpr('nosuch(x)'), /UNRESOLVED_ROUTINE/);
      assert.throws(() => df.selectExpr('x +'), /PARSE_SYNTAX_ERROR/);
      assert.throws(
        () => df.select(col('zzz')),
        /UNRESOLVED_COLUMN\.WITH_SUGGESTION.*`zzz`.*\[`x`, `y`, `my col`\]/,
      );
    });

    it('type errors surface when the DataFrame is defined', () => {
      assert.throws(() => people.select(col('name').plus(col('city').isNull())), /DATATYPE_MISMATCH/);
      assert.throws(() => people.filter(col('age')), /FILTER_NOT_BOOLEAN/);
    });
  });

  describe('generated code never embeds user text', () => {
    const hostile = [
      "'); throw new Error('pwned'); ('",
      '"; process.exit(1); "',
      '`${process.exit(1)}`',
      '\\u0027); globalThis.pwned = 1; //',
      '*/ globalThis.pwned = 1; /*',
      '\n}); globalThis.pwned = 1; (function(){\n',
    ];

    it('handles hostile column names and literals as plain data', () => {
      for (const h of hostile) {
        const df = spark.createDataFrame([[h, 1]], [h, 'n']);
        const out = df
          .withColumn(h + '2', concat(col(h), lit(h)))
          .filter(
            col(h)
              .equalTo(lit(h))
              .and(col(h).like(h.replace(/[%_\\]/g, '\\$&'))),
          )
          .groupBy(col(h))
          .count();
        assert.deepEqual(out.collectArrays(), [[h, 1]], `failed for ${JSON.stringify(h)}`);
        assert.deepEqual(df.selectExpr('`' + h.replace(/`/g, '``') + '`').collectArrays(), [[h]]);
        assert.deepEqual(
          df
            .filter(
              expr(
                `n = 1 AND '${h.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' = \`${h.replace(/`/g, '``')}\``,
              ),
            )
            .count(),
          1,
        );
      }
      assert.equal((globalThis as { pwned?: number }).pwned, undefined);
    });
  });
});

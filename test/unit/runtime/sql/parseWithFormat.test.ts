// to_date / to_timestamp with a format: a string the pattern does not match is NULL, so
// the result column is nullable even over a NOT NULL string column (Spark: nullable = true).
import { strict as assert } from 'node:assert';
import { to_date, to_timestamp } from '@streamshift/runtime/sql/functions';
import { session } from './helpers';

describe('sql: parsing strings with a format', () => {
  const spark = session();
  const texts = spark.createDataFrame([['2024-03-01'], ['nope']], 'v STRING NOT NULL');

  it('to_date(v, fmt): NULL for a string the pattern does not match, and a nullable column', () => {
    const out = texts.select(to_date('v', 'yyyy-MM-dd').alias('d'));
    assert.equal(out.schema.fields[0].nullable, true);
    assert.deepEqual(out.select(out.col('d').cast('string')).collectArrays(), [['2024-03-01'], [null]]);
  });

  it('to_timestamp(v, fmt): NULL for a string the pattern does not match, and a nullable column', () => {
    const out = texts.select(to_timestamp('v', 'yyyy-MM-dd').alias('t'));
    assert.equal(out.schema.fields[0].nullable, true);
    assert.deepEqual(
      out.collectArrays().map((r) => r[0]),
      [Date.UTC(2024, 2, 1), null],
    );
  });

  it('without a format the string is cast, which is nullable too', () => {
    const out = texts.select(to_date('v').alias('d'));
    assert.equal(out.schema.fields[0].nullable, true);
    assert.deepEqual(out.select(out.col('d').cast('string')).collectArrays(), [['2024-03-01'], [null]]);
  });
});

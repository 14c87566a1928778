import { strict as assert } from 'node:assert';
import { col } from '@streamshift/runtime/sql/functions';
import { session } from './helpers';

describe('sql: joins', () => {
  const spark = session();
  const left = spark.createDataFrame(
    [
      [1, 'a'],
      [2, 'b'],
      [null, 'n'],
      [4, 'd'],
    ],
    'id INT, l STRING',
  );
  const right = spark.createDataFrame(
    [
      [1, 'x'],
      [1, 'y'],
      [3, 'z'],
      [null, 'm'],
    ],
    'id INT, r STRING',
  );
  const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();
  const joined = (how: string): string[] => sorted(left.join(right, 'id', how).collectArrays());

  it('inner on a USING column: one key column, NULL keys never match', () => {
    const df = left.join(right, 'id');
    assert.deepEqual(df.columns, ['id', 'l', 'r']);
    assert.deepEqual(
      joined('inner'),
      sorted([
        [1, 'a', 'x'],
        [1, 'a', 'y'],
      ]),
    );
  });

  it('left outer keeps unmatched left rows with NULLs', () => {
    assert.deepEqual(
      joined('left'),
      sorted([
        [1, 'a', 'x'],
        [1, 'a', 'y'],
        [2, 'b', null],
        [null, 'n', null],
        [4, 'd', null],
      ]),
    );
  });

  it('right outer keeps unmatched right rows, key taken from the right', () => {
    assert.deepEqual(
      joined('right_outer'),
      sorted([
        [1, 'a', 'x'],
        [1, 'a', 'y'],
        [3, null, 'z'],
        [null, null, 'm'],
      ]),
    );
  });

  it('full outer keeps both sides’ unmatched rows', () => {
    assert.deepEqual(
      joined('full'),
      sorted([
        [1, 'a', 'x'],
        [1, 'a', 'y'],
        [2, 'b', null],
        [null, 'n', null],
        [4, 'd', null],
        [3, null, 'z'],
        [null, null, 'm'],
      ]),
    );
    assert.deepEqual(joined('outer'), joined('full'));
  });

  it('left_semi and left_anti return left columns only, each left row at most once', () => {
    assert.deepEqual(left.join(right, 'id', 'left_semi').columns, ['id', 'l']);
    assert.deepEqual(joined('left_semi'), sorted([[1, 'a']]));
    assert.deepEqual(
      joined('anti'),
      sorted([
        [2, 'b'],
        [null, 'n'],
        [4, 'd'],
      ]),
    );
  });

  it('joins on a condition with df.col() references, keeping both key columns', () => {
    const df = left.join(
      right,
      left.col('id').equalTo(right.col('id')).and(right.col('r').notEqual('y')),
      'left',
    );
    assert.deepEqual(df.columns, ['id', 'l', 'id', 'r']);
    assert.deepEqual(
      sorted(df.collectArrays()),
      sorted([
        [1, 'a', 1, 'x'],
        [2, 'b', null, null],
        [null, 'n', null, null],
        [4, 'd', null, null],
      ]),
    );
    // Ambiguous bare names are an error, as in Spark; qualified names through alias() work.
    assert.throws(() => df.select('id'), /AMBIGUOUS_REFERENCE/);
    const viaAlias = left
      .alias('a')
      .join(right.alias('b'), col('a.id').equalTo(col('b.id')))
      .select('a.l', 'b.r');
    assert.deepEqual(
      sorted(viaAlias.collectArrays()),
      sorted([
        ['a', 'x'],
        ['a', 'y'],
      ]),
    );
  });

  it('non-equi conditions and cross joins use a nested loop', () => {
    const df = left.join(right, left.col('id').lt(right.col('id')), 'inner');
    assert.deepEqual(
      sorted(df.select(left.col('l'), right.col('r')).collectArrays()),
      sorted([
        ['a', 'z'],
        ['b', 'z'],
      ]),
    );
    assert.equal(left.crossJoin(right).count(), 16);
  });

  it('joins on several USING columns and rejects unknown join types and columns', () => {
    const a = spark.createDataFrame([[1, 'x', 10]], 'k1 INT, k2 STRING, v INT');
    const b = spark.createDataFrame(
      [
        [1, 'x', 20],
        [1, 'y', 30],
      ],
      'k1 INT, k2 STRING, w INT',
    );
    assert.deepEqual(a.join(b, ['k1', 'k2']).collectArrays(), [[1, 'x', 10, 20]]);
    assert.throws(() => a.join(b, 'k1', 'sideways'), /UNSUPPORTED_JOIN_TYPE/);
    assert.throws(() => a.join(b, 'v'), /UNRESOLVED_USING_COLUMN_FOR_JOIN/);
  });
});

import { strict as assert } from 'node:assert';
import type { RDD } from '@streamshift/runtime';
import { sorted, useSparkContext } from './context';

describe('RDD shuffles and joins', () => {
  const sc = useSparkContext();
  const pairs = (): RDD<[string, number]> =>
    sc().parallelize<[string, number]>(
      [
        ['a', 1],
        ['b', 2],
        ['a', 3],
        ['c', 4],
        ['b', 5],
      ],
      3,
    );

  it('reduceByKey combines per key, keeping the parent partition count by default', () => {
    const reduced = pairs().reduceByKey((x, y) => x + y);
    assert.equal(reduced.getNumPartitions(), 3);
    assert.deepEqual(sorted(reduced.collect()), [
      ['a', 4],
      ['b', 7],
      ['c', 4],
    ]);
    assert.equal(
      pairs()
        .reduceByKey((x, y) => x + y, 1)
        .getNumPartitions(),
      1,
    );
    assert.deepEqual(
      sc()
        .emptyRDD<[string, number]>()
        .reduceByKey((x, y) => x + y)
        .collect(),
      [],
    );
  });

  it('reduceByKey combines on the map side: one record per key per partition reaches the reducer', () => {
    const seen: [number, number][] = [];
    sc()
      .parallelize<[string, number]>(
        [
          ['k', 1],
          ['k', 1],
          ['k', 1],
          ['k', 1],
        ],
        2,
      )
      .reduceByKey((x, y) => {
        seen.push([x, y]);
        return x + y;
      }, 1)
      .collect();
    // Two map-side merges (one per partition), then one reduce-side merge of the two partial sums.
    assert.deepEqual(seen, [
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });

  it('keys compare by value: tuples, numbers vs strings, null and undefined', () => {
    const rdd = sc().parallelize<[unknown, number]>(
      [
        [['x', 1], 1],
        [['x', 1], 2],
        [['x', 2], 4],
        [1, 8],
        ['1', 16],
        [null, 32],
        [undefined, 64],
      ],
      3,
    );
    const result = rdd.reduceByKey((a, b) => a + b).collect();
    assert.deepEqual(
      sorted(result),
      sorted([
        [['x', 1], 3],
        [['x', 2], 4],
        [1, 8],
        ['1', 16],
        [null, 96],
      ]),
    );
  });

  it('a structured key made of strings with commas cannot collide with another key', () => {
    const result = sc()
      .parallelize<[string[], number]>(
        [
          [['a', 'b'], 1],
          [['a,b'], 1],
          [['a', 'b'], 1],
        ],
        2,
      )
      .reduceByKey((x, y) => x + y)
      .collect();
    assert.deepEqual(
      sorted(result),
      sorted([
        [['a', 'b'], 2],
        [['a,b'], 1],
      ]),
    );
  });

  it('groupByKey and groupBy', () => {
    assert.deepEqual(sorted(pairs().groupByKey().collect()), [
      ['a', [1, 3]],
      ['b', [2, 5]],
      ['c', [4]],
    ]);
    assert.deepEqual(
      sorted(
        sc()
          .parallelize([1, 2, 3, 4, 5])
          .groupBy((x) => x % 2)
          .collect(),
      ),
      [
        [0, [2, 4]],
        [1, [1, 3, 5]],
      ],
    );
  });

  it('aggregateByKey gives each key its own copy of the zero value', () => {
    const result = pairs().aggregateByKey(
      [] as number[],
      (acc, v) => {
        acc.push(v);
        return acc;
      },
      (a, b) => a.concat(b),
    );
    assert.deepEqual(sorted(result.collect()), [
      ['a', [1, 3]],
      ['b', [2, 5]],
      ['c', [4]],
    ]);
    const sumCount = pairs().aggregateByKey<string, number, [number, number]>(
      [0, 0],
      (acc, v) => [acc[0] + v, acc[1] + 1],
      (a, b) => [a[0] + b[0], a[1] + b[1]],
    );
    assert.deepEqual(sorted(sumCount.collect()), [
      ['a', [4, 2]],
      ['b', [7, 2]],
      ['c', [4, 1]],
    ]);
  });

  it('foldByKey and combineByKey', () => {
    assert.deepEqual(
      sorted(
        pairs()
          .foldByKey(0, (a, b) => a + b)
          .collect(),
      ),
      [
        ['a', 4],
        ['b', 7],
        ['c', 4],
      ],
    );
    const combined = pairs().combineByKey(
      (v) => String(v),
      (c, v) => c + '+' + v,
      (c1, c2) => c1 + '|' + c2,
      1,
    );
    // Partitions: [a1] [b2 a3] [c4 b5]: values in one partition merge with mergeValue, across with mergeCombiners.
    assert.deepEqual(sorted(combined.collect()), [
      ['a', '1|3'],
      ['b', '2|5'],
      ['c', '4'],
    ]);
    const onePartition = sc()
      .parallelize<[string, number]>(
        [
          ['a', 1],
          ['a', 2],
        ],
        1,
      )
      .combineByKey(
        String,
        (c, v) => c + '+' + v,
        (c1, c2) => c1 + '|' + c2,
      );
    assert.deepEqual(onePartition.collect(), [['a', '1+2']]);
  });

  it('partitionBy places int keys in partition key % n, as PySpark does', () => {
    const parts = sc()
      .parallelize<[number, string]>(
        [
          [0, 'a'],
          [1, 'b'],
          [2, 'c'],
          [3, 'd'],
          [-1, 'e'],
        ],
        2,
      )
      .partitionBy(3)
      .glom()
      .collect();
    assert.deepEqual(parts, [
      [
        [0, 'a'],
        [3, 'd'],
      ],
      [[1, 'b']],
      [
        [2, 'c'],
        [-1, 'e'],
      ],
    ]);
    const custom = sc()
      .parallelize<[string, number]>(
        [
          ['x', 1],
          ['yy', 2],
        ],
        1,
      )
      .partitionBy(2, (key) => key.length)
      .glom()
      .collect();
    assert.deepEqual(custom, [[['yy', 2]], [['x', 1]]]);
  });

  it('distinct keeps one of each value, tuples compared by value', () => {
    assert.deepEqual(sorted(sc().parallelize([1, 2, 1, 3, 2, 1], 3).distinct().collect()), [1, 2, 3]);
    assert.deepEqual(
      sorted(
        sc()
          .parallelize([
            [1, 'a'],
            [1, 'a'],
            [2, 'a'],
          ])
          .distinct()
          .collect(),
      ),
      [
        [1, 'a'],
        [2, 'a'],
      ],
    );
    assert.equal(sc().parallelize([1, 2, 1], 3).distinct(1).getNumPartitions(), 1);
  });

  it('intersection (distinct) and subtract (duplicates kept)', () => {
    const a = sc().parallelize([1, 2, 2, 3, 4, 4], 2);
    const b = sc().parallelize([2, 4, 4, 5], 2);
    assert.deepEqual(sorted(a.intersection(b).collect()), [2, 4]);
    assert.deepEqual(sorted(a.subtract(b).collect()), [1, 3]);
    assert.deepEqual(
      sorted(
        sc()
          .parallelize([1, 1, 2])
          .subtract(sc().parallelize([2]))
          .collect(),
      ),
      [1, 1],
    );
    assert.deepEqual(a.intersection(sc().emptyRDD()).collect(), []);
  });

  it('subtractByKey', () => {
    const other = sc().parallelize<[string, string]>([['a', 'x']]);
    assert.deepEqual(sorted(pairs().subtractByKey(other).collect()), [
      ['b', 2],
      ['b', 5],
      ['c', 4],
    ]);
  });

  it('join, leftOuterJoin, rightOuterJoin and fullOuterJoin', () => {
    const left = sc().parallelize<[string, number]>(
      [
        ['a', 1],
        ['a', 2],
        ['b', 3],
      ],
      2,
    );
    const right = sc().parallelize<[string, string]>(
      [
        ['a', 'x'],
        ['c', 'y'],
      ],
      1,
    );
    assert.deepEqual(sorted(left.join(right).collect()), [
      ['a', [1, 'x']],
      ['a', [2, 'x']],
    ]);
    assert.deepEqual(sorted(left.leftOuterJoin(right).collect()), [
      ['a', [1, 'x']],
      ['a', [2, 'x']],
      ['b', [3, null]],
    ]);
    assert.deepEqual(sorted(left.rightOuterJoin(right).collect()), [
      ['a', [1, 'x']],
      ['a', [2, 'x']],
      ['c', [null, 'y']],
    ]);
    assert.deepEqual(sorted(left.fullOuterJoin(right).collect()), [
      ['a', [1, 'x']],
      ['a', [2, 'x']],
      ['b', [3, null]],
      ['c', [null, 'y']],
    ]);
    // PySpark's default: the union of both inputs' partitions.
    assert.equal(left.join(right).getNumPartitions(), 3);
    assert.equal(left.join(right, 1).getNumPartitions(), 1);
    assert.deepEqual(left.join(sc().emptyRDD()).collect(), []);
  });

  it('cogroup gathers both sides per key', () => {
    const left = sc().parallelize<[string, number]>([
      ['a', 1],
      ['a', 2],
      ['b', 3],
    ]);
    const right = sc().parallelize<[string, string]>([
      ['a', 'x'],
      ['c', 'y'],
    ]);
    assert.deepEqual(sorted(left.cogroup(right).collect()), [
      ['a', [[1, 2], ['x']]],
      ['b', [[3], []]],
      ['c', [[], ['y']]],
    ]);
  });

  it('sortByKey sorts globally into range partitions, ascending or descending, with a keyfunc', () => {
    const rdd = sc().parallelize<[string, number]>(
      [
        ['d', 1],
        ['b', 2],
        ['a', 3],
        ['c', 4],
        ['e', 5],
      ],
      2,
    );
    const ascending = rdd.sortByKey();
    assert.deepEqual(ascending.keys().collect(), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(
      ascending
        .glom()
        .collect()
        .map((part) => part.length),
      [2, 3],
    );
    assert.deepEqual(rdd.sortByKey(false).keys().collect(), ['e', 'd', 'c', 'b', 'a']);
    assert.deepEqual(rdd.sortByKey(true, 1).glom().collect().length, 1);
    const upper = sc().parallelize<[string, number]>([
      ['b', 1],
      ['A', 2],
      ['c', 3],
    ]);
    assert.deepEqual(
      upper
        .sortByKey(true, undefined, (k) => k.toLowerCase())
        .keys()
        .collect(),
      ['A', 'b', 'c'],
    );
  });

  it('sortBy uses Python ordering: numbers numerically, tuples element by element, stable for ties', () => {
    assert.deepEqual(
      sc()
        .parallelize([10, 9, 100, -1])
        .sortBy((x) => x)
        .collect(),
      [-1, 9, 10, 100],
    );
    const rows: [string, number][] = [
      ['b', 2],
      ['a', 2],
      ['c', 1],
      ['a', 1],
    ];
    assert.deepEqual(
      sc()
        .parallelize(rows)
        .sortBy((r) => [r[1], r[0]])
        .collect(),
      [
        ['a', 1],
        ['c', 1],
        ['a', 2],
        ['b', 2],
      ],
    );
    assert.deepEqual(
      sc()
        .parallelize(rows, 3)
        .sortBy((r) => r[1], false)
        .collect(),
      [
        ['b', 2],
        ['a', 2],
        ['c', 1],
        ['a', 1],
      ],
    );
    assert.deepEqual(
      sc()
        .parallelize<number>([])
        .sortBy((x) => x)
        .collect(),
      [],
    );
  });

  it("sorting values Python cannot order is a TypeError with Python's wording", () => {
    assert.throws(
      () =>
        sc()
          .parallelize<unknown>([1, 'a'])
          .sortBy((x) => x)
          .collect(),
      /'<' not supported between instances of '(str|int)' and '(int|str)'/,
    );
  });

  it('shuffle output is computed once and reused by later actions', () => {
    let calls = 0;
    const reduced = sc()
      .parallelize<[string, number]>(
        [
          ['a', 1],
          ['b', 1],
        ],
        2,
      )
      .map((pair) => {
        calls++;
        return pair;
      })
      .reduceByKey((x, y) => x + y);
    reduced.collect();
    reduced.count();
    assert.equal(calls, 2);
  });
});

import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RDD } from '@streamshift/runtime';
import { sorted, useScratchDir, useSparkContext } from './context';

type Pair = [string, number];

/** Every transformation, applied to a pair RDD, with its expected output for the input [['a', 1]]. */
const transformations: [string, (rdd: RDD<Pair>, other: RDD<Pair>) => RDD<unknown>, unknown[]][] = [
  ['map', (rdd) => rdd.map((p) => p[1]), [1]],
  ['flatMap', (rdd) => rdd.flatMap((p) => p), ['a', 1]],
  ['filter', (rdd) => rdd.filter(() => true), [['a', 1]]],
  ['mapValues', (rdd) => rdd.mapValues((v) => v + 1), [['a', 2]]],
  [
    'flatMapValues',
    (rdd) => rdd.flatMapValues((v) => [v, v]),
    [
      ['a', 1],
      ['a', 1],
    ],
  ],
  ['mapPartitions', (rdd) => rdd.mapPartitions((it) => [...it]), [['a', 1]]],
  ['keyBy', (rdd) => rdd.keyBy((p) => p[0]), [['a', ['a', 1]]]],
  ['keys', (rdd) => rdd.keys(), ['a']],
  ['values', (rdd) => rdd.values(), [1]],
  ['distinct', (rdd) => rdd.distinct(), [['a', 1]]],
  [
    'union',
    (rdd, other) => rdd.union(other),
    [
      ['a', 1],
      ['a', 1],
    ],
  ],
  ['intersection', (rdd, other) => rdd.intersection(other), [['a', 1]]],
  ['subtract', (rdd, other) => rdd.subtract(other), []],
  [
    'cartesian',
    (rdd, other) => rdd.cartesian(other),
    [
      [
        ['a', 1],
        ['a', 1],
      ],
    ],
  ],
  ['groupBy', (rdd) => rdd.groupBy((p) => p[1]), [[1, [['a', 1]]]]],
  ['groupByKey', (rdd) => rdd.groupByKey(), [['a', [1]]]],
  ['reduceByKey', (rdd) => rdd.reduceByKey((a, b) => a + b), [['a', 1]]],
  [
    'aggregateByKey',
    (rdd) =>
      rdd.aggregateByKey(
        10,
        (a, v) => a + v,
        (a, b) => a + b,
      ),
    [['a', 11]],
  ],
  ['foldByKey', (rdd) => rdd.foldByKey(0, (a, b) => a + b), [['a', 1]]],
  [
    'combineByKey',
    (rdd) =>
      rdd.combineByKey(
        (v) => [v],
        (c, v) => [...c, v],
        (x, y) => [...x, ...y],
      ),
    [['a', [1]]],
  ],
  ['sortBy', (rdd) => rdd.sortBy((p) => p[1]), [['a', 1]]],
  ['sortByKey', (rdd) => rdd.sortByKey(), [['a', 1]]],
  ['join', (rdd, other) => rdd.join(other), [['a', [1, 1]]]],
  ['leftOuterJoin', (rdd, other) => rdd.leftOuterJoin(other), [['a', [1, 1]]]],
  ['rightOuterJoin', (rdd, other) => rdd.rightOuterJoin(other), [['a', [1, 1]]]],
  ['fullOuterJoin', (rdd, other) => rdd.fullOuterJoin(other), [['a', [1, 1]]]],
  ['cogroup', (rdd, other) => rdd.cogroup(other), [['a', [[1], [1]]]]],
  ['zipWithIndex', (rdd) => rdd.zipWithIndex(), [[['a', 1], 0]]],
  ['coalesce', (rdd) => rdd.coalesce(1), [['a', 1]]],
  ['repartition', (rdd) => rdd.repartition(3), [['a', 1]]],
  ['partitionBy', (rdd) => rdd.partitionBy(2), [['a', 1]]],
  ['glom', (rdd) => rdd.glom().filter((part) => part.length > 0), [[['a', 1]]]],
  ['sample', (rdd) => rdd.sample(false, 1, 1), [['a', 1]]],
  ['cache', (rdd) => rdd.map((p) => p).cache(), [['a', 1]]],
];

describe('RDD edge cases: empty inputs and single-element partitions', () => {
  const sc = useSparkContext();
  const dir = useScratchDir();

  for (const [name, transform, expected] of transformations) {
    it(`${name}: empty RDD, empty partitions, and one element among empty partitions`, () => {
      const noPartitions = sc().emptyRDD<Pair>();
      const emptyPartitions = sc().parallelize<Pair>([], 3);
      assert.deepEqual(transform(noPartitions, noPartitions).collect(), [], 'no partitions');
      assert.deepEqual(transform(emptyPartitions, emptyPartitions).collect(), [], 'empty partitions');
      const single = sc().parallelize<Pair>([['a', 1]], 3);
      assert.deepEqual(sorted(transform(single, single).collect()), sorted(expected), 'one element');
    });
  }

  it('actions over empty RDDs', () => {
    const empty = sc().parallelize<number>([], 2);
    assert.deepEqual(empty.collect(), []);
    assert.equal(empty.count(), 0);
    assert.deepEqual(empty.take(3), []);
    assert.deepEqual(empty.takeOrdered(3), []);
    assert.equal(empty.sum(), 0);
    assert.equal(
      empty.fold(0, (a, b) => a + b),
      0,
    );
    assert.deepEqual(
      empty.aggregate(
        0,
        (a, b) => a + b,
        (a, b) => a + b,
      ),
      0,
    );
    assert.equal(empty.stats().count(), 0);
    assert.equal(empty.countByValue().size, 0);
    assert.equal(empty.map((x): [number, number] => [x, x]).countByKey().size, 0);
    assert.equal(empty.map((x): [number, number] => [x, x]).collectAsMap().size, 0);
    let calls = 0;
    empty.foreach(() => calls++);
    empty.foreachPartition(() => calls++);
    assert.equal(calls, 2, 'foreachPartition still runs once per (empty) partition');
    assert.deepEqual([...empty.toLocalIterator()], []);
    assert.deepEqual(empty.takeSample(false, 3, 1), []);
  });

  it('saveAsTextFile of an RDD without partitions writes only _SUCCESS', () => {
    const out = join(dir(), 'none');
    sc().emptyRDD().saveAsTextFile(out);
    assert.deepEqual(readdirSync(out), ['_SUCCESS']);
  });
});

import { strict as assert } from 'node:assert';
import { RDD } from '@streamshift/runtime';
import { useSparkContext } from './context';

describe('RDD narrow transformations', () => {
  const sc = useSparkContext();

  it('map, flatMap and filter', () => {
    const rdd = sc().parallelize([1, 2, 3, 4, 5], 2);
    assert.deepEqual(rdd.map((x) => x * 10).collect(), [10, 20, 30, 40, 50]);
    assert.deepEqual(rdd.flatMap((x) => (x % 2 ? [x, x] : [])).collect(), [1, 1, 3, 3, 5, 5]);
    assert.deepEqual(rdd.filter((x) => x > 2).collect(), [3, 4, 5]);
  });

  it('flatMap accepts any iterable, including generators and strings', () => {
    const rdd = sc().parallelize(['ab', 'c'], 2);
    assert.deepEqual(rdd.flatMap((s) => s).collect(), ['a', 'b', 'c']);
    assert.deepEqual(
      rdd
        .flatMap(function* (s) {
          yield s.length;
          yield -s.length;
        })
        .collect(),
      [2, -2, 1, -1],
    );
  });

  it('chains fuse into one pass: each element travels the whole chain before the next is read', () => {
    const events: string[] = [];
    sc()
      .parallelize([1, 2], 1)
      .map((x) => {
        events.push(`map ${x}`);
        return x;
      })
      .filter((x) => {
        events.push(`filter ${x}`);
        return true;
      })
      .collect();
    assert.deepEqual(events, ['map 1', 'filter 1', 'map 2', 'filter 2']);
  });

  it('is lazy: nothing runs until an action', () => {
    let calls = 0;
    const mapped = sc()
      .parallelize([1, 2, 3])
      .map((x) => {
        calls++;
        return x;
      });
    assert.equal(calls, 0);
    mapped.count();
    assert.equal(calls, 3);
  });

  it('mapValues, flatMapValues, keyBy, keys and values', () => {
    const pairs = sc().parallelize<[string, number]>(
      [
        ['a', 1],
        ['b', 2],
      ],
      2,
    );
    assert.deepEqual(pairs.mapValues((v) => v * 2).collect(), [
      ['a', 2],
      ['b', 4],
    ]);
    assert.deepEqual(pairs.flatMapValues((v) => Array(v).fill(v)).collect(), [
      ['a', 1],
      ['b', 2],
      ['b', 2],
    ]);
    assert.deepEqual(pairs.keys().collect(), ['a', 'b']);
    assert.deepEqual(pairs.values().collect(), [1, 2]);
    assert.deepEqual(
      sc()
        .parallelize(['x', 'yy'])
        .keyBy((s) => s.length)
        .collect(),
      [
        [1, 'x'],
        [2, 'yy'],
      ],
    );
  });

  it('map infers pair tuples so pair operations type-check', () => {
    const counts = sc()
      .parallelize(['a,1', 'b,2', 'a,3'])
      .map((line) => line.split(','))
      .map((fields) => [fields[0]!, Number(fields[1])])
      .reduceByKey((x, y) => x + y)
      .collectAsMap();
    assert.deepEqual([...counts].sort(), [
      ['a', 4],
      ['b', 2],
    ]);
  });

  it('mapPartitions and mapPartitionsWithIndex receive an iterator over the partition', () => {
    const rdd = sc().parallelize([1, 2, 3, 4, 5], 2);
    assert.deepEqual(
      rdd
        .mapPartitions((it) => {
          let sum = 0;
          for (const x of it) sum += x;
          return [sum];
        })
        .collect(),
      [3, 12],
    );
    assert.deepEqual(rdd.mapPartitionsWithIndex((index, it) => [...it].map((x) => [index, x])).collect(), [
      [0, 1],
      [0, 2],
      [1, 3],
      [1, 4],
      [1, 5],
    ]);
  });

  it('glom shows the partitioning, including empty and single-element partitions', () => {
    assert.deepEqual(sc().parallelize([1, 2, 3, 4, 5], 2).glom().collect(), [
      [1, 2],
      [3, 4, 5],
    ]);
    assert.deepEqual(sc().parallelize([1], 3).glom().collect(), [[], [], [1]]);
    assert.deepEqual(sc().parallelize([], 2).glom().collect(), [[], []]);
  });

  it('parallelize slices contiguously, defaulting to defaultParallelism', () => {
    assert.equal(sc().defaultParallelism, 2);
    assert.equal(sc().parallelize([1, 2, 3]).getNumPartitions(), 2);
    assert.deepEqual(sc().parallelize([1, 2, 3, 4, 5, 6, 7], 3).glom().collect(), [
      [1, 2],
      [3, 4],
      [5, 6, 7],
    ]);
    assert.throws(() => sc().parallelize([1], 0), /Positive number of partitions/);
  });

  it('union concatenates partitions (sc.union and rdd.union)', () => {
    const a = sc().parallelize([1, 2], 2);
    const b = sc().parallelize(['x'], 1);
    const both = a.union(b);
    assert.equal(both.getNumPartitions(), 3);
    assert.deepEqual(both.collect(), [1, 2, 'x']);
    assert.deepEqual(sc().union([a, a, sc().emptyRDD<number>()]).collect(), [1, 2, 1, 2]);
  });

  it('emptyRDD has no partitions and no elements', () => {
    const empty = sc().emptyRDD<number>();
    assert.equal(empty.getNumPartitions(), 0);
    assert.deepEqual(empty.map((x) => x + 1).collect(), []);
    assert.equal(empty.count(), 0);
  });

  it('RDD.fromPartitions keeps the given partitioning', () => {
    const rdd = RDD.fromPartitions(sc(), [[1, 2], [], [3]]);
    assert.equal(rdd.getNumPartitions(), 3);
    assert.deepEqual(rdd.glom().collect(), [[1, 2], [], [3]]);
  });

  it('sc.range mirrors Python range', () => {
    assert.deepEqual(sc().range(4).collect(), [0, 1, 2, 3]);
    assert.deepEqual(sc().range(1, 10, 3).collect(), [1, 4, 7]);
    assert.deepEqual(sc().range(5, 0, -2).collect(), [5, 3, 1]);
  });

  it('cartesian pairs every element with every element of the other RDD', () => {
    const product = sc()
      .parallelize([1, 2], 2)
      .cartesian(sc().parallelize(['a', 'b'], 1));
    assert.equal(product.getNumPartitions(), 2);
    assert.deepEqual(product.collect(), [
      [1, 'a'],
      [1, 'b'],
      [2, 'a'],
      [2, 'b'],
    ]);
    assert.deepEqual(sc().parallelize([1]).cartesian(sc().emptyRDD()).collect(), []);
  });

  it('zip pairs elements of identically partitioned RDDs, and refuses mismatched ones', () => {
    const numbers = sc().parallelize([1, 2, 3], 2);
    assert.deepEqual(numbers.zip(numbers.map((x) => x * 10)).collect(), [
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    assert.throws(
      () => numbers.zip(sc().parallelize([1, 2, 3], 3)).collect(),
      /unequal numbers of partitions/,
    );
    assert.throws(
      () => numbers.zip(numbers.filter((x) => x > 1)).collect(),
      /Can only zip RDDs with same number of elements in each partition/,
    );
  });

  it('RDD ids are unique per context', () => {
    const a = sc().parallelize([1]);
    const b = a.map((x) => x);
    assert.notEqual(a.id(), b.id());
    assert.match(b.toString(), /map RDD\[\d+\]/);
  });

  it('zipWithIndex numbers elements across partitions in order', () => {
    assert.deepEqual(sc().parallelize(['a', 'b', 'c', 'd', 'e'], 3).zipWithIndex().collect(), [
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
      ['e', 4],
    ]);
    assert.deepEqual(sc().parallelize([], 2).zipWithIndex().collect(), []);
  });

  it('coalesce merges neighbouring partitions and cannot grow without a shuffle', () => {
    const rdd = sc().parallelize([1, 2, 3, 4, 5, 6], 4);
    assert.deepEqual(rdd.coalesce(2).glom().collect(), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(rdd.coalesce(1).glom().collect(), [[1, 2, 3, 4, 5, 6]]);
    assert.equal(rdd.coalesce(10).getNumPartitions(), 4);
    assert.equal(rdd.coalesce(10, true).getNumPartitions(), 10);
    assert.throws(() => rdd.coalesce(0), /Number of partitions \(0\) must be positive/);
  });

  it('repartition spreads elements round-robin and keeps every element', () => {
    const rdd = sc().parallelize([1, 2, 3, 4, 5, 6, 7], 1).repartition(3);
    const parts = rdd.glom().collect();
    assert.equal(parts.length, 3);
    assert.deepEqual(parts, [
      [1, 4, 7],
      [2, 5],
      [3, 6],
    ]);
  });

  it('sample is deterministic given a seed and respects the fraction', () => {
    const rdd = sc().parallelize(
      Array.from({ length: 2000 }, (_, i) => i),
      4,
    );
    const first = rdd.sample(false, 0.3, 42).collect();
    assert.deepEqual(rdd.sample(false, 0.3, 42).collect(), first);
    assert.notDeepEqual(rdd.sample(false, 0.3, 43).collect(), first);
    assert.ok(first.length > 500 && first.length < 700, `sampled ${first.length}`);
    assert.equal(new Set(first).size, first.length);
    const withReplacement = rdd.sample(true, 2, 7).collect();
    assert.ok(
      withReplacement.length > 3600 && withReplacement.length < 4400,
      `sampled ${withReplacement.length}`,
    );
    assert.deepEqual(rdd.sample(true, 2, 7).collect(), withReplacement);
    assert.deepEqual(rdd.sample(false, 0, 1).collect(), []);
    assert.equal(rdd.sample(false, 1, 1).count(), 2000);
    assert.throws(() => rdd.sample(false, -0.1), /Negative fraction value/);
  });

  it('cache computes each partition once and unpersist forgets', () => {
    let calls = 0;
    const rdd = sc()
      .parallelize([1, 2, 3], 2)
      .map((x) => {
        calls++;
        return x;
      })
      .cache();
    assert.equal(rdd.isCached, true);
    assert.equal(rdd.count(), 3);
    assert.deepEqual(rdd.collect(), [1, 2, 3]);
    assert.equal(calls, 3);
    rdd.unpersist();
    assert.equal(rdd.isCached, false);
    rdd.count();
    assert.equal(calls, 6);
  });

  it('persist records its storage level', async () => {
    const { StorageLevel } = await import('@streamshift/runtime');
    const rdd = sc().parallelize([1]).persist(StorageLevel.MEMORY_AND_DISK);
    assert.equal(rdd.getStorageLevel(), StorageLevel.MEMORY_AND_DISK);
    assert.equal(String(rdd.getStorageLevel()), 'MEMORY_AND_DISK');
  });
});

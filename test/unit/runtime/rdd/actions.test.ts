import { strict as assert } from 'node:assert';
import { StatCounter } from '@streamshift/runtime';
import { useSparkContext } from './context';

describe('RDD actions', () => {
  const sc = useSparkContext();

  it('collect, count, first, take and isEmpty', () => {
    const rdd = sc().parallelize([5, 6, 7], 3);
    assert.deepEqual(rdd.collect(), [5, 6, 7]);
    assert.equal(rdd.count(), 3);
    assert.equal(rdd.first(), 5);
    assert.deepEqual(rdd.take(2), [5, 6]);
    assert.deepEqual(rdd.take(10), [5, 6, 7]);
    assert.deepEqual(rdd.take(0), []);
    assert.equal(rdd.isEmpty(), false);
    assert.equal(sc().parallelize([], 2).isEmpty(), true);
    assert.equal(sc().emptyRDD().isEmpty(), true);
    assert.throws(() => sc().parallelize([], 2).first(), /^Error: RDD is empty$/);
  });

  it('take stops computing once it has enough elements', () => {
    let calls = 0;
    const rdd = sc()
      .parallelize([1, 2, 3, 4, 5, 6], 2)
      .map((x) => {
        calls++;
        return x;
      });
    assert.deepEqual(rdd.take(2), [1, 2]);
    assert.equal(calls, 2);
  });

  it('takeOrdered and top, with and without a key', () => {
    const rdd = sc().parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7], 3);
    assert.deepEqual(rdd.takeOrdered(4), [1, 2, 3, 4]);
    assert.deepEqual(
      rdd.takeOrdered(3, (x) => -x),
      [10, 9, 7],
    );
    assert.deepEqual(rdd.top(3), [10, 9, 7]);
    assert.deepEqual(
      rdd.top(2, (x) => -x),
      [1, 2],
    );
    assert.deepEqual(rdd.top(20).length, 9);
    assert.deepEqual(sc().parallelize<number>([]).top(2), []);
    assert.deepEqual(sc().parallelize(['b', 'a', 'c']).takeOrdered(2), ['a', 'b']);
    assert.deepEqual(
      sc()
        .parallelize([
          [1, 'b'],
          [1, 'a'],
          [0, 'z'],
        ])
        .top(2),
      [
        [1, 'b'],
        [1, 'a'],
      ],
    );
  });

  it('reduce, fold and aggregate (fold applies the zero per partition and once more, as PySpark)', () => {
    const rdd = sc().parallelize([1, 2, 3, 4], 2);
    assert.equal(
      rdd.reduce((a, b) => a + b),
      10,
    );
    assert.equal(
      sc()
        .parallelize([7])
        .reduce((a, b) => a + b),
      7,
    );
    assert.throws(
      () =>
        sc()
          .parallelize<number>([], 2)
          .reduce((a, b) => a + b),
      /Can not reduce\(\) empty RDD/,
    );
    assert.equal(
      rdd.fold(0, (a, b) => a + b),
      10,
    );
    assert.equal(
      rdd.fold(1, (a, b) => a + b),
      13,
    );
    assert.equal(
      sc()
        .emptyRDD<number>()
        .fold(0, (a, b) => a + b),
      0,
    );
    const [sum, count] = rdd.aggregate(
      [0, 0] as [number, number],
      (acc, x) => [acc[0] + x, acc[1] + 1],
      (a, b) => [a[0] + b[0], a[1] + b[1]],
    );
    assert.deepEqual([sum, count], [10, 4]);
  });

  it('aggregate gives each partition a fresh copy of a mutable zero value', () => {
    const lists = sc()
      .parallelize([1, 2, 3], 3)
      .aggregate(
        [] as number[],
        (acc, x) => {
          acc.push(x);
          return acc;
        },
        (a, b) => a.concat(b),
      );
    assert.deepEqual(lists, [1, 2, 3]);
  });

  it('sum, mean, min, max and the variances', () => {
    const rdd = sc().parallelize([1, 2, 3, 4], 3);
    assert.equal(rdd.sum(), 10);
    assert.equal(sc().parallelize<number>([]).sum(), 0);
    assert.equal(rdd.mean(), 2.5);
    assert.equal(rdd.max(), 4);
    assert.equal(rdd.min(), 1);
    assert.equal(rdd.variance(), 1.25);
    assert.equal(rdd.sampleVariance(), 5 / 3);
    assert.equal(rdd.stdev(), Math.sqrt(1.25));
    assert.equal(rdd.sampleStdev(), Math.sqrt(5 / 3));
    assert.equal(
      sc()
        .parallelize(['pear', 'fig', 'apple'])
        .max((s) => s.length),
      'apple',
    );
    assert.equal(sc().parallelize(['pear', 'fig', 'apple']).min(), 'apple');
    assert.equal(
      sc()
        .parallelize([
          [1, 2],
          [1, 3],
          [0, 9],
        ])
        .max()[1],
      3,
    );
    assert.throws(() => sc().parallelize<number>([]).max(), /Can not reduce\(\) empty RDD/);
  });

  it('min/max keep the first of equal elements, as Python does', () => {
    const words = sc().parallelize(['bb', 'aa', 'c'], 2);
    assert.equal(
      words.max((s) => s.length),
      'bb',
    );
    assert.equal(
      words.min((s) => s.length),
      'c',
    );
  });

  it('stats returns a StatCounter like PySpark', () => {
    const stats = sc().parallelize([1, 2, 3], 2).stats();
    assert.ok(stats instanceof StatCounter);
    assert.equal(stats.count(), 3);
    assert.equal(stats.mean(), 2);
    assert.equal(stats.sum(), 6);
    assert.equal(stats.min(), 1);
    assert.equal(stats.max(), 3);
    assert.equal(stats.variance(), 2 / 3);
    assert.equal(stats.sampleVariance(), 1);
    assert.equal(stats.sampleStdev(), 1);
    assert.equal(String(stats), '(count: 3, mean: 2.0, stdev: 0.816496580927726, max: 3.0, min: 1.0)');
    const empty = sc().parallelize<number>([]).stats();
    assert.equal(empty.count(), 0);
    assert.equal(empty.mean(), 0);
    assert.ok(Number.isNaN(empty.variance()));
    assert.equal(empty.max(), -Infinity);
    const single = new StatCounter([5]);
    assert.equal(single.variance(), 0);
    assert.ok(Number.isNaN(single.sampleVariance()));
  });

  it('StatCounter merges partial counters exactly', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 37) % 17);
    const whole = new StatCounter(values);
    const merged = new StatCounter(values.slice(0, 5)).mergeStats(new StatCounter(values.slice(5)));
    assert.equal(merged.count(), whole.count());
    assert.ok(Math.abs(merged.mean() - whole.mean()) < 1e-12);
    assert.ok(Math.abs(merged.variance() - whole.variance()) < 1e-12);
    assert.equal(merged.min(), whole.min());
    assert.equal(merged.max(), whole.max());
    assert.ok(Math.abs(merged.sum() - whole.sum()) < 1e-9);
  });

  it('countByKey, countByValue, collectAsMap and lookup', () => {
    const pairs = sc().parallelize<[string, number]>(
      [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ],
      2,
    );
    assert.deepEqual(
      [...pairs.countByKey()],
      [
        ['a', 2],
        ['b', 1],
      ],
    );
    assert.deepEqual(
      [...sc().parallelize([1, 2, 1, 1], 2).countByValue()],
      [
        [1, 3],
        [2, 1],
      ],
    );
    assert.deepEqual(
      [
        ...sc()
          .parallelize([
            [1, 2],
            [1, 2],
            [2, 1],
          ])
          .countByValue()
          .values(),
      ],
      [2, 1],
    );
    assert.deepEqual(
      [...pairs.collectAsMap()],
      [
        ['a', 3],
        ['b', 2],
      ],
    );
    assert.deepEqual(pairs.lookup('a'), [1, 3]);
    assert.deepEqual(pairs.lookup('zzz'), []);
    const tupleKeys = sc().parallelize<[[number, number], string]>([[[1, 2], 'x']]);
    assert.deepEqual(tupleKeys.lookup([1, 2]), ['x']);
  });

  it('foreach and foreachPartition run for every element / partition', () => {
    const seen: number[] = [];
    sc()
      .parallelize([1, 2, 3], 2)
      .foreach((x) => seen.push(x));
    assert.deepEqual(seen, [1, 2, 3]);
    const sizes: number[] = [];
    sc()
      .parallelize([1, 2, 3], 2)
      .foreachPartition((it) => sizes.push([...it].length));
    assert.deepEqual(sizes, [1, 2]);
  });

  it('toLocalIterator and takeSample', () => {
    assert.deepEqual([...sc().parallelize([1, 2, 3], 2).toLocalIterator()], [1, 2, 3]);
    const rdd = sc().parallelize(
      Array.from({ length: 50 }, (_, i) => i),
      3,
    );
    const sample = rdd.takeSample(false, 10, 3);
    assert.equal(sample.length, 10);
    assert.equal(new Set(sample).size, 10);
    assert.deepEqual(rdd.takeSample(false, 10, 3), sample);
    assert.equal(rdd.takeSample(true, 80, 3).length, 80);
    assert.equal(rdd.takeSample(false, 80, 3).length, 50);
  });

  it('accumulators and broadcast variables', () => {
    const accumulator = sc().accumulator(0);
    const factor = sc().broadcast(3);
    const result = sc()
      .parallelize([1, 2, 3], 2)
      .map((x) => {
        accumulator.add(1);
        return x * factor.value;
      })
      .collect();
    assert.deepEqual(result, [3, 6, 9]);
    assert.equal(accumulator.value, 3);
    const list = sc().accumulator<string[]>([], { zero: () => [], addInPlace: (a, b) => a.concat(b) });
    list.add(['x']);
    assert.deepEqual(list.value, ['x']);
    assert.throws(() => sc().accumulator('text'), /No default accumulator param/);
    factor.destroy();
    assert.throws(() => factor.value, /Attempted to use broadcast variable after it was destroyed/);
  });
});

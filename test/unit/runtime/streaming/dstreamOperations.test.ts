import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RDD } from '../../../../runtime/src/rdd';
import {
  collectBatches,
  collectTimedBatches,
  sorted,
  stopEverything,
  streamingKit,
  tempDir,
} from './streamingTestKit';

describe('DStream per-batch operations (queueStream, manual clock)', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('map, flatMap, filter', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream([[1, 2, 3], [], [4]]);
    const mapped = collectBatches(input.map((x) => x * 10));
    const flat = collectBatches(input.flatMap((x) => [x, -x]));
    const filtered = collectBatches(input.filter((x) => x % 2 === 1));
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(mapped, [[10, 20, 30], [], [40]]);
    assert.deepEqual(flat, [[1, -1, 2, -2, 3, -3], [], [4, -4]]);
    assert.deepEqual(filtered, [[1, 3], [], []]);
  });

  it('mapValues and flatMapValues', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream<[string, number]>([
      [
        ['a', 1],
        ['b', 2],
      ],
    ]);
    const mapped = collectBatches(input.mapValues((v) => v + 1));
    const flat = collectBatches(input.flatMapValues((v) => Array.from({ length: v }, (_, i) => i)));
    ssc.start();
    await advanceBatches();
    assert.deepEqual(mapped, [
      [
        ['a', 2],
        ['b', 3],
      ],
    ]);
    assert.deepEqual(flat, [
      [
        ['a', 0],
        ['b', 0],
        ['b', 1],
      ],
    ]);
  });

  it('mapPartitions, mapPartitionsWithIndex and glom see the partitions (single-element ones included)', async () => {
    const { ssc, sc, advanceBatches } = streamingKit();
    const input = ssc.queueStream([sc.parallelize([1, 2, 3], 3)]);
    const sums = collectBatches(
      input.mapPartitions((it) => {
        let s = 0;
        for (const x of it) s += x;
        return [s];
      }),
    );
    const indexed = collectBatches(input.mapPartitionsWithIndex((i, it) => [...it].map((x) => [i, x])));
    const glommed = collectBatches(input.glom());
    ssc.start();
    await advanceBatches();
    assert.deepEqual(sums, [[1, 2, 3]]);
    assert.deepEqual(indexed, [
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
    ]);
    assert.deepEqual(glommed, [[[1], [2], [3]]]);
  });

  it('reduce, count and countByValue give one result per batch (PySpark: nothing for a batch with no partitions)', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream([[1, 2, 3, 2], [5]]);
    const reduced = collectBatches(input.reduce((a, b) => a + b));
    const counted = collectBatches(input.count());
    const byValue = collectBatches(input.countByValue());
    ssc.start();
    await advanceBatches(3); // the third batch: queue empty, no default → an RDD with no partitions
    assert.deepEqual(reduced, [[8], [5], []]);
    assert.deepEqual(counted, [[4], [1], []]);
    assert.deepEqual(byValue.map(sorted), [
      [
        [1, 1],
        [2, 2],
        [3, 1],
      ],
      [[5, 1]],
      [],
    ]);
  });

  it('reduceByKey, combineByKey, groupByKey, partitionBy and repartition', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream<[string, number]>([
      [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ],
    ]);
    const reduced = collectBatches(input.reduceByKey((a, b) => a + b));
    const combined = collectBatches(
      input.combineByKey(
        (v) => [v],
        (c: number[], v) => [...c, v],
        (c1: number[], c2: number[]) => [...c1, ...c2],
      ),
    );
    const grouped = collectBatches(input.groupByKey());
    const partitioned = collectBatches(input.partitionBy(1).glom());
    const repartitioned = collectBatches(input.repartition(3).glom());
    ssc.start();
    await advanceBatches();
    assert.deepEqual(sorted(reduced[0]!), [
      ['a', 4],
      ['b', 2],
    ]);
    assert.deepEqual(sorted(combined[0]!), [
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    assert.deepEqual(sorted(grouped[0]!), [
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    assert.equal(partitioned[0]!.length, 1);
    assert.equal(partitioned[0]![0]!.length, 3);
    assert.equal(repartitioned[0]!.length, 3);
  });

  it('union (method and ssc.union) requires equal slide durations', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const a = ssc.queueStream([[1], [2]]);
    const b = ssc.queueStream([[10], [20]]);
    const c = ssc.queueStream([[100]]);
    const unioned = collectBatches(a.union(b));
    const all = collectBatches(ssc.union(a, b, c));
    assert.throws(() => a.union(a.window(2, 2)), /the two DStream should have same slide duration/);
    assert.throws(() => ssc.union(a, a.window(2, 2)), /All DStreams should have same slide duration/);
    ssc.start();
    await advanceBatches(2);
    assert.deepEqual(unioned, [
      [1, 10],
      [2, 20],
    ]);
    assert.deepEqual(all, [
      [1, 10, 100],
      [2, 20],
    ]);
  });

  it('join, leftOuterJoin, rightOuterJoin, fullOuterJoin and cogroup per batch', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const left = ssc.queueStream<[string, number]>([
      [
        ['a', 1],
        ['b', 2],
      ],
    ]);
    const right = ssc.queueStream<[string, string]>([
      [
        ['a', 'x'],
        ['c', 'y'],
      ],
    ]);
    const join = collectBatches(left.join(right));
    const leftJoin = collectBatches(left.leftOuterJoin(right));
    const rightJoin = collectBatches(left.rightOuterJoin(right));
    const fullJoin = collectBatches(left.fullOuterJoin(right));
    const cogrouped = collectBatches(left.cogroup(right));
    ssc.start();
    await advanceBatches();
    assert.deepEqual(join, [[['a', [1, 'x']]]]);
    assert.deepEqual(sorted(leftJoin[0]!), [
      ['a', [1, 'x']],
      ['b', [2, null]],
    ]);
    assert.deepEqual(sorted(rightJoin[0]!), [
      ['a', [1, 'x']],
      ['c', [null, 'y']],
    ]);
    assert.deepEqual(sorted(fullJoin[0]!), [
      ['a', [1, 'x']],
      ['b', [2, null]],
      ['c', [null, 'y']],
    ]);
    assert.deepEqual(sorted(cogrouped[0]!), [
      ['a', [[1], ['x']]],
      ['b', [[2], []]],
      ['c', [[], ['y']]],
    ]);
  });

  it('transform and transformWith take (rdd…) or (time, rdd…) by arity; ssc.transform takes a list', async () => {
    const { ssc, advanceBatches, sc } = streamingKit();
    const a = ssc.queueStream([[1, 2], [3]]);
    const b = ssc.queueStream([[10], [20]]);
    const doubled = collectBatches(a.transform((rdd: RDD<number>) => rdd.map((x) => x * 2)));
    const timed = collectBatches(
      a.transform((time: Date, rdd: RDD<number>) => rdd.map((x) => [time.getTime(), x])),
    );
    const sums = collectBatches(a.transformWith((x: RDD<number>, y: RDD<number>) => x.union(y), b));
    const timedWith = collectBatches(
      a.transformWith(
        (time: Date, x: RDD<number>, y: RDD<number>) =>
          sc.parallelize([time.getTime(), x.count() + y.count()]),
        b,
      ),
    );
    const listed = collectBatches(ssc.transform([a, b], (rdds) => rdds[0]!.cartesian(rdds[1]!)));
    ssc.start();
    await advanceBatches(2);
    assert.deepEqual(doubled, [[2, 4], [6]]);
    assert.deepEqual(timed, [
      [
        [1000, 1],
        [1000, 2],
      ],
      [[2000, 3]],
    ]);
    assert.deepEqual(sums, [
      [1, 2, 10],
      [3, 20],
    ]);
    assert.deepEqual(timedWith, [
      [1000, 3],
      [2000, 2],
    ]);
    assert.deepEqual(listed, [
      [
        [1, 10],
        [2, 10],
      ],
      [[3, 20]],
    ]);
  });

  it('a transform function that does not return an RDD fails the batch with a clear message', async () => {
    const { ssc, advanceBatches } = streamingKit();
    ssc
      .queueStream([[1]])
      .transform(() => null as never)
      .foreachRDD(() => undefined);
    ssc.start();
    const terminated = ssc.awaitTermination();
    await advanceBatches();
    await assert.rejects(terminated, /transform: the function must return an RDD, got null/);
  });

  it('queueStream: oneAtATime false takes the whole queue; the default RDD fills empty batches', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const queue: number[][] = [[1], [2]];
    const all = collectBatches(ssc.queueStream(queue, false));
    const withDefault = collectBatches(ssc.queueStream([[7]], true, [0]));
    ssc.start();
    await advanceBatches(1);
    queue.push([3]); // the array is the queue: later pushes reach later batches
    await advanceBatches(2);
    assert.deepEqual(all, [[1, 2], [3], []]);
    assert.deepEqual(withDefault, [[7], [0], [0]]);
  });

  it('foreachRDD gets batch times at multiples of the batch duration; an async function is awaited', async () => {
    const { ssc, advanceBatches } = streamingKit(0.5);
    const input = ssc.queueStream([['x'], ['y']]);
    const timed = collectTimedBatches(input);
    const order: string[] = [];
    input.foreachRDD(async (rdd: RDD<string>) => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`async ${rdd.collect().join()}`);
    });
    input.foreachRDD((rdd: RDD<string>) => {
      order.push(`sync ${rdd.collect().join()}`);
    });
    ssc.start();
    await advanceBatches(2);
    assert.deepEqual(timed, [
      [500, ['x']],
      [1000, ['y']],
    ]);
    assert.deepEqual(order, ['async x', 'sync x', 'async y', 'sync y']);
  });

  it('slice returns the remembered RDDs between two times (both included)', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream([[1], [2], [3]]);
    input.foreachRDD(() => undefined);
    ssc.remember(10);
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(
      input.slice(1, 2).map((rdd) => rdd.collect()),
      [[1], [2]],
    );
    assert.deepEqual(
      input.slice(new Date(2000), new Date(3000)).map((rdd) => rdd.collect()),
      [[2], [3]],
    );
  });

  it('without remember(), slice only finds what the stream still keeps', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream([[1], [2], [3]]);
    input.foreachRDD(() => undefined);
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(
      input.slice(1, 3).map((rdd) => rdd.collect()),
      [[3]],
    );
  });

  it('cache/persist keep each batch computed once; checkpoint(interval) is validated against the slide', async () => {
    const { ssc, advanceBatches } = streamingKit();
    let calls = 0;
    const mapped = ssc
      .queueStream([[1, 2]])
      .map((x) => {
        calls++;
        return x;
      })
      .cache();
    assert.equal(mapped.context(), ssc);
    assert.equal(mapped.checkpoint(2), mapped);
    assert.throws(() => mapped.checkpoint(1.5), /must be a multiple of the slide duration \(1000 ms\)/);
    const first = collectBatches(mapped);
    const second = collectBatches(mapped);
    ssc.start();
    await advanceBatches();
    assert.deepEqual([first, second], [[[1, 2]], [[1, 2]]]);
    assert.equal(calls, 2); // not 4: the second output reused the cached batch
  });

  it('windows and counts over a stream with empty batches', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const input = ssc.queueStream<number>([[], [], []]);
    const windowed = collectBatches(input.window(2));
    const counted = collectBatches(input.count());
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(windowed, [[], [], []]);
    assert.deepEqual(counted, [[0], [0], [0]]); // each empty array is still parallelized into partitions
  });

  it('pprint prints like PySpark: the Time header, str() of each element, "..." past num', async () => {
    const previousTz = process.env.TZ;
    process.env.TZ = 'UTC';
    const { ssc, clock, batchMs } = streamingKit(1);
    await clock.setTime(Date.UTC(2025, 3, 22, 21, 1, 47) + 1);
    ssc
      .queueStream<unknown>([
        ['A', ['A', 18], 2.5, null, "it's"],
        [1, 2, 3],
      ])
      .pprint(3);
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      ssc.start();
      await clock.advance(batchMs * 2);
    } finally {
      process.stdout.write = write;
      process.env.TZ = previousTz;
    }
    assert.equal(
      written.join(''),
      [
        '-------------------------------------------',
        'Time: 2025-04-22 21:01:48',
        '-------------------------------------------',
        'A',
        "('A', 18)",
        '2.5',
        '...',
        '',
        '-------------------------------------------',
        'Time: 2025-04-22 21:01:49',
        '-------------------------------------------',
        '1',
        '2',
        '3',
        '',
        '',
      ].join('\n'),
    );
  });

  it('saveAsTextFiles writes prefix-<time ms>.suffix directories in Spark layout, one per batch', async () => {
    const { ssc, advanceBatches } = streamingKit();
    const dir = tempDir();
    const input = ssc.queueStream<[string, number]>([[['A', 18]], []]);
    input.saveAsTextFiles(join(dir, 'out'), 'txt');
    input.saveAsTextFiles(join(dir, 'plain'));
    ssc.start();
    await advanceBatches(2);
    assert.deepEqual(readdirSync(dir).sort(), ['out-1000.txt', 'out-2000.txt', 'plain-1000', 'plain-2000']);
    const first = join(dir, 'out-1000.txt');
    assert.ok(existsSync(join(first, '_SUCCESS')));
    const parts = readdirSync(first).filter((f) => f.startsWith('part-'));
    assert.equal(parts.map((p) => readFileSync(join(first, p), 'utf8')).join(''), "('A', 18)\n");
  });

  it('refuses new operations after start, and a graph without output operations', () => {
    const { ssc } = streamingKit();
    const input = ssc.queueStream([[1]]);
    assert.throws(() => ssc.start(), /No output operations registered, so nothing to execute/);
    input.foreachRDD(() => undefined);
    ssc.start();
    assert.throws(() => input.map((x) => x), /after starting a context is not supported/);
  });
});

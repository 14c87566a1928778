import { strict as assert } from 'node:assert';
import { collectBatches, sorted, stopEverything, streamingKit, tempDir } from './streamingTestKit';

describe('DStream window operations (manual clock)', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('window(3 batches, 1 batch) over [1],[2],[3],[4] emits [1], [1,2], [1,2,3], [2,3,4]', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    const out = collectBatches(ssc.queueStream([[1], [2], [3], [4]]).window(3, 1));
    ssc.start();
    await advanceBatches(4);
    assert.deepEqual(out, [[1], [1, 2], [1, 2, 3], [2, 3, 4]]);
  });

  it('a window sliding by 2 batches emits every other batch; the slide defaults to the batch duration', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    const input = ssc.queueStream([[1], [2], [3], [4], [5]]);
    const sliding = collectBatches(input.window(2, 2));
    const defaultSlide = collectBatches(input.window(2));
    ssc.start();
    await advanceBatches(5);
    assert.deepEqual(sliding, [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(defaultSlide, [[1], [1, 2], [2, 3], [3, 4], [4, 5]]);
  });

  it('refuses windows and slides that are not multiples of the batch duration (PySpark messages)', () => {
    const { ssc } = streamingKit(1);
    const input = ssc.queueStream([[1]]);
    assert.throws(
      () => input.window(1.5),
      /windowDuration must be multiple of the parent dstream's slide \(batch\) duration \(1000 ms\)/,
    );
    assert.throws(
      () => input.window(2, 0.5),
      /slideDuration must be multiple of the parent dstream's slide \(batch\) duration \(1000 ms\)/,
    );
    assert.throws(
      () => input.window(4, 2).window(3),
      /multiple of the parent dstream's slide \(batch\) duration \(2000 ms\)/,
    );
  });

  it('reduceByKeyAndWindow without an inverse reduces the whole window each slide', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    const input = ssc.queueStream<[string, number]>([
      [['a', 1]],
      [
        ['a', 2],
        ['b', 1],
      ],
      [['b', 5]],
      [],
    ]);
    const out = collectBatches(input.reduceByKeyAndWindow((x, y) => x + y, null, 2, 1));
    ssc.start();
    await advanceBatches(4);
    assert.deepEqual(out.map(sorted), [
      [['a', 1]],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 2],
        ['b', 6],
      ],
      [['b', 5]],
    ]);
  });

  it('reduceByKeyAndWindow with an inverse needs a checkpoint directory, as in Spark', () => {
    const { ssc } = streamingKit(1);
    ssc
      .queueStream<[string, number]>([])
      .reduceByKeyAndWindow(
        (x, y) => x + y,
        (x, y) => x - y,
        2,
      )
      .foreachRDD(() => undefined);
    assert.throws(
      () => ssc.start(),
      /The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint\(\)/,
    );
  });

  it('reduceByKeyAndWindow with an inverse: incremental for windows of 5+ slides, keys at 0 stay, filterFunc drops', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    ssc.checkpoint(tempDir());
    const batches: [string, number][][] = [[['a', 1]], [['a', 2]], [['b', 1]], [], [], [], [['b', 2]], []];
    const input = ssc.queueStream(batches);
    const plain = collectBatches(
      input.reduceByKeyAndWindow(
        (x, y) => x + y,
        (x, y) => x - y,
        5,
        1,
      ),
    );
    const filtered = collectBatches(
      input.reduceByKeyAndWindow(
        (x, y) => x + y,
        (x, y) => x - y,
        5,
        1,
        null,
        ([, v]) => v !== 0,
      ),
    );
    const inverses: number[] = [];
    const counting = collectBatches(
      input.reduceByKeyAndWindow(
        (x, y) => x + y,
        (x, y) => {
          inverses.push(y);
          return x - y;
        },
        5,
        1,
      ),
    );
    ssc.start();
    await advanceBatches(8);
    const expectedPlain = [
      [['a', 1]],
      [['a', 3]],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 3],
        ['b', 1],
      ],
      // a's first batch leaves the window: subtracted, not recomputed
      [
        ['a', 2],
        ['b', 1],
      ],
      [
        ['a', 0],
        ['b', 3],
      ],
      [
        ['a', 0],
        ['b', 2],
      ],
    ];
    assert.deepEqual(plain.map(sorted), expectedPlain);
    assert.deepEqual(counting.map(sorted), expectedPlain);
    assert.deepEqual(inverses, [1, 2, 1]);
    assert.deepEqual(filtered.map(sorted), [
      [['a', 1]],
      [['a', 3]],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 3],
        ['b', 1],
      ],
      [
        ['a', 2],
        ['b', 1],
      ],
      [['b', 3]],
      [['b', 2]],
    ]);
  });

  it('countByWindow and reduceByWindow (the pysparkling example: [3], [7], [6])', async () => {
    const { ssc, advanceBatches } = streamingKit(0.1);
    ssc.checkpoint(tempDir());
    const input = ssc.queueStream([
      [1, 1, 5],
      [5, 5, 2, 4],
      [1, 2],
    ]);
    const counts = collectBatches(input.countByWindow(0.2));
    const sums = collectBatches(input.reduceByWindow((a, b) => a + b, null, 0.2, 0.1));
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(counts, [[3], [7], [6]]);
    assert.deepEqual(sums, [[7], [23], [19]]);
  });

  it('countByValueAndWindow counts each value over the window and leaves out zero counts', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    ssc.checkpoint(tempDir());
    const out = collectBatches(ssc.queueStream([['x', 'y'], ['x'], [], []]).countByValueAndWindow(2, 1));
    ssc.start();
    await advanceBatches(4);
    assert.deepEqual(out.map(sorted), [
      [
        ['x', 1],
        ['y', 1],
      ],
      [
        ['x', 2],
        ['y', 1],
      ],
      [['x', 1]],
      [],
    ]);
  });

  it('groupByKeyAndWindow groups each key’s values over the window, oldest first', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    ssc.checkpoint(tempDir());
    const out = collectBatches(
      ssc
        .queueStream<[string, number]>([
          [
            ['k', 1],
            ['k', 2],
          ],
          [['k', 3]],
          [['j', 4]],
        ])
        .groupByKeyAndWindow(2, 1),
    );
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(out.map(sorted), [
      [['k', [1, 2]]],
      [['k', [1, 2, 3]]],
      [
        ['j', [4]],
        ['k', [3]],
      ],
    ]);
  });
});

import { strict as assert } from 'node:assert';
import { collectBatches, sorted, stopEverything, streamingKit, tempDir } from './streamingTestKit';

describe('updateStateByKey', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('keeps a state per key across batches; every key with state is updated each batch, even without new values', async () => {
    const { ssc, advanceBatches } = streamingKit();
    ssc.checkpoint(tempDir());
    const calls: [string, number[], number | null][] = [];
    const state = ssc
      .queueStream<[string, number]>([
        [
          ['a', 1],
          ['a', 2],
          ['b', 5],
        ],
        [['a', 3]],
        [],
      ])
      .updateStateByKey((values: number[], last: number | null) => {
        calls.push([String(values.length), values, last]);
        return values.reduce((x, y) => x + y, last ?? 0);
      });
    const out = collectBatches(state);
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(out.map(sorted), [
      [
        ['a', 3],
        ['b', 5],
      ],
      [
        ['a', 6],
        ['b', 5],
      ],
      [
        ['a', 6],
        ['b', 5],
      ],
    ]);
    // b had no values in batch 2 and was still called with [] and its state
    assert.ok(calls.some(([, values, last]) => values.length === 0 && last === 5));
  });

  it('a key whose update returns null (Python None) or undefined is removed', async () => {
    const { ssc, advanceBatches } = streamingKit();
    ssc.checkpoint(tempDir());
    const out = collectBatches(
      ssc
        .queueStream<[string, number]>([
          [
            ['a', 1],
            ['b', 1],
          ],
          [['a', -1]],
          [],
        ])
        .updateStateByKey((values: number[], last: number | null) => {
          const total = values.reduce((x, y) => x + y, last ?? 0);
          return total === 0 ? null : total;
        }),
    );
    ssc.start();
    await advanceBatches(3);
    assert.deepEqual(out.map(sorted), [
      [
        ['a', 1],
        ['b', 1],
      ],
      [['b', 1]],
      [['b', 1]],
    ]);
  });

  it('starts from initialRDD (an RDD or a list of pairs)', async () => {
    const { ssc, advanceBatches } = streamingKit();
    ssc.checkpoint(tempDir());
    const out = collectBatches(
      ssc
        .queueStream<[string, number]>([[['a', 1]]])
        .updateStateByKey(
          (values: number[], last: number | null) => values.reduce((x, y) => x + y, last ?? 0),
          null,
          [
            ['a', 10],
            ['z', 7],
          ],
        ),
    );
    ssc.start();
    await advanceBatches();
    assert.deepEqual(sorted(out[0]!), [
      ['a', 11],
      ['z', 7],
    ]);
  });

  it('without a checkpoint directory start() fails with Spark’s message', () => {
    const { ssc } = streamingKit();
    collectBatches(ssc.queueStream<[string, number]>([]).updateStateByKey((v: number[]) => v.length));
    assert.throws(
      () => ssc.start(),
      /^Error: The checkpoint directory has not been set\. Please set it by StreamingContext\.checkpoint\(\)\. \(updateStateByKey/,
    );
  });

  it('an update function that throws fails the batch naming the operation, partition and element', async () => {
    const { ssc, advanceBatches } = streamingKit();
    ssc.checkpoint(tempDir());
    collectBatches(
      ssc.queueStream<[string, number]>([[['bad', 1]]]).updateStateByKey((): number => {
        throw new Error('boom');
      }, 1),
    );
    ssc.start();
    const terminated = ssc.awaitTermination();
    await advanceBatches();
    await assert.rejects(terminated, (error: Error) => {
      assert.match(error.name, /StreamingBatchError/);
      assert.match(
        error.message,
        /updateStateByKey failed in partition 0 on element \('bad', \(\(1,\), None\)\): Error: boom/,
      );
      return true;
    });
  });
});

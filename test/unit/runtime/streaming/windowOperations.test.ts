import { strict as assert } from 'node:assert';
import { collectBatches, sorted, stopEverything, streamingKit, tempDir } from './streamingTestKit';

describe('DStream window operations (manual clock)', () => {
  afterEach(stopEverything);

  it('window(3 batches, 1 batch) over [1],[2],[3],[4] emits [1], [1,2], [1,2,3], [2,3,4]', async () => {
    const { ssc, advanceBatches } = streamingKit(1);
    const out = collectBatches(ssc.queueStream([[1], [2], [3], [4]]).window(3, 1));
    ssc.start();
    await advanceBatches(4);
    assert.deepEqual(out, [[1], [1, 2], [1, 2, 3], [2, 3, 4]]);
  });
});

// Bug: when the clock went backward across a restart, a new batch could get the time of an earlier run's
// batch and its saveAsTextFiles output was skipped as "already exists" — silently dropped. Only a batch
// restored from the checkpoint (re-run with its own time) may find its output complete and leave it; any
// other batch that finds its directory fails loudly.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopEverything, streamingKit, tempDir } from './streamingTestKit';

function partText(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
}

describe('saveAsTextFiles: a reused batch time is never skipped silently', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('a second run whose clock went back to an earlier batch time fails the batch instead of dropping its output', async () => {
    const dir = tempDir();
    const prefix = join(dir, 'out');

    const first = streamingKit();
    first.ssc.queueStream<[string, number]>([[['A', 1]]]).saveAsTextFiles(prefix);
    first.ssc.start();
    await first.advanceBatches(1);
    await first.ssc.stop({ stopSparkContext: true });
    assert.equal(partText(`${prefix}-1000`), "('A', 1)\n");

    // A new run whose (manual) clock starts where the first one did: its first batch is again at 1000 ms.
    const second = streamingKit();
    second.ssc.queueStream<[string, number]>([[['B', 2]]]).saveAsTextFiles(prefix);
    const terminated = second.ssc.awaitTermination();
    second.ssc.start();
    await second.advanceBatches(1);
    await assert.rejects(
      terminated,
      /out-1000 already exists and batch 1000 is not a batch re-run after a restart/,
    );
    // The first run's output is left as it was, not overwritten with the second run's.
    assert.equal(partText(`${prefix}-1000`), "('A', 1)\n");
  });
});

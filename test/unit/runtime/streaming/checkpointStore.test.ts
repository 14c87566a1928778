import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointStore, checkpointFileName } from '../../../../runtime/src/streaming/checkpointStore';
import { tempDir } from './streamingTestKit';

describe('checkpoint store', () => {
  it('replaces the checkpoint through a temporary file: queued writes land in order, nothing is left behind', async () => {
    const dir = join(tempDir(), 'nested', 'checkpoint');
    const store = new CheckpointStore(dir);
    assert.equal(CheckpointStore.existsIn(dir), false);
    const writes = [store.write('{"n":1}'), store.write('{"n":2}'), store.write('{"n":3}')];
    const stats = await Promise.all(writes);
    assert.deepEqual(store.read(), { n: 3 });
    assert.deepEqual(readdirSync(dir), [checkpointFileName]);
    assert.equal(stats[2]!.bytes, 7);
    assert.ok(stats.every((s) => s.writeMs >= s.fsyncMs && s.fsyncMs >= 0));
    store.writeSync('{"n":4}');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, checkpointFileName), 'utf8')), { n: 4 });
  });

  it('reports a corrupt checkpoint with its path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, checkpointFileName), '{"truncated":');
    assert.throws(
      () => new CheckpointStore(dir).read(),
      (error: Error) => error.message.startsWith(`Checkpoint ${join(dir, checkpointFileName)} is corrupt`),
    );
  });
});

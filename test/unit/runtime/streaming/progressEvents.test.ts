import { strict as assert } from 'node:assert';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchProgress, StreamingEvent } from '@streamshift/runtime/streaming';
import type { RDD } from '../../../../runtime/src/rdd';
import { collectBatches, stopEverything, streamingKit, tempDir } from './streamingTestKit';

function land(path: string, content: string): void {
  writeFileSync(path, content);
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}

describe('progress records: listeners and the STREAMSHIFT_EVENTS file', () => {
  const previous = process.env.STREAMSHIFT_EVENTS;
  beforeEach(stopEverything);
  afterEach(async () => {
    await stopEverything();
    if (previous === undefined) delete process.env.STREAMSHIFT_EVENTS;
    else process.env.STREAMSHIFT_EVENTS = previous;
  });

  it('gives listeners one record per batch and appends the same records to the events file as JSON lines', async () => {
    const events = join(tempDir(), 'events.jsonl');
    process.env.STREAMSHIFT_EVENTS = events;
    const input = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    ssc.checkpoint(tempDir());
    ssc
      .textFileStream(input, { rescanSeconds: 0 })
      .map((line): [string, number] => [line, 1])
      .updateStateByKey((values: number[], last: number | null) => values.length + (last ?? 0))
      .foreachRDD(() => undefined);
    const received: BatchProgress[] = [];
    ssc.addStreamingListener({ onBatchCompleted: (progress) => received.push(progress) });
    ssc.start();
    land(join(input, 'one.txt'), 'x\ny\nx\n');
    await advanceBatches();
    await advanceBatches();
    await ssc.stop({ stopSparkContext: false });

    const written = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StreamingEvent);
    assert.deepEqual(
      written.map((e) => e.type),
      ['streamingStarted', 'batchCompleted', 'batchCompleted', 'streamingStopped'],
    );
    assert.deepEqual(written.slice(1, 3), JSON.parse(JSON.stringify(received)));
    const [first, second] = received as [BatchProgress, BatchProgress];
    assert.equal(first.batchTime, 1000);
    assert.equal(first.batchTimeIso, '1970-01-01T00:00:01.000Z');
    assert.deepEqual(first.inputFiles, [join(input, 'one.txt')]);
    assert.equal(first.numRecords, 3);
    assert.equal(first.stateSize, 2); // keys x and y
    assert.equal(first.schedulingDelayMs, 0); // the manual clock does not move during a batch
    assert.ok(
      first.processingDelayMs >= 0 &&
        first.totalDelayMs === first.schedulingDelayMs + first.processingDelayMs,
    );
    assert.ok(first.checkpointBytes! > 0 && first.checkpointMs! >= first.checkpointFsyncMs!);
    assert.deepEqual(
      [second.batchTime, second.inputFiles, second.numRecords, second.stateSize],
      [2000, [], 0, 2],
    );
    // Nothing changed in the idle batch: its checkpoint write (and fsync) was skipped.
    assert.equal(second.checkpointBytes, undefined);
  });

  it('a user function that throws stops the stream: awaitTermination rejects naming operation, partition and element', async () => {
    const events = join(tempDir(), 'events.jsonl');
    process.env.STREAMSHIFT_EVENTS = events;
    const { ssc, advanceBatches } = streamingKit(1);
    const out = collectBatches(
      ssc.queueStream([['ok'], ['fine', 'bad']]).map((word) => {
        if (word === 'bad') throw new TypeError('cannot handle it');
        return word.toUpperCase();
      }),
    );
    ssc.start();
    const terminated = ssc.awaitTermination();
    await advanceBatches(3);
    await assert.rejects(terminated, (error: Error) => {
      assert.equal(error.name, 'StreamingBatchError');
      assert.equal(
        error.message,
        'Streaming batch 1970-01-01 00:00:02 (2000 ms) failed in output operation foreachRDD (DStream #1 map): ' +
          "UserFunctionError: map failed in partition 1 on element 'bad': TypeError: cannot handle it",
      );
      return true;
    });
    assert.deepEqual(out, [['OK']]); // the third batch never ran
    const written = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StreamingEvent & { failure?: string; error?: string });
    assert.deepEqual(
      written.map((e) => e.type),
      ['streamingStarted', 'batchCompleted', 'batchFailed', 'streamingStopped'],
    );
    assert.match(written[2]!.failure!, /map failed in partition 1 on element 'bad'/);
    assert.match(written[3]!.error!, /map failed in partition 1/);
  });

  it('awaitTerminationOrTimeout resolves false while running and true once stopped', async () => {
    const { ssc } = streamingKit(1);
    ssc.queueStream([[1]]).foreachRDD((rdd: RDD<number>) => rdd.count());
    ssc.start();
    assert.equal(await ssc.awaitTerminationOrTimeout(0), false);
    await ssc.stop({ stopSparkContext: false });
    assert.equal(await ssc.awaitTerminationOrTimeout(10), true);
    await ssc.awaitTermination(); // already stopped: resolves at once
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RDD } from '../../../../runtime/src/rdd';
import { SparkContext } from '../../../../runtime/src/sparkContext';
import { ManualClock, StreamingContext, SystemClock } from '@streamshift/runtime/streaming';
import { stopEverything, streamingKit, tempDir } from './streamingTestKit';

function lastCompletedBatch(checkpointDir: string): number | null {
  const data = JSON.parse(readFileSync(join(checkpointDir, 'streaming-checkpoint.json'), 'utf8')) as {
    lastCompletedBatch: number | null;
    pending: { time: number }[];
  };
  return data.lastCompletedBatch;
}

/** A foreachRDD that blocks its batch until the test releases it. */
function gate(): { wait: () => Promise<void>; release: () => void; entered: Promise<void> } {
  let release!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  return {
    wait: () => {
      entered();
      return opened;
    },
    release: () => release(),
    entered: enteredPromise,
  };
}

describe('StreamingContext lifecycle', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('stop({ stopGracefully: true }) lets the running batch finish, checkpoint included', async () => {
    const { ssc, clock } = streamingKit(1);
    const checkpoint = tempDir();
    ssc.checkpoint(checkpoint);
    const blocker = gate();
    const after: number[] = [];
    const input = ssc.queueStream([[1], [2]]);
    input.foreachRDD(() => blocker.wait());
    input.foreachRDD((rdd: RDD<number>) => after.push(...rdd.collect()));
    ssc.start();
    const batch = clock.advance(1000);
    await blocker.entered;
    const stopped = ssc.stop({ stopGracefully: true, stopSparkContext: false });
    blocker.release();
    await Promise.all([batch, stopped]);
    assert.deepEqual(after, [1]);
    assert.equal(lastCompletedBatch(checkpoint), 1000);
    assert.equal(ssc.getState(), 'STOPPED');
  });

  it('a batch that fails during a graceful stop still makes awaitTermination reject', async () => {
    const { ssc, clock } = streamingKit(1);
    const blocker = gate();
    ssc.queueStream([[1]]).foreachRDD(async () => {
      await blocker.wait();
      throw new Error('failed while stopping');
    });
    ssc.start();
    const terminated = ssc.awaitTermination();
    const batch = clock.advance(1000);
    await blocker.entered;
    const stopped = ssc.stop({ stopGracefully: true, stopSparkContext: false });
    blocker.release();
    await Promise.all([batch, stopped]);
    await assert.rejects(terminated, /failed in output operation foreachRDD .*: failed while stopping/);
  });

  it('stop() without grace abandons the running batch: later output operations and its checkpoint do not happen', async () => {
    const { ssc, clock } = streamingKit(1);
    const checkpoint = tempDir();
    ssc.checkpoint(checkpoint);
    const blocker = gate();
    const after: number[] = [];
    const input = ssc.queueStream([[1]]);
    input.foreachRDD(() => blocker.wait());
    input.foreachRDD((rdd: RDD<number>) => after.push(...rdd.collect()));
    ssc.start();
    const batch = clock.advance(1000);
    await blocker.entered;
    const stopped = ssc.stop({ stopSparkContext: false });
    blocker.release();
    await Promise.all([batch, stopped]);
    assert.deepEqual(after, []);
    assert.equal(lastCompletedBatch(checkpoint), null); // batch 1000 stays pending: re-run after a restart
  });

  it('a foreachRDD may await ssc.stop(): the stop completes when that batch ends, instead of waiting for itself', async () => {
    const { ssc, clock } = streamingKit(1);
    const seen: number[][] = [];
    const input = ssc.queueStream([[1], [2], [3]]);
    input.foreachRDD(async (rdd: RDD<number>) => {
      seen.push(rdd.collect());
      if (seen.length === 2) await ssc.stop({ stopGracefully: true, stopSparkContext: false });
    });
    ssc.start();
    const terminated = ssc.awaitTermination();
    await clock.advance(3000);
    await terminated;
    assert.deepEqual(seen, [[1], [2]]);
    assert.equal(ssc.getState(), 'STOPPED');
  });

  it('stop() stops the SparkContext by default (PySpark), and accepts the positional form', async () => {
    const { ssc, sc } = streamingKit(1);
    ssc.queueStream([[1]]).foreachRDD(() => undefined);
    ssc.start();
    await ssc.stop(false, true);
    assert.equal(sc.isStopped, false);
    sc.stop();
    const sc2 = new SparkContext('local[1]', 'again');
    const ssc2 = new StreamingContext(sc2, 1, { clock: new ManualClock() });
    ssc2.queueStream([[1]]).foreachRDD(() => undefined);
    ssc2.start();
    await ssc2.stop();
    assert.equal(sc2.isStopped, true);
  });

  it('only one StreamingContext runs at a time; a stopped one cannot restart; stopping the SparkContext stops it', async () => {
    const { ssc, sc } = streamingKit(1);
    ssc.queueStream([[1]]).foreachRDD(() => undefined);
    ssc.start();
    assert.equal(StreamingContext.getActive(), ssc);
    const other = new StreamingContext(sc, 1, { clock: new ManualClock() });
    other.queueStream([[1]]).foreachRDD(() => undefined);
    assert.throws(() => other.start(), /Only one StreamingContext may be started/);
    const terminated = ssc.awaitTermination();
    sc.stop();
    await terminated;
    assert.equal(ssc.getState(), 'STOPPED');
    assert.throws(() => ssc.start(), /StreamingContext has already been stopped/);
  });

  it('on the system clock (the default), batches come at consecutive multiples of the batch duration', async () => {
    const sc = new SparkContext('local[1]', 'real-clock');
    const ssc = new StreamingContext(sc, 0.02);
    const times: number[] = [];
    const threeBatches = new Promise<void>((resolve) =>
      ssc.addStreamingListener({
        onBatchCompleted: (progress) => {
          times.push(progress.batchTime);
          if (times.length === 3) resolve();
        },
      }),
    );
    ssc.queueStream([[1], [2], [3]]).foreachRDD(() => undefined);
    ssc.start();
    await threeBatches;
    await ssc.stop();
    assert.equal(times[0]! % 20, 0);
    assert.deepEqual(times, [times[0], times[0]! + 20, times[0]! + 40]);
  });

  it('refuses batch durations that are not positive whole milliseconds', () => {
    const sc = new SparkContext('local[1]', 'durations');
    assert.throws(() => new StreamingContext(sc, 0), /batchDuration must be a positive number of seconds/);
    assert.throws(() => new StreamingContext(sc, 0.0005), /whole number of milliseconds/);
  });
});

describe('clocks', () => {
  it('ManualClock runs due tasks in time order, awaiting each, and tasks they schedule if also due', async () => {
    const clock = new ManualClock(100);
    const order: string[] = [];
    clock.schedule(300, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('300');
      clock.schedule(350, () => void order.push('350 (scheduled by 300)'));
    });
    clock.schedule(200, () => void order.push('200'));
    const cancel = clock.schedule(250, () => void order.push('cancelled'));
    cancel();
    clock.schedule(500, () => void order.push('500'));
    await clock.advance(300);
    assert.deepEqual(order, ['200', '300', '350 (scheduled by 300)']);
    assert.equal(clock.getTimeMillis(), 400);
    assert.throws(() => clock.setTime(10), /before the current time/);
  });

  it('SystemClock never runs a task before wall time reaches it', async () => {
    const clock = new SystemClock();
    const target = Date.now() + 15;
    const ranAt = await new Promise<number>((resolve) => clock.schedule(target, () => resolve(Date.now())));
    assert.ok(ranAt >= target, `ran at ${ranAt}, target ${target}`);
  });
});

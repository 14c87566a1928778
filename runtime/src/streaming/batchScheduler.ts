import type { StreamingClock } from './clock';

/** What the scheduler asks of the context for each batch. */
export interface BatchHandlers {
  /** Decides and records the batch's input (Spark: job generation). */
  capture(time: number): Promise<void>;
  /** Runs the batch; `isAborted` turns true when the context is stopped without grace. */
  process(time: number, isAborted: () => boolean): Promise<void>;
  /** A batch failed: the context stops with this error. */
  fail(error: unknown): void;
}

/**
 * Spark's JobGenerator + JobScheduler: a timer fires at every multiple of the batch duration (on the
 * streaming clock), the batch's input is captured at that moment, and batches are processed one after
 * another in time order. When processing is slower than the batch interval, later batches queue up
 * (their wait is the scheduling delay) but their input is still captured on time.
 *
 * With a ManualClock the promise returned to the clock is the batch's completion, so
 * `await clock.advance(batchMs)` returns once that batch is fully processed.
 */
export class BatchScheduler {
  private cancelTimer: (() => void) | undefined;
  private captureTail: Promise<unknown> = Promise.resolve();
  private processTail: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private aborted = false;
  /** The next batch time the timer will fire at. */
  private nextTime = 0;

  constructor(
    private readonly clock: StreamingClock,
    private readonly batchMs: number,
    private readonly handlers: BatchHandlers,
  ) {}

  /**
   * Starts the timer at `firstTime`; `recoveredTimes` are batches restored from a checkpoint whose input
   * is already captured: they run first, at their own times.
   */
  start(firstTime: number, recoveredTimes: readonly number[]): void {
    for (const time of recoveredTimes) {
      this.clock.schedule(time, () => this.enqueue(time, false));
    }
    this.nextTime = firstTime;
    this.cancelTimer = this.clock.schedule(firstTime, () => this.tick(firstTime));
  }

  /**
   * Stops the timer. Graceful: batches already captured run to completion (with their checkpoints), and
   * if `hasUntakenData()` says received data is still waiting, one more batch takes it at the next batch
   * time. Not graceful: queued batches are dropped and the running one stops at its next step.
   */
  async stop(graceful: boolean, hasUntakenData: () => boolean): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.cancelTimer?.();
      this.cancelTimer = undefined;
      if (!graceful) this.aborted = true;
      else if (hasUntakenData() && !this.aborted) {
        const last = this.nextTime;
        await new Promise<void>((resolve) => {
          this.clock.schedule(last, () => this.enqueue(last, true).then(resolve));
        });
      }
    }
    await this.processTail;
  }

  private tick(time: number): Promise<void> | undefined {
    if (this.stopping) return undefined;
    this.nextTime = time + this.batchMs;
    this.cancelTimer = this.clock.schedule(this.nextTime, () => this.tick(this.nextTime));
    return this.enqueue(time, true);
  }

  /** Queues a batch: capture (in order with other captures), then processing (in order with others). */
  private enqueue(time: number, capture: boolean): Promise<void> {
    const captured = this.captureTail.then(async () => {
      if (this.aborted) return false;
      if (capture) await this.handlers.capture(time);
      return true;
    });
    this.captureTail = captured.catch(() => undefined);
    // processTail never rejects; waiting for it first keeps batches strictly one after another.
    const processed = this.processTail
      .then(() => captured)
      .then(async (ok) => {
        if (!ok || this.aborted) return;
        await this.handlers.process(time, () => this.aborted);
      });
    const settled = processed.catch((error: unknown) => {
      if (this.aborted) return;
      this.aborted = true;
      this.stopping = true;
      this.cancelTimer?.();
      this.cancelTimer = undefined;
      this.handlers.fail(error);
    });
    this.processTail = settled;
    return settled;
  }
}

/**
 * The clock that drives a StreamingContext's batches.
 *
 * Batches happen at multiples of the batch duration on this clock. Real jobs use the system clock; tests
 * use a ManualClock (as Spark's own streaming tests do with `ManualClock`) and move time explicitly, so a
 * test neither sleeps nor depends on how fast the machine is.
 */
export interface StreamingClock {
  /** The current time in milliseconds (since the Unix epoch for the system clock). */
  getTimeMillis(): number;
  /**
   * Runs `task` once the clock has reached `timeMs` (at once if it already has). Returns a function that
   * cancels the task if it has not run yet.
   */
  schedule(timeMs: number, task: () => Promise<void> | void): () => void;
}

/** Wall-clock time; the default for every StreamingContext. */
export class SystemClock implements StreamingClock {
  getTimeMillis(): number {
    return Date.now();
  }

  schedule(timeMs: number, task: () => Promise<void> | void): () => void {
    let handle: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    // Node's timers run on a monotonic clock and may fire a millisecond before Date.now() reaches the
    // target; re-arm until wall time has really arrived, so a batch never starts before its own time.
    const arm = (): void => {
      if (cancelled) return;
      const wait = timeMs - Date.now();
      if (wait > 0) {
        handle = setTimeout(arm, wait);
        return;
      }
      handle = undefined;
      void Promise.resolve()
        .then(task)
        .catch(() => undefined);
    };
    arm();
    return () => {
      cancelled = true;
      if (handle !== undefined) clearTimeout(handle);
    };
  }
}

interface ManualTask {
  readonly timeMs: number;
  readonly order: number;
  readonly task: () => Promise<void> | void;
}

/**
 * A clock that only moves when told to. `advance` and `setTime` run every task that became due, in time
 * order, and settle only when they (and whatever they scheduled that is also due) have finished: after
 * `await clock.advance(batchMs)` the batch at the new time has been processed.
 */
export class ManualClock implements StreamingClock {
  private nowMs: number;
  private tasks: ManualTask[] = [];
  private nextOrder = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(startTimeMs = 0) {
    this.nowMs = startTimeMs;
  }

  getTimeMillis(): number {
    return this.nowMs;
  }

  schedule(timeMs: number, task: () => Promise<void> | void): () => void {
    const entry: ManualTask = { timeMs, order: this.nextOrder++, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  /** Moves the clock forward by `ms` and runs what became due. */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0))
      throw new RangeError(`ManualClock.advance: expected a non-negative number of ms, got ${ms}`);
    return this.setTime(this.nowMs + ms);
  }

  /** Sets the clock (it never moves backwards) and runs what became due. */
  setTime(timeMs: number): Promise<void> {
    if (timeMs < this.nowMs) {
      throw new RangeError(`ManualClock.setTime: ${timeMs} is before the current time ${this.nowMs}`);
    }
    // Calls queue behind each other, so two advances never interleave their tasks.
    const run = this.running.then(async () => {
      this.nowMs = Math.max(this.nowMs, timeMs);
      for (;;) {
        const due = this.nextDue();
        if (!due) break;
        this.tasks = this.tasks.filter((t) => t !== due);
        await due.task();
      }
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  private nextDue(): ManualTask | undefined {
    let best: ManualTask | undefined;
    for (const t of this.tasks) {
      if (t.timeMs > this.nowMs) continue;
      if (!best || t.timeMs < best.timeMs || (t.timeMs === best.timeMs && t.order < best.order)) best = t;
    }
    return best;
  }
}

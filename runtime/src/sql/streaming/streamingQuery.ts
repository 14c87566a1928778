// StreamingQuery: a started streaming query (PySpark's StreamingQuery), its trigger loop, progress
// reports shaped like Spark's StreamingQueryProgress, and the session's StreamingQueryManager
// (spark.streams) with listeners. Batches run on the event loop; waiting methods return Promises.
import { closeSync, existsSync, openSync, watch, writeSync, type FSWatcher } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { BatchResult, MicroBatchExecution } from './microBatchExecution';

export type Trigger =
  | { kind: 'default' }
  | { kind: 'processingTime'; intervalMs: number }
  | { kind: 'once' }
  | { kind: 'availableNow' };

/** Spark's StreamingQueryProgress, as JSON. */
export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string | null;
  timestamp: string;
  batchId: number;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
  durationMs: Record<string, number>;
  eventTime: Record<string, string>;
  stateOperators: BatchResult['stateOperators'];
  sources: {
    description: string;
    startOffset: unknown;
    endOffset: unknown;
    latestOffset: unknown;
    numInputRows: number;
    inputRowsPerSecond: number;
    processedRowsPerSecond: number;
  }[];
  sink: { description: string; numOutputRows: number };
}

export interface StreamingQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}

export class StreamingQueryException extends Error {
  constructor(
    message: string,
    override readonly cause: Error,
  ) {
    super(message);
    this.name = 'StreamingQueryException';
  }
}

export interface StreamingQueryListener {
  onQueryStarted?(event: { id: string; runId: string; name: string | null; timestamp: string }): void;
  onQueryProgress?(event: { progress: StreamingQueryProgress }): void;
  onQueryIdle?(event: { id: string; runId: string; timestamp: string }): void;
  onQueryTerminated?(event: { id: string; runId: string; exception: string | null }): void;
}

/** Directory listing interval when no file-system event arrives (events can be lost). */
const POLL_MS = 10;
/** Re-check delay for a file seen for the first time while possibly still being written. */
const SETTLE_MS = 2;

export class StreamingQuery {
  readonly id: string;
  readonly runId = randomUUID();
  private active = true;
  private error: StreamingQueryException | null = null;
  private readonly progress: StreamingQueryProgress[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly terminated: Promise<void>;
  private resolveTerminated!: () => void;
  private statusMessage = 'Initializing sources';
  private triggerActive = false;
  private lastBatchEnd = 0;
  private watcher: FSWatcher | undefined;
  private running = false;

  constructor(
    readonly name: string | null,
    private readonly execution: MicroBatchExecution,
    private readonly trigger: Trigger,
    private readonly manager: StreamingQueryManager,
    queryId: string,
  ) {
    this.id = queryId;
    this.terminated = new Promise((resolve) => (this.resolveTerminated = resolve));
    // Keep the rejection observable through awaitTermination/exception only.
    manager.started(this);
    // A file landing in the source directory wakes the loop at once (inotify), instead of waiting
    // for the next directory listing.
    const dir = execution.source.watchDir;
    if (dir && existsSync(dir) && trigger.kind === 'default') {
      this.watcher = watch(dir, () => this.poke());
      this.watcher.on('error', () => undefined);
    }
    this.schedule(0);
  }

  get isActive(): boolean {
    return this.active;
  }
  get lastProgress(): StreamingQueryProgress | null {
    return this.progress[this.progress.length - 1] ?? null;
  }
  get recentProgress(): StreamingQueryProgress[] {
    return [...this.progress];
  }
  get status(): StreamingQueryStatus {
    return { message: this.statusMessage, isDataAvailable: false, isTriggerActive: this.triggerActive };
  }
  exception(): StreamingQueryException | null {
    return this.error;
  }

  /**
   * Resolves when the query stops (true), or after `timeoutMs` with false if it is still running.
   * Rejects with the query's exception if it failed.
   */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    if (timeoutMs === undefined) {
      await this.terminated;
    } else {
      let t: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => (t = setTimeout(r, timeoutMs)));
      await Promise.race([this.terminated, timeout]);
      clearTimeout(t);
    }
    if (this.error) throw this.error;
    return !this.active;
  }

  /** Runs batches until every input available now has been processed (for tests, as in Spark). */
  async processAllAvailable(): Promise<void> {
    for (;;) {
      if (!this.active) break;
      const ran = await this.exclusive(() => this.runOnce());
      if (ran) continue;
      // Input that is still being written is not available yet: wait for it to settle.
      if (!this.execution.source.hasPending) break;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
    if (this.error) throw this.error;
  }

  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.chain.catch(() => undefined);
    this.finish();
  }

  explain(): string {
    return `== Physical Plan ==\nMicroBatchScan ${this.execution.source.description}`;
  }

  toString(): string {
    return `<StreamingQuery id=${this.id} runId=${this.runId} name=${this.name}>`;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    if (!this.active) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.exclusive(() => this.tick());
    }, delayMs);
  }

  /** New input may have arrived: run the next trigger now unless a batch is in progress. */
  private poke(): void {
    if (!this.active || this.running || this.timer === undefined) return;
    this.schedule(0);
  }

  /** One trigger: run a batch if due, then schedule the next trigger per the trigger kind. */
  private async tick(): Promise<void> {
    if (!this.active) return;
    let ran = false;
    this.running = true;
    try {
      ran = await this.runOnce();
    } catch {
      return; // runOnce recorded the failure and stopped the query
    } finally {
      this.running = false;
    }
    if (!this.active) return;
    const t = this.trigger;
    if (!ran && this.execution.source.hasPending) {
      // A file is still being written: look again shortly (it is part of what is available now).
      this.schedule(SETTLE_MS);
      return;
    }
    if ((t.kind === 'once' || t.kind === 'availableNow') && !ran) {
      await this.stopFromLoop();
      return;
    }
    if (t.kind === 'once' && ran) {
      // Once: a single batch with everything available (plus Spark's follow-up no-data batch).
      while (this.active && (await this.runOnce())) {
        /* drain the no-data batch */
      }
      await this.stopFromLoop();
      return;
    }
    if (t.kind === 'processingTime') {
      const next = Math.max(0, this.lastBatchEnd + t.intervalMs - Date.now());
      this.schedule(ran ? next : Math.min(t.intervalMs, Math.max(next, POLL_MS)));
    } else this.schedule(ran ? 0 : POLL_MS);
  }

  private async stopFromLoop(): Promise<void> {
    this.active = false;
    this.finish();
  }

  private finish(): void {
    this.statusMessage = 'Stopped';
    this.watcher?.close();
    this.execution.source.stop();
    this.manager.terminated(this);
    this.resolveTerminated();
  }

  /** Runs the next batch if one is due; false when there was nothing to do. */
  private async runOnce(): Promise<boolean> {
    if (!this.active) return false;
    const t0 = performance.now();
    let planned;
    try {
      planned = this.execution.planNext();
    } catch (e) {
      this.fail(e as Error);
      throw e;
    }
    const latestOffsetMs = performance.now() - t0;
    if (!planned) {
      this.statusMessage = 'Waiting for data to arrive';
      return false;
    }
    this.triggerActive = true;
    this.statusMessage = 'Processing new data';
    const started = Date.now();
    let result: BatchResult;
    try {
      result = await this.execution.runBatch(planned.batchId, planned.offset);
    } catch (e) {
      this.triggerActive = false;
      this.fail(e as Error);
      throw e;
    }
    this.triggerActive = false;
    const elapsed = Math.max(1, performance.now() - t0);
    const sinceLast = this.lastBatchEnd === 0 ? 0 : (Date.now() - this.lastBatchEnd) / 1000;
    this.lastBatchEnd = Date.now();
    const inputRate = sinceLast > 0 ? result.numInputRows / sinceLast : 0;
    const processedRate = (result.numInputRows * 1000) / elapsed;
    const p: StreamingQueryProgress = {
      id: this.id,
      runId: this.runId,
      name: this.name,
      timestamp: new Date(started).toISOString(),
      batchId: result.batchId,
      numInputRows: result.numInputRows,
      inputRowsPerSecond: inputRate,
      processedRowsPerSecond: processedRate,
      durationMs: {
        ...result.durationMs,
        latestOffset: Math.round(latestOffsetMs),
        triggerExecution: Math.round(elapsed),
      },
      eventTime: result.eventTime,
      stateOperators: result.stateOperators,
      sources: [
        {
          description: this.execution.source.description,
          startOffset: result.sourceStart,
          endOffset: result.sourceEnd,
          latestOffset: result.sourceEnd,
          numInputRows: result.numInputRows,
          inputRowsPerSecond: inputRate,
          processedRowsPerSecond: processedRate,
        },
      ],
      sink: { description: this.execution.sink.description, numOutputRows: result.numOutputRows },
    };
    this.progress.push(p);
    if (this.progress.length > 100) this.progress.shift();
    this.manager.progressed(p);
    this.statusMessage = 'Waiting for next trigger';
    return true;
  }

  private fail(e: Error): void {
    this.error = new StreamingQueryException(
      `[STREAM_FAILED] Query [id = ${this.id}, runId = ${this.runId}] terminated with exception: ${e.message}`,
      e,
    );
    this.active = false;
    clearTimeout(this.timer);
    this.finish();
  }
}

/** spark.streams: the active queries of a session, and listeners. */
export class StreamingQueryManager {
  private readonly queries = new Set<StreamingQuery>();
  private readonly listeners: StreamingQueryListener[] = [];
  private anyTerminated: (() => void)[] = [];
  private lastTerminated: StreamingQuery | null = null;
  private eventsFd: number | undefined;

  get active(): StreamingQuery[] {
    return [...this.queries];
  }

  get(id: string): StreamingQuery | null {
    return [...this.queries].find((q) => q.id === id) ?? null;
  }

  addListener(listener: StreamingQueryListener): void {
    this.listeners.push(listener);
  }
  removeListener(listener: StreamingQueryListener): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** Resolves when any query terminates (or immediately if one already did since resetTerminated). */
  async awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const waiting =
      this.lastTerminated !== null ? Promise.resolve() : new Promise<void>((r) => this.anyTerminated.push(r));
    if (timeoutMs === undefined) await waiting;
    else {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([waiting, new Promise<void>((r) => (t = setTimeout(r, timeoutMs)))]);
      clearTimeout(t);
    }
    const e = this.lastTerminated?.exception();
    if (e) throw e;
    return this.lastTerminated !== null;
  }

  resetTerminated(): void {
    this.lastTerminated = null;
  }

  /** Checks that no active query has the same name (Spark requires unique names among active queries). */
  checkName(name: string | null): void {
    if (name !== null && [...this.queries].some((q) => q.name === name))
      throw new Error(
        `Cannot start query with name ${name} as a query with that name is already active in this SparkSession`,
      );
  }

  started(q: StreamingQuery): void {
    this.queries.add(q);
    this.openEvents();
    const event = { id: q.id, runId: q.runId, name: q.name, timestamp: new Date().toISOString() };
    this.emit({ type: 'queryStarted', ...event });
    for (const l of this.listeners) l.onQueryStarted?.(event);
  }

  progressed(p: StreamingQueryProgress): void {
    this.emit({ type: 'queryProgress', progress: p });
    for (const l of this.listeners) l.onQueryProgress?.({ progress: p });
  }

  terminated(q: StreamingQuery): void {
    this.queries.delete(q);
    this.lastTerminated = q;
    const exception = q.exception()?.message ?? null;
    this.emit({ type: 'queryTerminated', id: q.id, runId: q.runId, exception });
    for (const l of this.listeners) l.onQueryTerminated?.({ id: q.id, runId: q.runId, exception });
    for (const r of this.anyTerminated.splice(0)) r();
    if (this.queries.size === 0 && this.eventsFd !== undefined) {
      closeSync(this.eventsFd);
      this.eventsFd = undefined;
    }
  }

  private openEvents(): void {
    const path = process.env.STREAMSHIFT_EVENTS;
    if (!path || this.eventsFd !== undefined) return;
    this.eventsFd = openSync(path, 'a');
  }

  /** One JSON line per event in STREAMSHIFT_EVENTS (one write per line, append mode). */
  private emit(event: Record<string, unknown>): void {
    if (this.eventsFd !== undefined) writeSync(this.eventsFd, JSON.stringify(event) + '\n');
  }
}

const managers = new WeakMap<object, StreamingQueryManager>();

/** The StreamingQueryManager of a session. */
export function streamsOf(session: object): StreamingQueryManager {
  let m = managers.get(session);
  if (!m) managers.set(session, (m = new StreamingQueryManager()));
  return m;
}

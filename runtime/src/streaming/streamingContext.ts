import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { RDD } from '../rdd';
import { SparkContext } from '../sparkContext';
import { BatchScheduler } from './batchScheduler';
import { SystemClock, type StreamingClock } from './clock';
import { CheckpointStore, type CheckpointWriteStats } from './checkpointStore';
import { DStream } from './dstream';
import { DStreamGraph } from './dstreamGraph';
import { secondsToMs } from './durations';
import { FileInputOperator, type TextFileStreamOptions } from './fileInputOperator';
import { QueueInputOperator, type QueueItem } from './queueInputOperator';
import { SocketInputOperator } from './socketInputOperator';
import {
  composeCheckpoint,
  parseCheckpoint,
  serializeHistory,
  type CheckpointContent,
  type PendingBatch,
} from './streamCheckpoint';
import { StreamingBatchError } from './streamingErrors';
import { TransformOperator } from './transformOperator';
import type { CapturedInput } from './streamOperator';
import { StreamingListenerBus, type BatchProgress, type StreamingListener } from './streamingListener';
import type { Encoded } from './checkpointCodec';

export interface StreamingContextOptions {
  /** The clock that drives batches: the system clock by default; a ManualClock in tests. */
  readonly clock?: StreamingClock;
}

/** `stop()`'s keyword arguments (PySpark: `stop(stopSparkContext=True, stopGraceFully=False)`). */
export interface StopOptions {
  readonly stopSparkContext?: boolean;
  /** Finish the batches already started (and their checkpoints) before stopping. */
  readonly stopGracefully?: boolean;
  /** PySpark's spelling of `stopGracefully`. */
  readonly stopGraceFully?: boolean;
}

/** Spark's StreamingContextState. */
export type StreamingContextState = 'INITIALIZED' | 'ACTIVE' | 'STOPPED';

/**
 * The entry point of DStream streaming (PySpark's StreamingContext): `new StreamingContext(sc,
 * batchDurationSeconds)`, inputs (textFileStream, queueStream, socketTextStream), `start()`, and a promise
 * to wait on (`awaitTermination()`).
 *
 * Batches happen at multiples of the batch duration on the context's clock. With `checkpoint(dir)`, each
 * batch's claimed input is written to the checkpoint before the batch runs, and the state of every stream
 * and the log of files seen after it completes (atomically: temp file, fsync, rename). After a crash,
 * `StreamingContext.getOrCreate(dir, setup)` re-runs the setup function, restores state and file log into
 * the same graph, re-runs the interrupted batch with the same input and time, and carries on: no file is
 * processed twice, none is skipped.
 */
export class StreamingContext {
  private static activeContext: StreamingContext | undefined;

  /**
   * PySpark's `StreamingContext.getOrCreate(checkpointPath, setupFunc)`: if `checkpointPath` holds a
   * checkpoint, the context built by `setupFunc` resumes from it; otherwise `setupFunc`'s context starts
   * afresh. Either way it checkpoints into `checkpointPath`.
   *
   * Spark keeps the job's code in its checkpoint; JavaScript functions cannot be saved, so the setup
   * function is run again to rebuild the same streams, and the checkpoint is refused if the graph differs.
   */
  static getOrCreate(checkpointPath: string, setupFunc: () => StreamingContext): StreamingContext {
    const exists = CheckpointStore.existsIn(checkpointPath);
    const content = exists ? StreamingContext.readCheckpoint(checkpointPath) : undefined;
    const ssc = setupFunc();
    if (!(ssc instanceof StreamingContext)) {
      throw new TypeError('StreamingContext.getOrCreate: setupFunc must return a StreamingContext');
    }
    ssc.checkpointDirectory = checkpointPath;
    if (content) ssc.prepareRecovery(checkpointPath, content);
    return ssc;
  }

  /**
   * @internal Whether `time` is a batch restored from the checkpoint (it was running when the job stopped
   * and runs again with its own time): its output may already exist, complete.
   */
  isRecoveredBatch(time: number): boolean {
    return this.recovery?.pending.some((batch) => batch.time === time) ?? false;
  }

  /** The started (and not yet stopped) context, if any. */
  static getActive(): StreamingContext | undefined {
    return StreamingContext.activeContext;
  }

  /** The active context, or the one `setupFunc` creates. */
  static getActiveOrCreate(setupFunc: () => StreamingContext): StreamingContext {
    return StreamingContext.activeContext ?? setupFunc();
  }

  readonly sparkContext: SparkContext;
  /** The clock driving the batches. */
  readonly clock: StreamingClock;
  /** @internal */
  readonly graph = new DStreamGraph();
  /** @internal The batch duration in ms. */
  readonly batchMs: number;
  private state: StreamingContextState = 'INITIALIZED';
  private checkpointDirectory: string | undefined;
  private store: CheckpointStore | undefined;
  private recovery: CheckpointContent | undefined;
  private scheduler: BatchScheduler | undefined;
  private readonly bus = new StreamingListenerBus();
  private readonly terminated: Promise<void>;
  private resolveTerminated!: () => void;
  private rejectTerminated!: (error: unknown) => void;
  private awaited = false;
  /** The error that stopped the context (boxed: a thrown value may be anything, undefined included). */
  private failure: { readonly error: unknown } | undefined;
  private stopping: Promise<void> | undefined;
  /** Holds the batch time while user code of a batch runs (to recognise a stop() called from inside). */
  private readonly batchScope = new AsyncLocalStorage<number>();
  private pending: PendingBatch[] = [];
  /** Batches listed as pending in the checkpoint last written. */
  private writtenPendingTimes = new Set<number>();
  private historyJson = '{}';
  private lastCompletedBatch: number | null = null;

  constructor(sparkContext: SparkContext, batchDuration: number, options: StreamingContextOptions = {}) {
    if (!(sparkContext instanceof SparkContext)) {
      throw new TypeError('StreamingContext: the first argument must be a SparkContext');
    }
    this.sparkContext = sparkContext;
    this.batchMs = secondsToMs(batchDuration, 'batchDuration');
    this.clock = options.clock ?? new SystemClock();
    this.terminated = new Promise<void>((resolve, reject) => {
      this.resolveTerminated = resolve;
      this.rejectTerminated = reject;
    });
    // Nobody may ever wait on it; its failure is reported another way then (see fail()).
    this.terminated.catch(() => undefined);
    sparkContext.onStop(() => {
      if (this.state === 'ACTIVE') void this.stopInternal(false, false);
    });
  }

  /** Spark's getState(). */
  getState(): StreamingContextState {
    return this.state;
  }

  /** Checkpoints state and processed-file log into `directory` after every batch (needed for state). */
  checkpoint(directory: string): void {
    if (this.state !== 'INITIALIZED')
      throw new Error('checkpoint() must be called before the context starts');
    this.checkpointDirectory = directory;
  }

  /** Keeps every stream's RDDs for at least `duration` seconds (for `slice`). */
  remember(duration: number): void {
    this.graph.rememberMs = secondsToMs(duration, 'remember duration');
  }

  /** Registers a listener for started/batch/stopped events. */
  addStreamingListener(listener: StreamingListener): void {
    this.bus.add(listener);
  }

  // ------------------------------------------------------------------ inputs

  /** Lines of the files that appear in `directory` (see TextFileStreamOptions and NewFileFinder). */
  textFileStream(directory: string, options?: TextFileStreamOptions): DStream<string> {
    return new DStream<string>(
      this,
      new FileInputOperator(this.sparkContext, directory, this.batchMs, options),
    );
  }

  /**
   * A stream whose batches are the queue's RDDs (or arrays, parallelized), one per batch — or all at once
   * with `oneAtATime` false — then `defaultRDD` (or empty batches) once it is empty.
   */
  queueStream<T>(rdds: QueueItem<T>[], oneAtATime = true, defaultRDD?: QueueItem<T> | null): DStream<T> {
    if (!Array.isArray(rdds)) throw new TypeError('queueStream: rdds must be an array of RDDs or arrays');
    return new DStream<T>(
      this,
      new QueueInputOperator<T>(this.sparkContext, rdds, oneAtATime, defaultRDD ?? undefined, this.batchMs),
    );
  }

  /** Lines received from a TCP server at hostname:port (this is the client, as in Spark). */
  socketTextStream(hostname: string, port: number, _storageLevel?: unknown): DStream<string> {
    const operator = new SocketInputOperator(this.sparkContext, hostname, port, this.batchMs, {
      onError: (message) =>
        this.bus.post({
          type: 'receiverError',
          time: this.clock.getTimeMillis(),
          receiver: `socketTextStream(${hostname}:${port})`,
          message,
        }),
    });
    return new DStream<string>(this, operator);
  }

  /** The union of several streams of the same slide duration. */
  union<T>(...dstreams: DStream<T>[]): DStream<T> {
    if (dstreams.length === 0) throw new RangeError('should have at least one DStream to union');
    if (dstreams.length === 1) return dstreams[0]!;
    if (new Set(dstreams.map((d) => d.slideMs)).size > 1) {
      throw new RangeError('All DStreams should have same slide duration');
    }
    return new DStream<T>(
      this,
      new TransformOperator<T>('union', dstreams, (rdds) => RDD.union(this.sparkContext, rdds as RDD<T>[])),
    );
  }

  /** A stream made by `transformFunc` from the RDDs of several streams at each batch. */
  transform<T>(dstreams: DStream<any>[], transformFunc: (rdds: RDD<any>[]) => RDD<T>): DStream<T> {
    return new DStream<T>(
      this,
      new TransformOperator<T>('transform', dstreams, (rdds) => transformFunc(rdds)),
    );
  }

  // ------------------------------------------------------------------ lifecycle

  /** Starts receiving and processing. Validation errors (no output, no checkpoint directory, …) throw here. */
  start(): void {
    if (this.state === 'ACTIVE') {
      console.warn('StreamingContext has already been started');
      return;
    }
    if (this.state === 'STOPPED') throw new Error('StreamingContext has already been stopped');
    const active = StreamingContext.activeContext;
    if (active) {
      throw new Error(
        'Only one StreamingContext may be started in this process. Stop the running one first.',
      );
    }
    this.sparkContext.assertActive();
    this.graph.prepare(this.checkpointDirectory !== undefined);
    if (this.checkpointDirectory !== undefined) this.store = new CheckpointStore(this.checkpointDirectory);
    const recovery = this.recovery;
    const now = this.clock.getTimeMillis();
    const zero = recovery ? recovery.zeroTime : Math.floor(now / this.batchMs) * this.batchMs;
    this.graph.zeroTime = zero;
    const inputs = this.graph.inputs();
    const started: (() => void)[] = [];
    try {
      if (recovery) this.restoreState(recovery);
      for (const { stream, operator } of inputs) {
        operator.start(recovery?.sources[String(stream.id)]);
        started.push(() => operator.stop());
      }
      if (recovery) {
        for (const batch of recovery.pending) {
          for (const { stream, operator } of inputs)
            operator.commit(batch.time, batch.inputs[String(stream.id)] ?? []);
        }
      }
      // A fresh start records which files were present (and are ignored) at once: if the job dies before
      // its first batch with input, a restart must still know that files landing now are new.
      if (this.store && !recovery) {
        this.historyJson = this.serializeHistory();
        this.store.writeSync(this.composeCheckpoint());
      }
      this.bus.openEventsFile();
    } catch (error) {
      for (const stop of started) stop();
      this.graph.zeroTime = undefined;
      throw error;
    }
    this.state = 'ACTIVE';
    StreamingContext.activeContext = this;
    this.bus.post({
      type: 'streamingStarted',
      time: now,
      batchDurationMs: this.batchMs,
      recovered: !!recovery,
    });
    const lastKnown = Math.max(
      zero,
      recovery?.lastCompletedBatch ?? zero,
      ...(recovery?.pending.map((p) => p.time) ?? []),
    );
    let first = zero + (Math.floor((now - zero) / this.batchMs) + 1) * this.batchMs;
    while (first <= lastKnown) first += this.batchMs;
    this.scheduler = new BatchScheduler(this.clock, this.batchMs, {
      capture: (time) => this.captureBatch(time),
      process: (time, isAborted) => this.processBatch(time, isAborted),
      fail: (error) => this.fail(error),
    });
    this.scheduler.start(
      first,
      (recovery?.pending ?? []).map((p) => p.time).sort((a, b) => a - b),
    );
  }

  /**
   * Resolves when the context stops; rejects with the error that stopped it (a failed batch). With
   * `timeoutSeconds`, also resolves when that much (real) time has passed.
   */
  awaitTermination(timeoutSeconds?: number | null): Promise<void> {
    this.awaited = true;
    if (timeoutSeconds === undefined || timeoutSeconds === null) return this.terminated.then(() => undefined);
    return this.awaitTerminationOrTimeout(timeoutSeconds).then(() => undefined);
  }

  /** Resolves true when the context stopped within `timeoutSeconds`, false otherwise; rejects on error. */
  awaitTerminationOrTimeout(timeoutSeconds: number): Promise<boolean> {
    if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds >= 0)) {
      throw new RangeError(`timeout must be a non-negative number of seconds, got ${String(timeoutSeconds)}`);
    }
    this.awaited = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutSeconds * 1000);
    });
    return Promise.race([this.terminated.then(() => true), timedOut]).finally(() => clearTimeout(timer));
  }

  /**
   * Stops the context: `stop({ stopSparkContext = true, stopGracefully = false })`, or PySpark's positional
   * `stop(stopSparkContext, stopGraceFully)`. A graceful stop lets the batches already started finish,
   * checkpoints included (and takes received socket data in one last batch); otherwise the running batch
   * stops at its next step and is re-run after a restart from the checkpoint.
   */
  stop(options?: StopOptions | boolean, stopGraceFully?: boolean): Promise<void> {
    const stopSparkContext = typeof options === 'boolean' ? options : (options?.stopSparkContext ?? true);
    const graceful =
      typeof options === 'boolean' || options === undefined
        ? (stopGraceFully ?? false)
        : (options.stopGracefully ?? options.stopGraceFully ?? false);
    const stopped = this.stopInternal(stopSparkContext, graceful);
    // Called from inside a batch (a foreachRDD that stops the job): waiting for the batch to end would wait
    // for this very call. The stop is under way; it completes when the batch does.
    if (this.batchScope.getStore() !== undefined) return Promise.resolve();
    return stopped;
  }

  // ------------------------------------------------------------------ batches

  private async captureBatch(time: number): Promise<void> {
    const inputs = this.graph.inputs();
    const captured: CapturedInput[] = [];
    for (const { operator } of inputs) captured.push(await operator.capture(time));
    // From here to the checkpoint write nothing awaits: claims, file log and pending list change together.
    const claims: Record<string, unknown> = {};
    inputs.forEach(({ stream, operator }, i) => {
      operator.commit(time, captured[i]!.payload);
      if (operator.kind !== 'queueStream') claims[String(stream.id)] = captured[i]!.payload;
    });
    this.pending.push({ time, inputs: claims });
    // A batch with no input needs no claim on disk: re-running it after a crash could not differ.
    if (this.store && captured.some((c) => c.nonEmpty)) await this.writeCheckpoint();
  }

  private writeCheckpoint(): Promise<CheckpointWriteStats> {
    const content = this.composeCheckpoint();
    this.writtenPendingTimes = new Set(this.pending.map((p) => p.time));
    return this.store!.write(content);
  }

  private processBatch(time: number, isAborted: () => boolean): Promise<void> {
    return this.batchScope.run(time, () => this.runBatch(time, isAborted));
  }

  private async runBatch(time: number, isAborted: () => boolean): Promise<void> {
    const startedAt = this.clock.getTimeMillis();
    const started = performance.now();
    const inputs = this.graph.inputs();
    let checkpointStats: CheckpointWriteStats | undefined;
    try {
      try {
        for (const { operator } of inputs) await operator.load(time);
      } catch (error) {
        throw new StreamingBatchError(time, 'reading its input', error);
      }
      const { files, records } = this.inputInfo(time);
      this.bus.postBatchStarted({ batchTime: time, inputFiles: files, numRecords: records });
      for (const output of this.graph.outputs) {
        if (isAborted()) return;
        const step = `output operation ${output.name} (DStream #${output.stream.id} ${output.stream.operator.name})`;
        try {
          const rdd = output.stream.getOrCompute(time);
          if (rdd) await output.run(time, rdd);
        } catch (error) {
          throw new StreamingBatchError(time, step, error);
        }
      }
      if (isAborted()) return;
      for (const stream of this.graph.streams) {
        if (!stream.keepsHistory) continue;
        try {
          stream.getOrCompute(time);
        } catch (error) {
          throw new StreamingBatchError(time, `${stream.operator.name} (DStream #${stream.id})`, error);
        }
      }
      // An idle batch (no input, no state change) whose claim was never written leaves the checkpoint as
      // it is: skipping its write spares the disk an fsync every batch while nothing happens.
      const idle =
        this.store !== undefined &&
        !this.writtenPendingTimes.has(time) &&
        this.graph.streams.every((stream) => !stream.keepsHistory || stream.isIdleAt(time));
      for (const stream of this.graph.streams) stream.forgetBefore(time);
      this.pending = this.pending.filter((p) => p.time !== time);
      this.lastCompletedBatch = time;
      if (this.store) {
        try {
          if (!idle) {
            this.historyJson = this.serializeHistory();
            checkpointStats = await this.writeCheckpoint();
          }
        } catch (error) {
          throw new StreamingBatchError(time, 'writing the checkpoint', error);
        }
      }
      // Inputs are forgotten only after the checkpoint: a window may still read them.
      for (const { stream, operator } of inputs) operator.forget(time - stream.rememberMs);
      this.bus.post(this.progress('batchCompleted', time, startedAt, started, checkpointStats));
    } catch (error) {
      this.bus.post({
        ...this.progress('batchFailed', time, startedAt, started, checkpointStats),
        failure: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  private progress(
    type: BatchProgress['type'],
    time: number,
    startedAt: number,
    started: number,
    checkpoint: CheckpointWriteStats | undefined,
  ): BatchProgress {
    const { files, records } = this.inputInfo(time);
    let stateSize = 0;
    for (const stream of this.graph.streams) if (stream.keepsHistory) stateSize += stream.historySize();
    const schedulingDelayMs = Math.max(0, startedAt - time);
    const processingDelayMs = round(performance.now() - started);
    return {
      type,
      batchTime: time,
      batchTimeIso: new Date(time).toISOString(),
      inputFiles: files,
      numRecords: records,
      schedulingDelayMs,
      processingDelayMs,
      totalDelayMs: round(schedulingDelayMs + processingDelayMs),
      stateSize,
      ...(checkpoint
        ? {
            checkpointMs: round(checkpoint.writeMs),
            checkpointFsyncMs: round(checkpoint.fsyncMs),
            checkpointBytes: checkpoint.bytes,
          }
        : {}),
    };
  }

  private inputInfo(time: number): { files: string[]; records: number } {
    const files: string[] = [];
    let records = 0;
    for (const { operator } of this.graph.inputs()) {
      const info = operator.inputInfo(time);
      files.push(...info.files);
      records += info.records;
    }
    return { files, records };
  }

  private fail(error: unknown): void {
    if (!this.awaited) {
      // Nobody is waiting on awaitTermination(): the failure must still be seen.
      console.error('StreamingContext stopped because a batch failed:', error);
      process.exitCode = 1;
    }
    this.failure ??= { error };
    void this.stopInternal(false, false);
  }

  private stopInternal(stopSparkContext: boolean, graceful: boolean): Promise<void> {
    // A stop already under way (say, graceful) still ends with a failure that happens meanwhile: see below.
    if (this.stopping) return this.stopping;
    if (this.state === 'INITIALIZED' || this.state === 'STOPPED') {
      this.state = 'STOPPED';
      this.graph.markStopped();
      if (stopSparkContext) this.sparkContext.stop();
      this.resolveTerminated();
      this.stopping = Promise.resolve();
      return this.stopping;
    }
    this.stopping = (async () => {
      const inputs = this.graph.inputs();
      // Receivers stop first, so that a graceful stop can take everything they received.
      for (const { operator } of inputs) if (operator.kind === 'socketTextStream') operator.stop();
      await this.scheduler?.stop(graceful && this.failure === undefined, () =>
        inputs.some(({ operator }) => operator.hasUntakenData()),
      );
      const error = this.failure?.error;
      for (const { operator } of inputs) operator.stop();
      this.state = 'STOPPED';
      this.graph.markStopped();
      if (StreamingContext.activeContext === this) StreamingContext.activeContext = undefined;
      this.bus.post({
        type: 'streamingStopped',
        time: this.clock.getTimeMillis(),
        ...(this.failure ? { error: error instanceof Error ? error.message : String(error) } : {}),
      });
      this.bus.closeEventsFile();
      if (stopSparkContext) this.sparkContext.stop();
      if (this.failure) this.rejectTerminated(error);
      else this.resolveTerminated();
    })();
    return this.stopping;
  }

  // ------------------------------------------------------------------ checkpoints

  private static readCheckpoint(directory: string): CheckpointContent {
    const store = new CheckpointStore(directory);
    return parseCheckpoint(store.read(), store.path);
  }

  private prepareRecovery(directory: string, content: CheckpointContent): void {
    const where = `The checkpoint in ${directory}`;
    if (content.batchDurationMs !== this.batchMs) {
      throw new Error(
        `${where} was written with a batch duration of ${content.batchDurationMs} ms; this context has ` +
          `${this.batchMs} ms. Use the same batch duration, or delete the checkpoint directory to start afresh.`,
      );
    }
    const current = this.graph.signature();
    const saved = content.graph;
    for (let i = 0; i < Math.max(current.length, saved.length); i++) {
      if (current[i] === saved[i]) continue;
      throw new Error(
        `${where} was written by a different streaming job: DStream #${i} was ${saved[i] ?? '(none)'}, ` +
          `now ${current[i] ?? '(none)'}. Delete the checkpoint directory to start afresh.`,
      );
    }
    if (this.graph.inputs().some(({ operator }) => operator.kind === 'queueStream')) {
      // Spark's message: the queue's RDDs cannot be saved, so the job cannot resume.
      throw new Error(
        "queueStream doesn't support checkpointing. Please don't use queueStream when checkpointing is enabled.",
      );
    }
    this.recovery = content;
  }

  private restoreState(content: CheckpointContent): void {
    for (const [id, entries] of Object.entries(content.history)) {
      const stream = this.graph.streams[Number(id)];
      if (!stream) throw new Error(`checkpoint holds data for DStream #${id}, which this job does not have`);
      stream.restoreHistory(entries);
    }
    this.pending = [...content.pending];
    this.writtenPendingTimes = new Set(content.pending.map((p) => p.time));
    this.lastCompletedBatch = content.lastCompletedBatch;
    this.historyJson = this.serializeHistory();
  }

  private serializeHistory(): string {
    const history: Record<string, [number, Encoded][]> = {};
    for (const stream of this.graph.streams)
      if (stream.keepsHistory) history[String(stream.id)] = stream.snapshotHistory();
    return serializeHistory(history);
  }

  private composeCheckpoint(): string {
    const sources: Record<string, unknown> = {};
    for (const { stream, operator } of this.graph.inputs())
      sources[String(stream.id)] = operator.sourceState();
    return composeCheckpoint(
      {
        batchDurationMs: this.batchMs,
        zeroTime: this.graph.zeroTime!,
        graph: this.graph.signature(),
        lastCompletedBatch: this.lastCompletedBatch,
        pending: this.pending,
        sources,
      },
      this.historyJson,
    );
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

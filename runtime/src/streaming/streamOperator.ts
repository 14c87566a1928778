import type { RDD } from '../rdd';
import type { DStream } from './dstream';

/**
 * How one DStream turns batch times into RDDs (Spark's DStream subclasses: MappedDStream, WindowedDStream,
 * StateDStream, …). A DStream holds one operator; the operator holds no DStream state of its own except
 * what it needs across batches.
 */
export interface StreamOperator<T> {
  /** The operation that made the stream, as the user wrote it (`map`, `window`, …), for messages. */
  readonly name: string;
  /** What identifies the operator in a checkpoint (name plus durations); a different graph is refused. */
  readonly signature: string;
  readonly parents: readonly DStream<any>[];
  /** Interval between the stream's RDDs (the batch duration, or a window's slide). */
  readonly slideMs: number;
  /** Spark's `mustCheckpoint`: the stream keeps state across batches, so a checkpoint directory is required. */
  readonly mustCheckpoint: boolean;
  /** Parents' RDDs must be remembered this much longer than this stream's own (a window's length). */
  readonly parentRememberExtraMs: number;
  /** The operator reads its parents' RDDs of earlier batches (windows): those are kept, and checkpointed. */
  readonly readsParentHistory: boolean;
  /** The operator reads its own RDDs of earlier batches (state): those are kept, and checkpointed. */
  readonly readsOwnHistory: boolean;
  /** The RDD for `time` (a valid time of this stream), or undefined when there is none. */
  compute(time: number, self: DStream<T>): RDD<T> | undefined;
}

/** What an input source decided a batch gets. */
export interface CapturedInput {
  /** The claim itself (file list, received lines); JSON for the sources a checkpoint can restore. */
  readonly payload: unknown;
  /** True when the batch got any input at all. */
  readonly nonEmpty: boolean;
}

/** The operator of an input stream (textFileStream, queueStream, socketTextStream). */
export interface InputOperator<T> extends StreamOperator<T> {
  readonly kind: 'textFileStream' | 'queueStream' | 'socketTextStream';
  /** Starts the source; `restoredState` is what `sourceState()` returned before a restart. */
  start(restoredState: unknown): void;
  /**
   * Decides what the batch at `time` gets, without recording it: `commit` records it. Called once per
   * batch, in time order, never concurrently.
   */
  capture(time: number): Promise<CapturedInput>;
  /** Records a batch's claim (also used to re-install a claim restored from a checkpoint). */
  commit(time: number, payload: unknown): void;
  /** Reads what the batch at `time` claimed (files), so that `compute` is synchronous. */
  load(time: number): Promise<void>;
  /** Files and records the batch at `time` received. */
  inputInfo(time: number): { readonly files: readonly string[]; readonly records: number };
  /** Source state a checkpoint keeps (the processed-file log). */
  sourceState(): unknown;
  /** True when data arrived that no batch has taken yet (a graceful stop waits for it). */
  hasUntakenData(): boolean;
  /** Forgets batches at or before `time`. */
  forget(time: number): void;
  stop(): void;
}

export function isInputOperator(op: StreamOperator<unknown>): op is InputOperator<unknown> {
  return typeof (op as InputOperator<unknown>).capture === 'function';
}

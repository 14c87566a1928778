import { RDD } from '../rdd';
import type { DStream } from './dstream';
import { formatDuration } from './durations';
import type { StreamOperator } from './streamOperator';

/** PySpark's reduceFunc(previous window or none, new values) → window. */
export type WindowReduce<K, V> = (previous: RDD<[K, V]> | undefined, added: RDD<[K, V]>) => RDD<[K, V]>;
/** PySpark's invReduceFunc(previous window, values leaving the window) → what remains. */
export type WindowInverseReduce<K, V> = (previous: RDD<[K, V]>, removed: RDD<[K, V]>) => RDD<[K, V]>;

/**
 * `reduceByKeyAndWindow` with an inverse function (PySpark's PythonReducedWindowedDStream): the window's
 * value is computed incrementally — previous window, minus the batches that slid out (inverse), plus the
 * batches that slid in — when the window is at least 5 slides long; for shorter windows PySpark reduces
 * the whole window again, "for small window, reduce once will be better than twice", and so does this.
 * Either way keys whose value was reduced to a "zero" stay unless a filterFunc drops them, as in Spark.
 *
 * The previous window and the per-batch reduced values are state: Spark requires a checkpoint directory
 * for this stream, and so does Streamshift.
 */
export class ReducedWindowOperator<K, V> implements StreamOperator<[K, V]> {
  readonly name = 'reduceByKeyAndWindow';
  readonly mustCheckpoint = true;
  readonly readsParentHistory = true;
  readonly readsOwnHistory = true;
  readonly parents: readonly DStream<any>[];
  readonly signature: string;
  readonly parentRememberExtraMs: number;

  constructor(
    private readonly parent: DStream<[K, V]>,
    private readonly reduceFunc: WindowReduce<K, V>,
    private readonly invReduceFunc: WindowInverseReduce<K, V>,
    readonly windowMs: number,
    readonly slideMs: number,
  ) {
    this.parents = [parent];
    this.parentRememberExtraMs = windowMs;
    this.signature = `reduceByKeyAndWindow(${formatDuration(windowMs)}, ${formatDuration(slideMs)})`;
  }

  compute(time: number, self: DStream<[K, V]>): RDD<[K, V]> | undefined {
    const sc = this.parent.context().sparkContext;
    const parentSlide = this.parent.slideMs;
    const currentBegin = time - this.windowMs;
    const previousEnd = time - this.slideMs;
    const previousBegin = previousEnd - this.windowMs;
    const previous = self.peek(previousEnd);
    if (previous && this.windowMs >= this.slideMs * 5) {
      const oldRdds = this.parent.sliceInternal(previousBegin + parentSlide, currentBegin);
      const subtracted = oldRdds.length > 0 ? this.invReduceFunc(previous, RDD.union(sc, oldRdds)) : previous;
      const newRdds = this.parent.sliceInternal(previousEnd + parentSlide, time);
      return newRdds.length > 0 ? this.reduceFunc(subtracted, RDD.union(sc, newRdds)) : subtracted;
    }
    const currentRdds = this.parent.sliceInternal(currentBegin + parentSlide, time);
    return currentRdds.length > 0 ? this.reduceFunc(undefined, RDD.union(sc, currentRdds)) : undefined;
  }
}

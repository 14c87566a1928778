import { RDD } from '../rdd';
import type { DStream } from './dstream';
import { formatDuration } from './durations';
import type { StreamOperator } from './streamOperator';

/**
 * `window(windowDuration, slideDuration)`: every `slide`, the union of the parent's RDDs of the last
 * `window` (Spark's WindowedDStream). The parent's RDDs are kept in memory for the window's length, and
 * checkpointed with the stream's state, so a restarted job still sees the batches it had before.
 */
export class WindowOperator<T> implements StreamOperator<T> {
  readonly name = 'window';
  readonly mustCheckpoint = false;
  readonly readsParentHistory = true;
  readonly readsOwnHistory = false;
  readonly parents: readonly DStream<any>[];
  readonly signature: string;
  readonly parentRememberExtraMs: number;

  constructor(
    private readonly parent: DStream<T>,
    readonly windowMs: number,
    readonly slideMs: number,
  ) {
    this.parents = [parent];
    this.parentRememberExtraMs = windowMs;
    this.signature = `window(${formatDuration(windowMs)}, ${formatDuration(slideMs)})`;
  }

  compute(time: number): RDD<T> {
    const rdds = this.parent.sliceInternal(time - this.windowMs + this.parent.slideMs, time);
    return RDD.union(this.parent.context().sparkContext, rdds);
  }
}

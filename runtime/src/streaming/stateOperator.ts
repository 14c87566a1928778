import type { RDD } from '../rdd';
import type { DStream } from './dstream';
import { flatMapNamed } from './namedTransforms';
import type { StreamOperator } from './streamOperator';

/**
 * PySpark's update function: the key's new values in this batch (possibly none) and its state so far
 * (`null` for a new key, as Python's None) → the new state, or null/undefined to remove the key.
 */
export type UpdateFunction<V, S> = (newValues: V[], lastState: S | null) => S | null | undefined;

/**
 * `updateStateByKey` (Spark's StateDStream, PySpark's algorithm): each batch, every key that has state or
 * new values gets `updateFunc(newValues, lastState)`; keys whose new state is None are dropped. The state
 * RDD is materialised every batch and checkpointed, which is why Spark requires a checkpoint directory.
 */
export class StateOperator<K, V, S> implements StreamOperator<[K, S]> {
  readonly name = 'updateStateByKey';
  readonly signature = 'updateStateByKey';
  readonly mustCheckpoint = true;
  readonly parentRememberExtraMs = 0;
  readonly readsParentHistory = false;
  readonly readsOwnHistory = true;
  readonly parents: readonly DStream<any>[];
  readonly slideMs: number;

  constructor(
    private readonly parent: DStream<[K, V]>,
    private readonly updateFunc: UpdateFunction<V, S>,
    private readonly numPartitions: number | undefined,
    private readonly initialRDD: RDD<[K, S]> | undefined,
  ) {
    this.parents = [parent];
    this.slideMs = parent.slideMs;
  }

  compute(time: number, self: DStream<[K, S]>): RDD<[K, S]> | undefined {
    // The latest state before this batch — not necessarily the previous slot: batches the job missed while
    // it was down never happened, and the state carries over them.
    const previous = self.latestBefore(time) ?? this.initialRDD;
    const batch = this.parent.getOrCompute(time);
    if (!previous && !batch) return undefined;
    const numPartitions = this.numPartitions;
    let grouped: RDD<[K, [V[], S | null]]>;
    if (!previous) {
      grouped = batch!.groupByKey(numPartitions).mapValues((values): [V[], S | null] => [values, null]);
    } else if (!batch) {
      grouped = previous.mapValues((state): [V[], S | null] => [[], state]);
    } else {
      grouped = previous
        .cogroup(batch, numPartitions)
        .mapValues(([states, values]): [V[], S | null] => [values, states.length > 0 ? states[0]! : null]);
    }
    const updateFunc = this.updateFunc;
    return flatMapNamed(grouped, 'updateStateByKey', ([key, [values, state]]): [K, S][] => {
      const next = updateFunc(values, state);
      return next === null || next === undefined ? [] : [[key, next]];
    });
  }
}

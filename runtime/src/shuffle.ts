import { KeyMap } from './keyMap';
import { partitionOf } from './portableHash';
import { UserFunctionError } from './userFunctionError';

/**
 * The hash shuffle behind reduceByKey, groupByKey, join, partitionBy, …: a map stage that combines each
 * input partition's values by key (the map-side combine that keeps a word count's shuffle at one record
 * per key per partition) and distributes the combined records into one bucket per output partition by
 * the hash of their key; and a reduce stage that merges one bucket's records by key.
 *
 * Everything runs in this process, so the "shuffle files" are arrays kept by the shuffled RDD: like
 * Spark's shuffle output, they are computed once and reused by later actions on the same RDD.
 */

/** How values are combined per key (Spark's Aggregator / combineByKey's three functions). */
export interface Aggregator<V, C> {
  createCombiner(value: V): C;
  mergeValue(combiner: C, value: V): C;
  mergeCombiners(combiner1: C, combiner2: C): C;
}

/** Computes one partition of the parent RDD by pushing its elements into a sink. */
export type PartitionComputer<T> = (partition: number, sink: (value: T) => void) => void;

/** One output partition's records, in map-partition order. */
export type ShuffleBucket<K, C> = [K, C][];

/**
 * Runs the map stage over every parent partition. With an aggregator, values are combined per key first;
 * without one, records are only routed (partitionBy, repartition).
 */
export function runShuffleMapStage<K, V, C>(
  operation: string,
  parentPartitions: number,
  computeParent: PartitionComputer<[K, V]>,
  numPartitions: number,
  partitionFunc: ((key: K) => number) | undefined,
  aggregator: Aggregator<V, C> | undefined,
): ShuffleBucket<K, C>[] {
  const buckets: ShuffleBucket<K, C>[] = Array.from({ length: numPartitions }, () => []);
  const route = (key: K, partition: number): number => {
    if (numPartitions === 1) return 0;
    try {
      return partitionOf(key, numPartitions, partitionFunc as ((key: unknown) => number) | undefined);
    } catch (error) {
      throw new UserFunctionError(`${operation} (partitionFunc)`, partition, key, error);
    }
  };
  for (let partition = 0; partition < parentPartitions; partition++) {
    if (!aggregator) {
      computeParent(partition, (pair) => {
        buckets[route(pair[0], partition)]!.push(pair as unknown as [K, C]);
      });
      continue;
    }
    const { createCombiner, mergeValue } = aggregator;
    const combined = new KeyMap<K, { value: C }>();
    computeParent(partition, (pair) => {
      const key = pair[0];
      const box = combined.get(key);
      try {
        if (box === undefined) combined.set(key, { value: createCombiner(pair[1]) });
        else box.value = mergeValue(box.value, pair[1]);
      } catch (error) {
        throw new UserFunctionError(operation, partition, pair, error);
      }
    });
    combined.forEach((box, key) => {
      buckets[route(key, partition)]!.push([key, box.value]);
    });
  }
  return buckets;
}

/** Merges one bucket's combined records by key and pushes `[key, combiner]` pairs. */
export function reduceShuffleBucket<K, C>(
  operation: string,
  partition: number,
  bucket: ShuffleBucket<K, C>,
  mergeCombiners: (combiner1: C, combiner2: C) => C,
  sink: (pair: [K, C]) => void,
): void {
  const merged = new KeyMap<K, { value: C }>();
  for (const record of bucket) {
    const key = record[0];
    const box = merged.get(key);
    if (box === undefined) {
      merged.set(key, { value: record[1] });
      continue;
    }
    try {
      box.value = mergeCombiners(box.value, record[1]);
    } catch (error) {
      throw new UserFunctionError(operation, partition, record, error);
    }
  }
  merged.forEach((box, key) => sink([key, box.value]));
}

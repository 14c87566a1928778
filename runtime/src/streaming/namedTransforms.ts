import { RDD } from '../rdd';
import { UserFunctionError } from '../userFunctionError';

/**
 * Narrow transformations whose failures carry the name of the streaming operation that applied the user's
 * function (`updateStateByKey`, `reduceByKeyAndWindow (invFunc)`, …) rather than the RDD building block
 * (`mapValues`) the DStream happens to be built from: the message must point at what the user wrote.
 */
export function flatMapNamed<T, U>(rdd: RDD<T>, operation: string, f: (value: T) => readonly U[]): RDD<U> {
  return new RDD<U>(
    rdd.context,
    () => rdd.getNumPartitions(),
    (partition, sink) =>
      rdd.computePartition(partition, (value) => {
        let produced: readonly U[];
        try {
          produced = f(value);
        } catch (error) {
          throw new UserFunctionError(operation, partition, value, error);
        }
        for (const item of produced) sink(item);
      }),
    operation,
  );
}

export function mapNamed<T, U>(rdd: RDD<T>, operation: string, f: (value: T) => U): RDD<U> {
  return flatMapNamed(rdd, operation, (value) => [f(value)]);
}

export function filterNamed<T>(rdd: RDD<T>, operation: string, f: (value: T) => unknown): RDD<T> {
  return flatMapNamed(rdd, operation, (value) => (f(value) ? [value] : []));
}

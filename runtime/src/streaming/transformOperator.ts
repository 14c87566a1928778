import { RDD } from '../rdd';
import type { DStream } from './dstream';
import type { StreamOperator } from './streamOperator';

/**
 * A stream whose RDD at each batch is a function of its parents' RDDs at the same batch: every
 * per-batch operation (map, filter, reduceByKey, join, transform, union, …) is one of these, as in
 * PySpark, where they are all built on `transform`.
 */
export class TransformOperator<T> implements StreamOperator<T> {
  readonly mustCheckpoint = false;
  readonly parentRememberExtraMs = 0;
  readonly readsParentHistory = false;
  readonly readsOwnHistory = false;
  readonly slideMs: number;
  readonly signature: string;

  constructor(
    readonly name: string,
    readonly parents: readonly DStream<any>[],
    private readonly transformFunc: (rdds: RDD<any>[], time: number) => RDD<T>,
  ) {
    const slides = new Set(parents.map((p) => p.slideMs));
    if (slides.size !== 1) {
      throw new RangeError(
        `${name}: all DStreams should have the same slide duration, got ${[...slides].join(', ')} ms`,
      );
    }
    this.slideMs = parents[0]!.slideMs;
    this.signature = name;
  }

  compute(time: number): RDD<T> | undefined {
    const rdds: RDD<any>[] = [];
    for (const parent of this.parents) {
      const rdd = parent.getOrCompute(time);
      // A batch time with no input at all (the job was down then) has no RDD downstream either.
      if (!rdd) return undefined;
      rdds.push(rdd);
    }
    const result = this.transformFunc(rdds, time);
    if (!(result instanceof RDD)) {
      // Spark: "Transform function must not return null. Return SparkContext.emptyRDD() instead…"
      throw new TypeError(
        `${this.name}: the function must return an RDD, got ${result === null ? 'null' : typeof result}. ` +
          'Return sc.emptyRDD() to represent no element as the result of the transformation.',
      );
    }
    return result;
  }
}

// What each RDD method means for streaming. The tables follow PySpark's RDD and DStream APIs: a step
// that exists on DStream keeps its text; one that does not is applied per micro-batch via transform().
import type { StepKind } from './api';

/** Methods of SparkContext that create a dataset the converter understands. */
export const rddSourceMethods: ReadonlySet<string> = new Set(['textFile', 'parallelize']);

/** RDD transformations, by what they mean for a stream. */
export const rddStepKinds: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ...(
    [
      'map',
      'flatMap',
      'filter',
      'mapValues',
      'flatMapValues',
      'mapPartitions',
      'mapPartitionsWithIndex',
      'keyBy',
      'keys',
      'values',
      'glom',
      'coalesce',
      'repartition',
      'partitionBy',
      'cache',
      'persist',
      'unpersist',
      'setName',
      'sample',
    ] as const
  ).map((name): [string, StepKind] => [name, 'stateless']),
  ...(['reduceByKey', 'foldByKey', 'aggregateByKey', 'combineByKey', 'groupByKey', 'groupBy'] as const).map(
    (name): [string, StepKind] => [name, 'aggregation'],
  ),
  ['distinct', 'dedup'],
  ['sortBy', 'order'],
  ['sortByKey', 'order'],
  ['zipWithIndex', 'order'],
  ['zipWithUniqueId', 'order'],
  ...(
    [
      'join',
      'leftOuterJoin',
      'rightOuterJoin',
      'fullOuterJoin',
      'cogroup',
      'union',
      'intersection',
      'subtract',
      'subtractByKey',
      'cartesian',
    ] as const
  ).map((name): [string, StepKind] => [name, 'join']),
]);

/** RDD actions: they end a pipeline. */
export const rddActions: ReadonlySet<string> = new Set([
  'saveAsTextFile',
  'collect',
  'count',
  'first',
  'take',
  'takeOrdered',
  'top',
  'takeSample',
  'reduce',
  'fold',
  'aggregate',
  'sum',
  'mean',
  'min',
  'max',
  'stats',
  'variance',
  'stdev',
  'countByKey',
  'countByValue',
  'collectAsMap',
  'foreach',
  'foreachPartition',
  'isEmpty',
]);

/** Actions that visit each element once: per micro-batch they do exactly what the batch did, spread over time. */
export const perElementActions: ReadonlySet<string> = new Set(['foreach', 'foreachPartition']);

/** Actions whose batch result is the list of all elements: per micro-batch it is the new elements. */
export const listingActions: ReadonlySet<string> = new Set(['collect']);

/** Actions that pick "the first n" / "the top n": meaningless over an unbounded stream without a total. */
export const limitActions: ReadonlySet<string> = new Set([
  'first',
  'take',
  'takeOrdered',
  'top',
  'takeSample',
  'isEmpty',
]);

/**
 * Transformations that exist on PySpark's DStream with the same meaning per micro-batch; any other step is
 * wrapped as `.transform((rdd) => rdd.step(...))`.
 */
export const dstreamMethods: ReadonlySet<string> = new Set([
  'map',
  'flatMap',
  'filter',
  'mapValues',
  'flatMapValues',
  'mapPartitions',
  'mapPartitionsWithIndex',
  'repartition',
  'cache',
  'persist',
  'reduceByKey',
  'groupByKey',
  'combineByKey',
  'countByValue',
]);

/**
 * Running aggregations: the argument index of the function that merges two partial results, which
 * updateStateByKey reuses to fold each micro-batch into the running state.
 */
export const mergeFunctionIndex: ReadonlyMap<string, number> = new Map([
  ['reduceByKey', 0],
  ['foldByKey', 1],
  ['aggregateByKey', 2],
  ['combineByKey', 2],
]);

/** Joins whose per-record result with a static dataset equals the batch's. */
export const streamStaticJoins: ReadonlySet<string> = new Set([
  'join',
  'leftOuterJoin',
  'subtract',
  'subtractByKey',
  'cartesian',
]);

// What each DataFrame method means for Structured Streaming (PySpark's pyspark.sql names).
import type { StepKind } from './api';

/** DataFrameReader calls that load a dataset. */
export const dfSourceMethods: ReadonlySet<string> = new Set([
  'csv',
  'json',
  'text',
  'load',
  'parquet',
  'orc',
]);

/** DataFrameWriter calls that write a dataset. */
export const dfWriteMethods: ReadonlySet<string> = new Set(['csv', 'json', 'text', 'save', 'parquet', 'orc']);

/** GroupedData calls that aggregate. */
export const groupedAggregates: ReadonlySet<string> = new Set([
  'agg',
  'count',
  'sum',
  'avg',
  'mean',
  'min',
  'max',
]);

/** DataFrame actions and show(): they end a pipeline. */
export const dfActions: ReadonlySet<string> = new Set([
  'show',
  'collect',
  'count',
  'take',
  'head',
  'first',
  'isEmpty',
  'foreach',
  'foreachPartition',
  'toLocalIterator',
  'collectArrays',
]);

/** Calls that neither transform nor consume the data (the DataFrame is left as it was). */
export const dfIgnored: ReadonlySet<string> = new Set(['printSchema', 'explain', 'col']);

export const dfStepKinds: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ...(
    [
      'select',
      'selectExpr',
      'filter',
      'where',
      'withColumn',
      'withColumns',
      'withColumnRenamed',
      'withColumnsRenamed',
      'drop',
      'dropna',
      'fillna',
      'alias',
      'cache',
      'persist',
      'unpersist',
      'withWatermark',
      'repartition',
      'coalesce',
    ] as const
  ).map((name): [string, StepKind] => [name, 'stateless']),
  ['distinct', 'dedup'],
  ['dropDuplicates', 'dedup'],
  ['agg', 'aggregation'],
  ['orderBy', 'order'],
  ['sort', 'order'],
  ['limit', 'limit'],
  ...(
    ['join', 'crossJoin', 'union', 'unionAll', 'unionByName', 'intersect', 'subtract', 'exceptAll'] as const
  ).map((name): [string, StepKind] => [name, 'join']),
]);

// @streamshift/runtime: PySpark's core API (pyspark) — SparkContext, RDD and their helpers.
export { SparkContext, DEFAULT_MASTER } from './sparkContext';
export { SparkConf } from './sparkConf';
export { RDD, type Sink, type PartitionComputer } from './rdd';
export { Broadcast } from './broadcast';
export { Accumulator, type AccumulatorParam } from './accumulator';
export { StatCounter } from './statCounter';
export { StorageLevel } from './storageLevel';
export { UserFunctionError } from './userFunctionError';
export { pythonRepr, pythonStr, pythonStringRepr, pythonNumberRepr, pythonReprTruncated } from './pythonRepr';
export { comparePython, pythonEquals } from './pythonOrder';
export { KeyMap, encodeKey } from './keyMap';
export { portableHash } from './portableHash';
export type { SaveAsTextFileOptions } from './io/saveAsTextFile';
export { SparkSession } from './sql/session';
export { StreamingContext } from './streaming/index';

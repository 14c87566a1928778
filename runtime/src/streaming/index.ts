// @streamshift/runtime/streaming — PySpark's pyspark.streaming: StreamingContext and DStream.
export { StreamingContext } from './streamingContext';
export type { StreamingContextOptions, StopOptions, StreamingContextState } from './streamingContext';
export { DStream } from './dstream';
export type { BatchTime, TimeBound } from './dstream';
export { ManualClock, SystemClock } from './clock';
export type { StreamingClock } from './clock';
export type { TextFileStreamOptions } from './fileInputOperator';
export type { QueueItem } from './queueInputOperator';
export type { UpdateFunction } from './stateOperator';
export type {
  BatchProgress,
  BatchStarted,
  ReceiverError,
  StreamingEvent,
  StreamingListener,
  StreamingStarted,
  StreamingStopped,
} from './streamingListener';
export { StreamingBatchError, StreamOperationError } from './streamingErrors';
export { CheckpointEncodingError } from './checkpointCodec';

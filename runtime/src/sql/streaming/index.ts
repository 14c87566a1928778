// @streamshift/runtime/sql/streaming: PySpark's pyspark.sql.streaming.
export { DataStreamReader } from './dataStreamReader';
export { DataStreamWriter } from './dataStreamWriter';
export {
  StreamingQuery,
  StreamingQueryManager,
  StreamingQueryException,
  type StreamingQueryListener,
  type StreamingQueryProgress,
  type StreamingQueryStatus,
} from './streamingQuery';

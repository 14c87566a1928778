import type { RDD } from '../rdd';
import type { DStream } from './dstream';

/**
 * An output operation (foreachRDD, pprint, saveAsTextFiles): what a batch actually runs. Spark's
 * ForEachDStream: at each valid time of its stream, if the stream has an RDD, the function runs on it.
 */
export interface OutputOperation {
  readonly name: string;
  readonly stream: DStream<any>;
  /** May return a promise (an asynchronous sink); the batch waits for it. */
  run(time: number, rdd: RDD<any>): unknown;
}

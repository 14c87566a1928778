// The seed project's batch.py, in TypeScript: count, per key, the rows whose value is above 50.
// Paths are relative to this file's folder (the task runner and `npm run demo` run jobs from there).
import { SparkSession } from '@streamshift/runtime';
import { StreamingContext } from '@streamshift/runtime/streaming';

const spark = SparkSession.builder.appName('ExampleRDD').getOrCreate();
const sc = spark.sparkContext;

// Spark's recovery pattern: after a restart the setup function rebuilds the same streams and
// the context resumes from the checkpoint (running totals and processed files intact).
const ssc = StreamingContext.getOrCreate('checkpoint/batch', () => {
  const ssc = new StreamingContext(sc, 5);
  ssc.checkpoint('checkpoint/batch');

  const rdd = ssc.textFileStream('stream_input/');

  // reduceByKey()'s function, shared by the per-batch reduceByKey() and the running total.
  const mergeRddFiltered = (x: number, y: number) => x + y;
  const rddFiltered = rdd
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields): [string, number] => [fields[1], 1])
    .reduceByKey(mergeRddFiltered)
    .updateStateByKey((batchValues: number[], total: number | null) =>
      total === null ? batchValues.reduce(mergeRddFiltered) : batchValues.reduce(mergeRddFiltered, total),
    );

  rddFiltered.foreachRDD((rdd) => {
    rdd.coalesce(1).saveAsTextFile('batch_output/output.csv', { overwrite: true });
  });
  rddFiltered.pprint();

  return ssc;
});

ssc.start();
await ssc.awaitTermination();

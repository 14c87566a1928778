// Seed 002 (user events) in TypeScript: the seed's stream processor ran in two CSV modes — "csv-agg"
// (events counted per type) and "csv-log" (the raw rows) — over files a generator wrote. Here both are
// batch jobs over the files already written; the converter makes the streams the seed ran.
// Paths are relative to this file's folder (the task runner and `npm run demo` run jobs from there).
import { SparkSession } from '@streamshift/runtime/sql';

const spark = SparkSession.builder.appName('UserEvents').getOrCreate();

// The seed's schema (schema/csv_schema.py): the timestamp is kept as the string the generator wrote.
const events = spark.readStream
  .schema('timestamp STRING, user_id INT, event STRING')
  .option('header', 'true')
  .option('maxFilesPerTrigger', 1000)
  .csv('stream_input/');

// csv-agg: how many events of each type.
const query = events
  .groupBy('event')
  .count()
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/event_counts');
  })
  .option('checkpointLocation', 'checkpoint/batch/query')
  .trigger({ processingTime: '5 seconds' })
  .start();

// csv-log: the rows themselves, without aggregation.
const query2 = events.writeStream
  .outputMode('append')
  .format('csv')
  .option('path', 'batch_output/event_log')
  .option('checkpointLocation', 'checkpoint/batch/query2')
  .trigger({ processingTime: '5 seconds' })
  .start();

await query.awaitTermination();
await query2.awaitTermination();

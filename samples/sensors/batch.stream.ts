// Seed 001 (IoT sensor readings) in TypeScript: the seed's batch job (average temperature per sensor),
// its hot-readings filter with a Fahrenheit column, the maximum per sensor, and the sliding-window
// average with a 2-minute watermark. In batch the watermark changes nothing (as in Spark); the converted
// stream drops readings that arrive later than it allows.
// Paths are relative to this file's folder (the task runner and `npm run demo` run jobs from there).
import { SparkSession } from '@streamshift/runtime/sql';
import { avg, col, max, round, window } from '@streamshift/runtime/sql/functions';

const spark = SparkSession.builder.appName('SensorReadings').getOrCreate();

// The seed's streaming schema, given to the batch read too: timestamps are read as timestamps.
const readings = spark.readStream
  .schema('sensor_id INT, timestamp TIMESTAMP, temperature DOUBLE')
  .option('maxFilesPerTrigger', 1000)
  .json('stream_input/');

// Average temperature per sensor (the seed's batch example).
const query = readings
  .groupBy('sensor_id')
  .agg(round(avg('temperature'), 2).alias('avg_temperature'))
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/avg_temperature');
  })
  .option('checkpointLocation', 'checkpoint/batch/query')
  .trigger({ processingTime: '5 seconds' })
  .start();

// Hot readings (> 30 °C) with the temperature in Fahrenheit.
const query2 = readings
  .filter(col('temperature').gt(30))
  .withColumn('temperature_f', round(col('temperature').multiply(9).divide(5).plus(32), 2))
  .writeStream.outputMode('append')
  .format('csv')
  .option('path', 'batch_output/hot_readings')
  .option('checkpointLocation', 'checkpoint/batch/query2')
  .trigger({ processingTime: '5 seconds' })
  .start();

// Maximum temperature per sensor (the seed's stateful aggregation).
const query3 = readings
  .groupBy('sensor_id')
  .agg(max('temperature').alias('max_temperature'))
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/max_temperature');
  })
  .option('checkpointLocation', 'checkpoint/batch/query3')
  .trigger({ processingTime: '5 seconds' })
  .start();

// 1-minute windows sliding every 30 seconds, with a 2-minute watermark (the seed's late-data example).
// A sensor may send a reading twice: each (sensor, time) counts once. On a stream the watermark bounds
// that deduplication's state, and a reading older than the watermark is dropped as too late.
const query4 = readings
  .withWatermark('timestamp', '2 minutes')
  .dropDuplicates(['sensor_id', 'timestamp'])
  .groupBy(window(col('timestamp'), '1 minute', '30 seconds'), col('sensor_id'))
  .agg(round(avg('temperature'), 2).alias('avg_temperature'))
  // CSV has no struct type (Spark refuses to write one): the window's bounds become two columns.
  .select(
    col('window.start').alias('window_start'),
    col('window.end').alias('window_end'),
    'sensor_id',
    'avg_temperature',
  )
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/windowed_avg');
  })
  .option('checkpointLocation', 'checkpoint/batch/query4')
  .trigger({ processingTime: '5 seconds' })
  .start();

await query.awaitTermination();
await query2.awaitTermination();
await query3.awaitTermination();
await query4.awaitTermination();

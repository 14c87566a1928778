// The seed project's batch.py, in TypeScript: count, per key, the rows whose value is above 50.
// Paths are relative to this file's folder (the task runner and `npm run demo` run jobs from there).
import { SparkSession } from '@streamshift/runtime';

const spark = SparkSession.builder.appName('ExampleRDD').getOrCreate();
const sc = spark.sparkContext;

const rdd = sc.textFile('batch_input/data.csv');

const rddFiltered = rdd
  .map((line) => line.split(','))
  .filter((fields) => Number(fields[2]) > 50)
  .map((fields): [string, number] => [fields[1], 1])
  .reduceByKey((x, y) => x + y);

rddFiltered.coalesce(1).saveAsTextFile('batch_output/output.csv', { overwrite: true });

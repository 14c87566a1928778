// @streamshift/runtime/sql: PySpark's pyspark.sql.
export { SparkSession, SparkSessionBuilder } from './session';

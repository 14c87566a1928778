// @streamshift/runtime/sql: PySpark's pyspark.sql.
export { SparkSession, SparkSessionBuilder } from './session';
export { DataFrame } from './dataframe';
export { DataFrameReader } from './reader';
export { DataFrameWriter } from './writer';
export { GroupedData } from './groupedData';
export { Column, col, column, lit, expr, when } from './column';
export { Row } from './row';
export { AnalysisException } from './expressions';
export { ParseException } from './sqlParser';
export { MalformedRecordError } from './csv';
export * as functions from './functions';
export * as types from './types';

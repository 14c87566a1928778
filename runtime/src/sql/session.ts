import { SparkConf } from '../sparkConf';
import { SparkContext } from '../sparkContext';
import { RuntimeConfig } from '../runtimeConfig';
import { DataFrameReader } from './reader';
import { createDataFrame, sql, table } from './sessionSql';
import { DataStreamReader } from './streaming/dataStreamReader';
import { StreamingQueryManager, streamsOf } from './streaming/streamingQuery';
import type { DataFrame } from './dataframe';
import type { Row } from './row';
import type { StructType } from './types';

/**
 * The entry point of PySpark programs (`SparkSession.builder.appName(…).getOrCreate()`), holding the
 * SparkContext that runs RDD jobs and the session's configuration.
 *
 * This class is deliberately small: it owns the session's lifecycle only. The DataFrame side (`read`,
 * `readStream`, `createDataFrame`, …) is added by the sql modules, each in its own file, as members of
 * this class.
 */
export class SparkSession {
  private static active: SparkSession | undefined;

  /** A fresh builder (PySpark's `SparkSession.builder`). */
  static get builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  /** The session created last by `getOrCreate` and not yet stopped. */
  static getActiveSession(): SparkSession | undefined {
    const session = SparkSession.active;
    return session && !session.sparkContext.isStopped ? session : undefined;
  }

  /** The session's configuration, readable and settable at run time. */
  readonly conf: RuntimeConfig;

  constructor(
    readonly sparkContext: SparkContext,
    settings: SparkConf = sparkContext.getConf(),
  ) {
    this.conf = new RuntimeConfig(settings);
  }

  get version(): string {
    return this.sparkContext.version;
  }

  /** Reads batch DataFrames from files: `spark.read.csv(path, { header: true })`. */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /** Reads streaming DataFrames: `spark.readStream.schema(s).csv(dir)`. */
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /** The session's streaming queries (`spark.streams.active`, `awaitAnyTermination`, listeners). */
  get streams(): StreamingQueryManager {
    return streamsOf(this);
  }

  /** A DataFrame from local rows (arrays, objects or Rows) and an optional schema or column names. */
  createDataFrame(
    data: (Row | unknown[] | Record<string, unknown> | string | number | boolean | null)[],
    schema?: StructType | string | string[],
  ): DataFrame {
    return createDataFrame(this, data, schema);
  }

  /** A temporary view or memory-sink table by name. */
  table(name: string): DataFrame {
    return table(this, name);
  }

  /** `SELECT … FROM view [WHERE …]` over temporary views. */
  sql(query: string): DataFrame {
    return sql(this, query);
  }

  /** A session sharing this one's SparkContext, with its own copy of the configuration. */
  newSession(): SparkSession {
    return new SparkSession(this.sparkContext, new SparkConf(Object.entries(this.conf.getAll())));
  }

  /** Stops the underlying SparkContext (as PySpark's `spark.stop()` does). */
  stop(): void {
    this.sparkContext.stop();
    if (SparkSession.active === this) SparkSession.active = undefined;
  }

  toString(): string {
    return `<SparkSession appName=${this.sparkContext.appName} master=${this.sparkContext.master}>`;
  }

  /** Internal: the builder's getOrCreate. */
  static getOrCreateWith(options: SparkConf): SparkSession {
    const existing = SparkSession.getActiveSession();
    if (existing) {
      // As in PySpark, options given to a builder when a session already exists update its conf.
      for (const [key, value] of options.getAll()) existing.conf.set(key, value);
      return existing;
    }
    const context = SparkContext.getActive() ?? new SparkContext(options);
    const settings = context.getConf();
    for (const [key, value] of options.getAll()) settings.set(key, value);
    const session = new SparkSession(context, settings);
    SparkSession.active = session;
    return session;
  }
}

/** Collects options, then returns the active session or creates one (PySpark's `SparkSession.Builder`). */
export class SparkSessionBuilder {
  private readonly options = new SparkConf();

  appName(name: string): this {
    this.options.setAppName(name);
    return this;
  }

  master(master: string): this {
    this.options.setMaster(master);
    return this;
  }

  /** `config(key, value)`, `config({ conf })` with a SparkConf, or `config({ map: { key: value } })`. */
  config(key: string, value: unknown): this;
  config(options: { conf?: SparkConf; map?: Record<string, unknown> }): this;
  config(keyOrOptions: string | { conf?: SparkConf; map?: Record<string, unknown> }, value?: unknown): this {
    if (typeof keyOrOptions === 'string') {
      this.options.set(keyOrOptions, value);
      return this;
    }
    if (keyOrOptions.conf) this.options.setAll(keyOrOptions.conf.getAll());
    if (keyOrOptions.map) this.options.setAll(Object.entries(keyOrOptions.map));
    return this;
  }

  /** Accepted for compatibility; there is no Hive metastore here. */
  enableHiveSupport(): this {
    return this;
  }

  getOrCreate(): SparkSession {
    return SparkSession.getOrCreateWith(this.options);
  }
}

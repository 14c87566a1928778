// df.writeStream: DataStreamWriter — output mode, sink format/options, trigger, query name and
// checkpoint location; start() checks Spark's streaming rules and returns a running StreamingQuery.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OptionValue, lookup } from '../csvOptions';
import { AnalysisException } from '../expressions';
import { parseDuration } from '../time';
import type { DataFrame } from '../dataframe';
import type { Row } from '../row';
import { Checkpoint } from './checkpoint';
import { MicroBatchExecution } from './microBatchExecution';
import { ConsoleSink, FileSink, ForeachBatchSink, ForeachSink, MemorySink, OutputMode, Sink } from './sinks';
import { StreamingQuery, Trigger, streamsOf } from './streamingQuery';
import { checkStreamingQuery } from './unsupported';

export type TriggerOptions = {
  processingTime?: string | number;
  once?: boolean;
  availableNow?: boolean;
  continuous?: string;
};

export class DataStreamWriter {
  private mode: OutputMode = 'append';
  private format_ = 'console';
  private readonly opts: Record<string, OptionValue> = {};
  private name: string | null = null;
  private trigger_: Trigger = { kind: 'default' };
  private foreachBatchFn: ((df: DataFrame, batchId: number) => void | Promise<void>) | undefined;
  private foreachFn: ((row: Row) => void) | undefined;

  constructor(private readonly df: DataFrame) {}

  outputMode(mode: string): this {
    const m = mode.toLowerCase();
    if (m !== 'append' && m !== 'complete' && m !== 'update')
      throw new AnalysisException(
        `Unknown output mode ${mode}. Accepted output modes are 'append', 'complete', 'update'`,
      );
    this.mode = m;
    return this;
  }
  format(source: string): this {
    this.format_ = source.toLowerCase();
    return this;
  }
  option(key: string, value: OptionValue): this {
    this.opts[key] = value;
    return this;
  }
  options(options: Record<string, OptionValue>): this {
    Object.assign(this.opts, options);
    return this;
  }
  queryName(name: string): this {
    this.name = name;
    return this;
  }
  /** trigger({ processingTime: "5 seconds" }) | ({ once: true }) | ({ availableNow: true }). */
  trigger(t: TriggerOptions): this {
    if (t.continuous !== undefined)
      throw new AnalysisException(
        'Continuous processing (trigger(continuous=...)) is not supported by this runtime; it is experimental in Spark and supports no aggregations. Use trigger(processingTime=...) instead.',
      );
    const set = [t.processingTime !== undefined, t.once === true, t.availableNow === true].filter(
      Boolean,
    ).length;
    if (set !== 1) throw new Error('Only one trigger can be set: processingTime, once or availableNow.');
    if (t.processingTime !== undefined) {
      const ms = typeof t.processingTime === 'number' ? t.processingTime : parseDuration(t.processingTime);
      if (ms < 0) throw new Error('Interval cannot be negative');
      this.trigger_ = ms === 0 ? { kind: 'default' } : { kind: 'processingTime', intervalMs: ms };
    } else if (t.once) this.trigger_ = { kind: 'once' };
    else this.trigger_ = { kind: 'availableNow' };
    return this;
  }
  foreachBatch(fn: (df: DataFrame, batchId: number) => void | Promise<void>): this {
    this.foreachBatchFn = fn;
    this.format_ = 'foreachbatch';
    return this;
  }
  foreach(fn: (row: Row) => void): this {
    this.foreachFn = fn;
    this.format_ = 'foreach';
    return this;
  }
  partitionBy(..._cols: string[]): this {
    throw new AnalysisException('partitionBy is not supported for streaming file sinks by this runtime.');
  }

  start(path?: string): StreamingQuery {
    const session = this.df.sparkSession;
    const plan = this.df.plan;
    checkStreamingQuery(plan, this.mode, this.format_);
    const manager = streamsOf(session);
    manager.checkName(this.name);
    const sink = this.sink(path);
    const conf = (session as { conf?: { get(k: string, d: string | null): string | null } }).conf;
    const rootDir = conf?.get('spark.sql.streaming.checkpointLocation', null);
    // As Spark: a session-wide checkpoint root gives each named query <root>/<queryName>.
    const location =
      lookup(this.opts, 'checkpointLocation') ??
      (rootDir ? join(rootDir, this.name ?? randomUUID()) : undefined);
    if (location === undefined && (this.format_ === 'csv' || this.format_ === 'json'))
      throw new AnalysisException(
        'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).',
      );
    const checkpoint = location !== undefined ? new Checkpoint(String(location)) : null;
    const queryId = checkpoint ? checkpoint.queryId(randomUUID()) : randomUUID();
    const execution = new MicroBatchExecution(plan, this.mode, sink, checkpoint);
    return new StreamingQuery(this.name, execution, this.trigger_, manager, queryId);
  }

  private sink(path: string | undefined): Sink {
    const session = this.df.sparkSession;
    switch (this.format_) {
      case 'console':
        return new ConsoleSink(this.opts);
      case 'memory':
        if (this.name === null) throw new AnalysisException('queryName must be specified for memory sink');
        return new MemorySink(session, this.name, this.df.schema);
      case 'foreachbatch':
        return new ForeachBatchSink(session, this.foreachBatchFn!);
      case 'foreach':
        return new ForeachSink(session, this.foreachFn!);
      case 'csv':
      case 'json': {
        const p = path ?? (lookup(this.opts, 'path') as string | undefined);
        if (p === undefined) throw new AnalysisException(`'path' is not specified`);
        const { checkpointLocation: _c, path: _p, ...rest } = this.opts;
        return new FileSink(session, this.format_, p, rest);
      }
      default:
        throw new AnalysisException(
          `[UNSUPPORTED_DATASOURCE] Streaming sink "${this.format_}" is not supported by this runtime; use console, memory, csv, json, foreach or foreachBatch.`,
        );
    }
  }
}

/** A throwaway checkpoint directory (tests, samples). */
export function tempCheckpoint(): string {
  return mkdtempSync(join(tmpdir(), 'streamshift-checkpoint-'));
}

// spark.readStream: DataStreamReader for file sources (csv, json, text) and the rate source.
import { OptionValue, lookup } from '../csvOptions';
import { DataFrame } from '../dataframe';
import { AnalysisException } from '../expressions';
import { LongType, StringType, StructField, StructType, TimestampType, toSchema } from '../types';
import { inferCsvSchema } from '../csv';
import { csvOptions } from '../csvOptions';
import { inferJsonSchema } from '../json';
import { resolveInputFiles, toLocalPath } from '../../io/inputPaths';
import { FileStreamSource, RateSource, StreamSourcePlan } from './sources';
import { SocketSource } from './socketSource';
import type { SparkSession } from '../session';

export class DataStreamReader {
  private source = 'parquet';
  private readonly opts: Record<string, OptionValue> = {};
  private userSchema: StructType | undefined;

  constructor(private readonly session: SparkSession) {}

  format(source: string): this {
    this.source = source.toLowerCase();
    return this;
  }
  option(key: string, value: OptionValue): this {
    this.opts[key] = value;
    return this;
  }
  options(options: Record<string, OptionValue>): this {
    for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== null) this.opts[k] = v;
    return this;
  }
  schema(schema: StructType | string): this {
    this.userSchema = toSchema(schema);
    return this;
  }

  load(path?: string): DataFrame {
    const p = path ?? (lookup(this.opts, 'path') as string | undefined);
    switch (this.source) {
      case 'csv':
      case 'json':
      case 'text':
        if (p === undefined) throw new AnalysisException(`'path' is not specified`);
        return this.fileSource(this.source, p);
      case 'rate': {
        const schema = new StructType([
          new StructField('timestamp', TimestampType(), true),
          new StructField('value', LongType(), true),
        ]);
        const opts = { ...this.opts };
        return this.frame(schema, () => new RateSource(opts));
      }
      case 'socket': {
        const host = lookup(this.opts, 'host');
        const port = lookup(this.opts, 'port');
        if (host === undefined)
          throw new AnalysisException('Set a host to read from with option("host", ...).');
        if (port === undefined)
          throw new AnalysisException('Set a port to read from with option("port", ...).');
        const schema = new StructType([new StructField('value', StringType(), true)]);
        return this.frame(schema, () => new SocketSource(String(host), Number(port)));
      }
      default:
        throw new AnalysisException(
          `[UNSUPPORTED_DATASOURCE] Streaming data source "${this.source}" is not supported by this runtime; use csv, json, text, rate or socket.`,
        );
    }
  }

  csv(path: string, options: Record<string, OptionValue> & { schema?: StructType | string } = {}): DataFrame {
    const { schema, ...rest } = options;
    if (schema) this.schema(schema);
    return this.options(rest as Record<string, OptionValue>)
      .format('csv')
      .load(path);
  }
  json(
    path: string,
    options: Record<string, OptionValue> & { schema?: StructType | string } = {},
  ): DataFrame {
    const { schema, ...rest } = options;
    if (schema) this.schema(schema);
    return this.options(rest as Record<string, OptionValue>)
      .format('json')
      .load(path);
  }
  text(path: string, options: Record<string, OptionValue> = {}): DataFrame {
    return this.options(options).format('text').load(path);
  }

  private fileSource(format: 'csv' | 'json' | 'text', path: string): DataFrame {
    let schema = this.userSchema;
    if (format === 'text') schema = new StructType([new StructField('value', StringType(), true)]);
    if (!schema) {
      const conf = (this.session as { conf?: { get(k: string, d: string | null): string | null } }).conf;
      const infer =
        String(conf?.get('spark.sql.streaming.schemaInference', 'false')).toLowerCase() === 'true';
      if (!infer)
        throw new AnalysisException(
          `Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.`,
        );
      let files: string[] = [];
      try {
        files = resolveInputFiles(toLocalPath(path)).map((f) => f.path);
      } catch {
        files = [];
      }
      schema =
        format === 'csv'
          ? inferCsvSchema(files, { ...csvOptions(this.opts), inferSchema: true })
          : inferJsonSchema(
              files,
              String(lookup(this.opts, 'columnNameOfCorruptRecord') ?? '_corrupt_record'),
              'PERMISSIVE',
            );
      if (schema.length === 0)
        throw new AnalysisException(
          `[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for ${format.toUpperCase()}. It must be specified manually.`,
        );
    }
    if (format === 'csv') csvOptions(this.opts); // validate options now, not at the first batch
    const opts = { ...this.opts };
    const st = schema;
    new FileStreamSource(format, path, st, opts); // validates options when the DataFrame is defined
    return this.frame(schema, () => new FileStreamSource(format, path, st, opts));
  }

  private frame(schema: StructType, source: ConstructorParameters<typeof StreamSourcePlan>[1]): DataFrame {
    return new DataFrame(this.session, new StreamSourcePlan(schema, source));
  }
}

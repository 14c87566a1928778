// spark.read: DataFrameReader for CSV, JSON lines and text files. Paths may be files, directories
// (names starting with "." or "_" are skipped, as Hadoop does) or globs.
import { resolveInputFiles } from '../io/inputPaths';
import { CsvOptions, OptionValue, csvOptions, lookup, parseMode } from './csvOptions';
import { inferCsvSchema, readText } from './csv';
import { AnalysisException } from './expressions';
import { CsvScan, RowScan } from './plan';
import { DataFrame } from './dataframe';
import { readJsonLines, inferJsonSchema } from './json';
import { discoverPartitions, partitionedPlan, withoutPartitionColumns } from './partitions';
import { StringType, StructField, StructType, toSchema } from './types';
import type { SparkSession } from './session';

export type ReaderOptions = Record<string, OptionValue>;

export class DataFrameReader {
  private source = 'parquet';
  private readonly opts: ReaderOptions = {};
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
  options(options: ReaderOptions): this {
    for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== null) this.opts[k] = v;
    return this;
  }
  schema(schema: StructType | string): this {
    this.userSchema = toSchema(schema);
    return this;
  }

  load(
    path?: string | string[],
    format?: string,
    schema?: StructType | string,
    options: ReaderOptions = {},
  ): DataFrame {
    if (format) this.format(format);
    if (schema) this.schema(schema);
    this.options(options);
    const p = path ?? (lookup(this.opts, 'path') as string | undefined);
    if (p === undefined) throw new AnalysisException(`'path' is not specified`);
    switch (this.source) {
      case 'csv':
        return this.loadCsv(p);
      case 'json':
        return this.loadJson(p);
      case 'text':
        return this.loadText(p);
      default:
        throw new AnalysisException(
          `[UNSUPPORTED_DATASOURCE] Data source "${this.source}" is not supported by this runtime; use csv, json or text.`,
        );
    }
  }

  /** csv(path, { header: true, inferSchema: true, sep: ";" … }). */
  csv(path: string | string[], options: ReaderOptions & { schema?: StructType | string } = {}): DataFrame {
    const { schema, ...rest } = options;
    return this.format('csv').load(path, undefined, schema, rest as ReaderOptions);
  }
  json(path: string | string[], options: ReaderOptions & { schema?: StructType | string } = {}): DataFrame {
    const { schema, ...rest } = options;
    return this.format('json').load(path, undefined, schema, rest as ReaderOptions);
  }
  text(path: string | string[], options: ReaderOptions = {}): DataFrame {
    return this.format('text').load(path, undefined, undefined, options);
  }
  table(name: string): DataFrame {
    return (this.session as unknown as { table(n: string): DataFrame }).table(name);
  }

  private files(path: string | string[]): string[] {
    try {
      return resolveInputFiles(path).map((f) => f.path);
    } catch (e) {
      const msg = (e as Error).message;
      const m =
        /^Input path does not exist: (.*)$/.exec(msg) ?? /^Input Pattern (.*) matches 0 files$/.exec(msg);
      if (m) throw new AnalysisException(`[PATH_NOT_FOUND] Path does not exist: ${m[1]}.`);
      throw e;
    }
  }

  private loadCsv(path: string | string[]): DataFrame {
    const o: CsvOptions = csvOptions(this.opts);
    const parts = discoverPartitions(path);
    const files = parts ? parts.groups.flatMap((g) => g.files) : this.files(path);
    let schema = parts && this.userSchema ? withoutPartitionColumns(this.userSchema, parts) : this.userSchema;
    if (!schema) {
      schema = inferCsvSchema(files, o);
      if (schema.length === 0)
        throw new AnalysisException(
          '[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for CSV. It must be specified manually.',
        );
    }
    const dataSchema = schema;
    if (parts)
      return new DataFrame(
        this.session,
        partitionedPlan(parts, dataSchema, (f) => new CsvScan(dataSchema, f, o)),
      );
    return new DataFrame(this.session, new CsvScan(schema, files, o));
  }

  private loadJson(path: string | string[]): DataFrame {
    const parts = discoverPartitions(path);
    const files = parts ? parts.groups.flatMap((g) => g.files) : this.files(path);
    const mode = parseMode(lookup(this.opts, 'mode'));
    const corrupt = String(lookup(this.opts, 'columnNameOfCorruptRecord') ?? '_corrupt_record');
    const tsFormat = lookup(this.opts, 'timestampFormat');
    const schema =
      parts && this.userSchema
        ? withoutPartitionColumns(this.userSchema, parts)
        : (this.userSchema ?? inferJsonSchema(files, corrupt, mode));
    if (schema.length === 0)
      throw new AnalysisException(
        '[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually.',
      );
    const scan = (fs: string[]): RowScan =>
      new RowScan(schema, `json ${fs.join(',')}`, () =>
        readJsonLines(fs, schema, {
          mode,
          corrupt,
          timestampFormat: tsFormat === undefined ? undefined : String(tsFormat),
        }),
      );
    return new DataFrame(this.session, parts ? partitionedPlan(parts, schema, scan) : scan(files));
  }

  private loadText(path: string | string[]): DataFrame {
    const files = this.files(path);
    const wholetext = String(lookup(this.opts, 'wholetext') ?? 'false').toLowerCase() === 'true';
    const schema = new StructType([new StructField('value', StringType(), true)]);
    const read = (): unknown[][] => {
      const rows: unknown[][] = [];
      for (const f of files) {
        const text = readText(f);
        if (wholetext) {
          rows.push([text]);
          continue;
        }
        if (text.length === 0) continue;
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        for (const l of lines) rows.push([l.endsWith('\r') ? l.slice(0, -1) : l]);
      }
      return rows;
    };
    return new DataFrame(this.session, new RowScan(schema, `text ${files.join(',')}`, read));
  }
}

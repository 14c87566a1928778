// df.write: DataFrameWriter for CSV, JSON lines and text, in Spark's directory layout
// (part-00000-<uuid>-c000.<ext> files plus _SUCCESS, partition sub-directories k=v). Output is
// written to a temporary directory next to the target and moved into place only when complete, so
// readers never see half-written output.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { displayPath, toLocalPath } from '../io/inputPaths';
import { OptionValue, lookup } from './csvOptions';
import { AnalysisException } from './expressions';
import {
  ArrayType,
  DataType,
  DateType,
  DoubleType,
  FloatType,
  StringType,
  StructType,
  TimestampType,
} from './types';
import { formatDate, formatWithPattern } from './time';
import { javaDoubleToString, javaFloatToString, valueToString } from './valueFormat';
import type { DataFrame } from './dataframe';

export type SaveMode = 'overwrite' | 'append' | 'error' | 'errorifexists' | 'ignore';

const DEFAULT_TS_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

export class DataFrameWriter {
  private saveMode: SaveMode = 'errorifexists';
  private source = 'parquet';
  private readonly opts: Record<string, OptionValue> = {};
  private partitionCols: string[] = [];

  constructor(private readonly df: DataFrame) {}

  mode(mode: string): this {
    const m = mode.toLowerCase();
    if (!['overwrite', 'append', 'error', 'errorifexists', 'ignore', 'default'].includes(m))
      throw new Error(
        `[INVALID_SAVE_MODE] The specified save mode "${mode}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default".`,
      );
    this.saveMode = m === 'default' ? 'errorifexists' : (m as SaveMode);
    return this;
  }
  format(source: string): this {
    this.source = source.toLowerCase();
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
  partitionBy(...cols: (string | string[])[]): this {
    this.partitionCols = cols.flat();
    return this;
  }

  csv(path: string, options: Record<string, OptionValue> & { mode?: string } = {}): void {
    const { mode, ...rest } = options;
    if (mode) this.mode(mode);
    this.options(rest).format('csv').save(path);
  }
  json(path: string, options: Record<string, OptionValue> & { mode?: string } = {}): void {
    const { mode, ...rest } = options;
    if (mode) this.mode(mode);
    this.options(rest).format('json').save(path);
  }
  text(path: string): void {
    this.format('text').save(path);
  }

  save(path?: string): void {
    const target = path ?? (lookup(this.opts, 'path') as string | undefined);
    if (!target) throw new AnalysisException(`'path' is not specified`);
    const dir = toLocalPath(target);
    const exists = existsSync(dir);
    if (exists && (this.saveMode === 'error' || this.saveMode === 'errorifexists'))
      throw new AnalysisException(
        `[PATH_ALREADY_EXISTS] Path ${displayPath(dir)} already exists. Set mode as "overwrite" to overwrite the existing path.`,
      );
    if (exists && this.saveMode === 'ignore') return;
    const encode = this.encoder();
    const schema = this.df.schema;
    const partIdx = this.partitionCols.map((c) => this.df.indexOf(c));
    const dataIdx = schema.fields.map((_, i) => i).filter((i) => !partIdx.includes(i));
    const rows = this.df.collectArrays();

    // Group rows by partition directory (one part file per directory).
    const groups = new Map<string, unknown[][]>();
    for (const r of rows) {
      const sub = partIdx
        .map(
          (i) =>
            `${escapePathName(schema.fields[i].name)}=${partitionValue(r[i], schema.fields[i].dataType)}`,
        )
        .join('/');
      const list = groups.get(sub);
      if (list) list.push(r);
      else groups.set(sub, [r]);
    }
    if (groups.size === 0 && partIdx.length === 0) groups.set('', []);

    const tmp = join(dirname(dir), `.${basename(dir)}-${randomUUID()}.tmp`);
    mkdirSync(tmp, { recursive: true });
    try {
      const job = randomUUID();
      const ext = this.source === 'text' ? 'txt' : this.source;
      let part = 0;
      for (const [sub, list] of groups) {
        const d = sub ? join(tmp, sub) : tmp;
        mkdirSync(d, { recursive: true });
        const name = `part-${String(part++).padStart(5, '0')}-${job}-c000.${ext}`;
        writeFileSync(join(d, name), encode(list, dataIdx));
      }
      writeFileSync(join(tmp, '_SUCCESS'), '');
      if (exists && this.saveMode === 'append') mergeInto(tmp, dir);
      else {
        if (exists) {
          const trash = `${tmp}.old`;
          renameSync(dir, trash);
          renameSync(tmp, dir);
          rmSync(trash, { recursive: true, force: true });
        } else {
          mkdirSync(dirname(dir), { recursive: true });
          renameSync(tmp, dir);
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  private encoder(): (rows: unknown[][], cols: number[]) => string {
    const fields = this.df.schema.fields;
    if (this.source === 'csv') {
      // As Spark: CSV holds atomic values only (a window must be split into its start and end first).
      const nested = fields.find(
        (f) =>
          !this.partitionCols.includes(f.name) &&
          (f.dataType instanceof StructType || f.dataType instanceof ArrayType),
      );
      if (nested)
        throw new AnalysisException(
          `[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column \`${nested.name}\` of the type "${nested.dataType.sqlName()}".`,
        );
      return csvEncoder(
        fields.map((f) => f.dataType),
        fields.map((f) => f.name),
        this.opts,
      );
    }
    if (this.source === 'json') {
      const tsFormat = String(lookup(this.opts, 'timestampFormat') ?? DEFAULT_TS_FORMAT);
      const ignoreNull = String(lookup(this.opts, 'ignoreNullFields') ?? 'true') !== 'false';
      return (rows, cols) =>
        rows
          .map((r) => {
            const parts: string[] = [];
            for (const i of cols) {
              if (r[i] === null && ignoreNull) continue;
              parts.push(
                `${JSON.stringify(fields[i].name)}:${jsonValue(r[i], fields[i].dataType, tsFormat)}`,
              );
            }
            return `{${parts.join(',')}}\n`;
          })
          .join('');
    }
    if (this.source === 'text') {
      const data = fields.filter((f) => !this.partitionCols.includes(f.name));
      if (data.length !== 1)
        throw new AnalysisException(
          `Text data source supports only a single column, and you have ${data.length} columns.`,
        );
      if (data[0].dataType !== StringType())
        throw new AnalysisException(
          `[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn't support the column \`${data[0].name}\` of the type "${data[0].dataType.sqlName()}".`,
        );
      return (rows, cols) => rows.map((r) => `${r[cols[0]] ?? ''}\n`).join('');
    }
    throw new AnalysisException(
      `[UNSUPPORTED_DATASOURCE] Data source "${this.source}" is not supported for writing by this runtime; use csv, json or text.`,
    );
  }
}

function csvEncoder(
  types: DataType[],
  names: string[],
  opts: Record<string, OptionValue>,
): (rows: unknown[][], cols: number[]) => string {
  const sep = String(lookup(opts, 'sep') ?? lookup(opts, 'delimiter') ?? ',');
  const quote = String(lookup(opts, 'quote') ?? '"');
  const escape = String(lookup(opts, 'escape') ?? '\\');
  const nullValue = String(lookup(opts, 'nullValue') ?? '');
  const header = String(lookup(opts, 'header') ?? 'false').toLowerCase() === 'true';
  const quoteAll = String(lookup(opts, 'quoteAll') ?? 'false').toLowerCase() === 'true';
  const tsFormat = String(lookup(opts, 'timestampFormat') ?? DEFAULT_TS_FORMAT);
  const dateFormat = lookup(opts, 'dateFormat');
  const needsQuote = (s: string): boolean =>
    quoteAll ||
    s.includes(sep) ||
    s.includes(quote) ||
    s.includes('\n') ||
    s.includes('\r') ||
    s === '' ||
    s.startsWith(' ') ||
    s.endsWith(' ');
  const field = (s: string): string =>
    needsQuote(s) ? quote + s.split(quote).join(escape + quote) + quote : s;
  const text = (v: unknown, t: DataType): string => {
    if (v === null) return nullValue;
    if (t === TimestampType()) return formatWithPattern(v as number, tsFormat);
    if (t === DateType())
      return dateFormat
        ? formatWithPattern((v as number) * 86_400_000, String(dateFormat))
        : formatDate(v as number);
    return field(valueToString(v, t));
  };
  return (rows, cols) => {
    let out = header ? cols.map((i) => field(names[i])).join(sep) + '\n' : '';
    for (const r of rows) out += cols.map((i) => text(r[i], types[i])).join(sep) + '\n';
    return out;
  };
}

function jsonValue(v: unknown, t: DataType, tsFormat: string): string {
  if (v === null) return 'null';
  if (t === TimestampType()) return JSON.stringify(formatWithPattern(v as number, tsFormat));
  if (t === DateType()) return JSON.stringify(formatDate(v as number));
  if (t === DoubleType())
    return Number.isFinite(v)
      ? javaDoubleToString(v as number)
      : JSON.stringify(javaDoubleToString(v as number));
  if (t === FloatType())
    return Number.isFinite(v)
      ? javaFloatToString(v as number)
      : JSON.stringify(javaFloatToString(v as number));
  if (t instanceof ArrayType)
    return `[${(v as unknown[]).map((e) => jsonValue(e, t.elementType, tsFormat)).join(',')}]`;
  if (t instanceof StructType)
    return `{${t.fields
      .map((f, i) =>
        (v as unknown[])[i] === null
          ? ''
          : `${JSON.stringify(f.name)}:${jsonValue((v as unknown[])[i], f.dataType, tsFormat)}`,
      )
      .filter(Boolean)
      .join(',')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** Moves every file of a finished temp output into an existing directory (append mode). */
function mergeInto(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) {
      mkdirSync(dst, { recursive: true });
      mergeInto(src, dst);
    } else renameSync(src, dst);
  }
}

/** Hive-style escaping of partition path names and values. */
function escapePathName(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f || '"#%\'*/:=?\\{}[]^'.includes(ch)
        ? '%' + code.toString(16).toUpperCase().padStart(2, '0')
        : ch;
  }
  return out;
}

function partitionValue(v: unknown, t: DataType): string {
  if (v === null || v === '') return '__HIVE_DEFAULT_PARTITION__';
  return escapePathName(valueToString(v, t));
}

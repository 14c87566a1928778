// JSON lines: schema inference (Spark's rules: integers → bigint, other numbers → double, objects →
// structs with fields sorted by name, conflicting types → string) and reading with a schema.
import { readText, MalformedRecordError } from './csv';
import { ParseMode } from './csvOptions';
import {
  ArrayType,
  BooleanType,
  DataType,
  DateType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from './types';
import { parseDate, parseTimestamp, parseWithPattern, timestampToDate } from './time';
import { castFunction } from './casts';

function typeOfJson(v: unknown): DataType {
  if (v === null) return NullType();
  if (typeof v === 'string') return StringType();
  if (typeof v === 'boolean') return BooleanType();
  if (typeof v === 'number') return Number.isInteger(v) ? LongType() : DoubleType();
  if (Array.isArray(v))
    return new ArrayType(v.reduce<DataType>((t, e) => mergeJson(t, typeOfJson(e)), NullType()));
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return new StructType(entries.map(([k, x]) => new StructField(k, typeOfJson(x), true)));
}

function mergeJson(a: DataType, b: DataType): DataType {
  if (a === NullType()) return b;
  if (b === NullType()) return a;
  if (a.equals(b)) return a;
  if ((a === LongType() && b === DoubleType()) || (a === DoubleType() && b === LongType()))
    return DoubleType();
  if (a instanceof StructType && b instanceof StructType) {
    const names = [...new Set([...a.names, ...b.names])].sort();
    return new StructType(
      names.map((n) => {
        const fa = a.fields.find((f) => f.name === n);
        const fb = b.fields.find((f) => f.name === n);
        return new StructField(n, mergeJson(fa?.dataType ?? NullType(), fb?.dataType ?? NullType()), true);
      }),
    );
  }
  if (a instanceof ArrayType && b instanceof ArrayType)
    return new ArrayType(mergeJson(a.elementType, b.elementType));
  return StringType();
}

function finalize(t: DataType): DataType {
  if (t === NullType()) return StringType();
  if (t instanceof StructType)
    return new StructType(t.fields.map((f) => new StructField(f.name, finalize(f.dataType), true)));
  if (t instanceof ArrayType) return new ArrayType(finalize(t.elementType));
  return t;
}

function* lines(text: string): Generator<{ line: string; lineNo: number }> {
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lineNo++;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = nl + 1;
    if (line.trim() === '') continue;
    yield { line, lineNo };
  }
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

export function inferJsonSchema(files: string[], corrupt: string, mode: ParseMode): StructType {
  let t: DataType = new StructType([]);
  let sawCorrupt = false;
  for (const f of files) {
    for (const { line } of lines(readText(f))) {
      const o = parseObject(line);
      if (o === null) {
        sawCorrupt = true;
        continue;
      }
      t = mergeJson(t, typeOfJson(o));
    }
  }
  const st = finalize(t) as StructType;
  if (sawCorrupt && mode === 'PERMISSIVE' && !st.names.includes(corrupt))
    return new StructType(
      [...st.fields, new StructField(corrupt, StringType(), true)].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  return st;
}

interface JsonReadOptions {
  mode: ParseMode;
  corrupt: string;
  timestampFormat: string | undefined;
}

/** Converts a JSON value to the schema's type; undefined when it does not fit. */
function convert(v: unknown, t: DataType, o: JsonReadOptions): unknown {
  if (v === null || v === undefined) return null;
  if (t === StringType()) return typeof v === 'string' ? v : JSON.stringify(v);
  if (t === LongType() || t === IntegerType()) {
    if (typeof v !== 'number' || !Number.isInteger(v)) return undefined;
    return t === IntegerType() && Math.abs(v) > 2147483647 ? undefined : v;
  }
  if (t === DoubleType() || t === FloatType()) {
    if (typeof v === 'number') return t === FloatType() ? Math.fround(v) : v;
    if (v === 'NaN') return NaN;
    if (v === 'Infinity' || v === '+Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    return undefined;
  }
  if (t === BooleanType()) return typeof v === 'boolean' ? v : undefined;
  if (t === TimestampType()) {
    if (typeof v === 'number') return castFunction(LongType(), TimestampType())!(v);
    if (typeof v !== 'string') return undefined;
    const ms = o.timestampFormat ? parseWithPattern(v, o.timestampFormat) : parseTimestamp(v);
    return ms === null ? undefined : ms;
  }
  if (t === DateType()) {
    if (typeof v !== 'string') return undefined;
    const d = parseDate(v);
    if (d !== null) return d;
    const ms = parseTimestamp(v);
    return ms === null ? undefined : timestampToDate(ms);
  }
  if (t instanceof ArrayType) {
    if (!Array.isArray(v)) return undefined;
    const out = v.map((e) => convert(e, t.elementType, o));
    return out.includes(undefined) ? undefined : out;
  }
  if (t instanceof StructType) {
    if (typeof v !== 'object' || Array.isArray(v)) return undefined;
    const rec = v as Record<string, unknown>;
    const out = t.fields.map((f) => convert(rec[f.name], f.dataType, o));
    return out.includes(undefined) ? undefined : out;
  }
  return undefined;
}

/** Reads JSON lines files into rows of `schema`, applying the parse mode to malformed lines. */
export function readJsonLines(files: string[], schema: StructType, o: JsonReadOptions): unknown[][] {
  const corruptIdx = schema.fields.findIndex((f) => f.name === o.corrupt && f.dataType === StringType());
  const rows: unknown[][] = [];
  for (const file of files) {
    for (const { line, lineNo } of lines(readText(file))) {
      const obj = parseObject(line);
      let bad = obj === null;
      const row = schema.fields.map((f, i) => {
        if (i === corruptIdx || obj === null) return null;
        const v = convert(obj[f.name], f.dataType, o);
        if (v === undefined) {
          bad = true;
          return null;
        }
        return v;
      });
      if (bad) {
        if (o.mode === 'DROPMALFORMED') continue;
        if (o.mode === 'FAILFAST')
          throw new MalformedRecordError(
            `[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [${line}]. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. (file ${file}, line ${lineNo})`,
            file,
            lineNo,
          );
        if (corruptIdx >= 0) row[corruptIdx] = line;
      }
      rows.push(row);
    }
  }
  return rows;
}

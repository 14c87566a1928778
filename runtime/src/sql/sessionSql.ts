// The SparkSession members of the DataFrame side: createDataFrame, table and sql. session.ts only
// forwards to these functions.
import { DataFrame, tempViews } from './dataframe';
import { AnalysisException } from './expressions';
import { LocalRelation } from './plan';
import { Row } from './row';
import { parseSelect } from './sqlParser';
import { Column } from './column';
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
  toSchema,
} from './types';
import { parseDate, parseTimestamp } from './time';
import type { SparkSession } from './session';

type InputRow = Row | unknown[] | Record<string, unknown> | string | number | boolean | null;

/**
 * spark.createDataFrame(data, schema?): rows as arrays, objects or Rows. The schema may be a
 * StructType, a DDL string, or a list of column names (types then inferred, as pyspark does:
 * integers → bigint, other numbers → double, Date → timestamp).
 */
export function createDataFrame(
  session: SparkSession,
  data: InputRow[],
  schema?: StructType | string | string[],
): DataFrame {
  let names: string[] | undefined;
  let st: StructType | undefined;
  if (Array.isArray(schema)) names = schema;
  else if (schema !== undefined) st = toSchema(schema);
  if (st !== undefined && isAtomicDDL(schema)) {
    // createDataFrame([1, 2], "int"): a single column named "value".
    st = undefined;
  }
  const rows = data.map((r) => toValues(r, st?.names ?? names));
  if (!st) {
    const first = data.find(
      (r) => r !== null && typeof r === 'object' && !Array.isArray(r) && !(r instanceof Row),
    );
    const fieldNames =
      names ??
      (first instanceof Object && !(first instanceof Row)
        ? Object.keys(first as Record<string, unknown>)
        : data[0] instanceof Row
          ? (data[0] as Row).fieldNames
          : Array.isArray(data[0])
            ? (data[0] as unknown[]).map((_, i) => `_${i + 1}`)
            : ['value']);
    const width = Math.max(fieldNames.length, ...rows.map((r) => r.length));
    const types: DataType[] = Array.from({ length: width }, () => NullType());
    for (const r of rows) r.forEach((v, i) => (types[i] = mergeInferred(types[i], inferType(v))));
    if (types.some((t) => t === NullType()) && rows.length > 0) {
      const i = types.findIndex((t) => t === NullType());
      throw new Error(
        `[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring (column ${fieldNames[i] ?? `_${i + 1}`}).`,
      );
    }
    st = new StructType(
      fieldNames.map((n, i) => new StructField(n, types[i] === NullType() ? StringType() : types[i], true)),
    );
  }
  const schemaFinal = st;
  const converted = rows.map((r, ri) => {
    if (r.length !== schemaFinal.length)
      throw new Error(
        `[AXIS_LENGTH_MISMATCH] Length mismatch: Expected axis has ${schemaFinal.length} elements, new values have ${r.length} elements (row ${ri}).`,
      );
    return schemaFinal.fields.map((f, i) => toInternal(r[i], f.dataType, f.name, f.nullable));
  });
  return new DataFrame(session, new LocalRelation(schemaFinal, converted));
}

function isAtomicDDL(schema: unknown): boolean {
  return typeof schema === 'string' && /^\s*[a-z]+\s*$/i.test(schema);
}

function toValues(r: InputRow, names: string[] | undefined): unknown[] {
  if (r instanceof Row)
    return names ? names.map((n, i) => (r.fieldNames.includes(n) ? r.get(n) : r.values[i])) : [...r.values];
  if (Array.isArray(r)) return r;
  if (r !== null && typeof r === 'object' && !(r instanceof Date)) {
    const o = r as Record<string, unknown>;
    return names ? names.map((n) => (n in o ? o[n] : null)) : Object.values(o);
  }
  return [r];
}

function inferType(v: unknown): DataType {
  if (v === null || v === undefined) return NullType();
  if (typeof v === 'string') return StringType();
  if (typeof v === 'boolean') return BooleanType();
  if (typeof v === 'number') return Number.isInteger(v) ? LongType() : DoubleType();
  if (typeof v === 'bigint') return LongType();
  if (v instanceof Date) return TimestampType();
  if (Array.isArray(v))
    return new ArrayType(v.reduce<DataType>((t, e) => mergeInferred(t, inferType(e)), NullType()));
  if (v instanceof Row)
    return new StructType(v.fieldNames.map((n, i) => new StructField(n, inferType(v.values[i]), true)));
  if (typeof v === 'object')
    return new StructType(Object.entries(v).map(([k, x]) => new StructField(k, inferType(x), true)));
  throw new Error(`[CANNOT_INFER_TYPE] Cannot infer the type of ${String(v)}`);
}

function mergeInferred(a: DataType, b: DataType): DataType {
  if (a === NullType()) return b;
  if (b === NullType() || a.equals(b)) return a;
  if ((a === LongType() && b === DoubleType()) || (a === DoubleType() && b === LongType()))
    return DoubleType();
  if (a instanceof ArrayType && b instanceof ArrayType)
    return new ArrayType(mergeInferred(a.elementType, b.elementType));
  throw new Error(`[CANNOT_MERGE_TYPE] Can not merge type ${a.toString()} and ${b.toString()}`);
}

/** A user value as the internal representation of `t`; an error for values that do not fit. */
function toInternal(v: unknown, t: DataType, name: string, nullable: boolean): unknown {
  if (v === null || v === undefined) {
    if (!nullable) throw new Error(`[FIELD_NOT_NULLABLE] Field \`${name}\` is not nullable, but got None.`);
    return null;
  }
  const bad = (): Error =>
    new Error(
      `[FIELD_DATA_TYPE_UNACCEPTABLE] field ${name}: ${t.toString()} can not accept object ${JSON.stringify(v) ?? String(v)} in type ${v instanceof Date ? 'Date' : typeof v}.`,
    );
  if (t === StringType()) {
    if (typeof v !== 'string') throw bad();
    return v;
  }
  if (t === IntegerType() || t === LongType()) {
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw bad();
    if (t === IntegerType() && (n > 2147483647 || n < -2147483648)) throw bad();
    return n;
  }
  if (t === DoubleType() || t === FloatType()) {
    if (typeof v !== 'number') throw bad();
    return t === FloatType() ? Math.fround(v) : v;
  }
  if (t === BooleanType()) {
    if (typeof v !== 'boolean') throw bad();
    return v;
  }
  if (t === TimestampType()) {
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'string') {
      const ms = parseTimestamp(v);
      if (ms === null) throw bad();
      return ms;
    }
    throw bad();
  }
  if (t === DateType()) {
    if (v instanceof Date) return Math.floor(v.getTime() / 86_400_000);
    if (typeof v === 'string') {
      const d = parseDate(v);
      if (d === null) throw bad();
      return d;
    }
    throw bad();
  }
  if (t instanceof ArrayType) {
    if (!Array.isArray(v)) throw bad();
    return v.map((e) => toInternal(e, t.elementType, name, true));
  }
  if (t instanceof StructType) {
    const vals = toValues(v as InputRow, t.names);
    return t.fields.map((f, i) => toInternal(vals[i], f.dataType, `${name}.${f.name}`, f.nullable));
  }
  throw bad();
}

/** spark.table(name): a temporary view (or memory sink table). */
export function table(session: SparkSession, name: string): DataFrame {
  const df = tempViews(session).get(name.toLowerCase());
  if (!df)
    throw new AnalysisException(
      `[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${name}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    );
  return df;
}

/** spark.sql: `SELECT <exprs> FROM <view> [WHERE <cond>]` over temporary views. */
export function sql(session: SparkSession, query: string): DataFrame {
  const q = parseSelect(query);
  let df = table(session, q.table);
  if (q.where) df = df.filter(new Column(q.where));
  return df.select(...q.columns.map((e) => new Column(e)));
}

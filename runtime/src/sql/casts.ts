// CAST semantics between types, as Spark does outside ANSI mode: an impossible conversion gives NULL
// rather than an error (e.g. CAST('abc' AS INT) is NULL, CAST('1.9' AS INT) is 1).
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
  StructType,
  TimestampType,
  isNumeric,
} from './types';
import { dateToTimestamp, parseDate, parseTimestamp, timestampToDate } from './time';
import { valueToString } from './valueFormat';

export type CastFn = (v: any) => unknown;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Java's (int)/(long) conversion of a double: truncation toward zero, saturating, NaN → 0. */
function truncInt(v: number): number {
  if (Number.isNaN(v)) return 0;
  const t = Math.trunc(v);
  return t < INT_MIN ? INT_MIN : t > INT_MAX ? INT_MAX : t;
}
function truncLong(v: number): number {
  return Number.isNaN(v) ? 0 : Math.trunc(v);
}

/** String → number as Spark's cast does: trimmed, decimal or exponent notation; null when invalid. */
export function stringToDouble(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isNaN(n)) {
    // Number() also accepts hex/binary/octal literals, which Spark does not.
    if (/^[+-]?0[xXbBoO]/.test(t)) return null;
    return n;
  }
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'infinity' || lower === '+infinity' || lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-infinity' || lower === '-inf') return -Infinity;
  // Java accepts a trailing d/f type suffix ("1.5d").
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]$/.test(t)) return Number(t.slice(0, -1));
  return null;
}

/** String → integral: Spark accepts "12", " 12 ", "12.7" (truncated); anything else is NULL. */
function stringToIntegral(s: string, min: number, max: number): number | null {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const n = Math.trunc(Number(t));
  return n < min || n > max ? null : n;
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

/** A function converting a non-null value of `from` to `to`; null when no conversion is needed. */
export function castFunction(from: DataType, to: DataType): CastFn | null {
  if (from.equals(to)) return null;
  if (from === NullType()) return () => null;
  if (to === StringType()) return (v) => valueToString(v, from);
  if (from === StringType()) {
    if (to === IntegerType()) return (v: string) => stringToIntegral(v, INT_MIN, INT_MAX);
    if (to === LongType()) return (v: string) => stringToIntegral(v, -Number.MAX_VALUE, Number.MAX_VALUE);
    if (to === DoubleType()) return stringToDouble;
    if (to === FloatType())
      return (v: string) => {
        const d = stringToDouble(v);
        return d === null ? null : Math.fround(d);
      };
    if (to === BooleanType())
      return (v: string) => {
        const l = v.trim().toLowerCase();
        return TRUE_STRINGS.has(l) ? true : FALSE_STRINGS.has(l) ? false : null;
      };
    if (to === TimestampType()) return (v: string) => parseTimestamp(v);
    if (to === DateType()) return (v: string) => parseDate(v);
  }
  if (isNumeric(from)) {
    if (to === IntegerType()) return truncInt;
    if (to === LongType()) return truncLong;
    if (to === DoubleType()) return null;
    if (to === FloatType()) return Math.fround;
    if (to === BooleanType()) return (v: number) => v !== 0;
    // Numbers as timestamps are seconds since the epoch.
    if (to === TimestampType()) return (v: number) => Math.round(v * 1000);
  }
  if (from === BooleanType()) {
    if (isNumeric(to)) return (v: boolean) => (v ? 1 : 0);
  }
  if (from === TimestampType()) {
    if (to === LongType() || to === IntegerType()) return (v: number) => Math.floor(v / 1000);
    if (to === DoubleType() || to === FloatType()) return (v: number) => v / 1000;
    if (to === DateType()) return timestampToDate;
  }
  if (from === DateType() && to === TimestampType()) return dateToTimestamp;
  if (from instanceof ArrayType && to instanceof ArrayType) {
    const inner = castFunction(from.elementType, to.elementType);
    if (inner === null) return null;
    return (v: unknown[]) => v.map((e) => (e === null ? null : inner(e)));
  }
  if (from instanceof StructType && to instanceof StructType && from.fields.length === to.fields.length) {
    const inner = from.fields.map((f, i) => castFunction(f.dataType, to.fields[i].dataType));
    return (v: unknown[]) => v.map((e, i) => (e === null || inner[i] === null ? e : inner[i]!(e)));
  }
  throw new Error(
    `[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] cannot cast "${from.sqlName()}" to "${to.sqlName()}".`,
  );
}

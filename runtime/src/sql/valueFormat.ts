// Value → text as Spark renders it: CAST(x AS STRING), show() cells, CSV/JSON output.
import {
  ArrayType,
  DataType,
  DateType,
  DoubleType,
  FloatType,
  StructType,
  TimestampType,
  typeOf,
} from './types';
import { formatDate, formatTimestamp } from './time';

/** Java's Double.toString: `1.0`, `0.001`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`. */
export function javaDoubleToString(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : s + '.0';
  }
  const [mant, exp] = v.toExponential().split('e');
  const m = mant.includes('.') ? mant : mant + '.0';
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** Java's Float.toString: the shortest decimal that reads back as the same float. */
export function javaFloatToString(v: number): string {
  if (!Number.isFinite(v) || v === 0) return javaDoubleToString(v);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(v);
}

/**
 * CAST(value AS STRING) for a non-null value of the given type. Nulls nested in arrays and structs
 * print as `null` for CAST and as `NULL` in show() (Spark 3.5's ToPrettyString).
 */
export function valueToString(v: unknown, type: DataType, nullText = 'null'): string {
  const t = typeOf(type);
  if (t === TimestampType()) return formatTimestamp(v as number);
  if (t === DateType()) return formatDate(v as number);
  if (t === DoubleType()) return javaDoubleToString(v as number);
  if (t === FloatType()) return javaFloatToString(v as number);
  if (t instanceof ArrayType) {
    const arr = v as unknown[];
    return (
      '[' +
      arr.map((e) => (e === null ? nullText : valueToString(e, t.elementType, nullText))).join(', ') +
      ']'
    );
  }
  if (t instanceof StructType) {
    const vals = v as unknown[];
    return (
      '{' +
      t.fields
        .map((f, i) => (vals[i] === null ? nullText : valueToString(vals[i], f.dataType, nullText)))
        .join(', ') +
      '}'
    );
  }
  return String(v);
}

/** A show() cell: NULL for nulls (Spark 3.5+; Spark ≤3.4 printed "null"). */
export function cellText(v: unknown, type: DataType): string {
  return v === null || v === undefined ? 'NULL' : valueToString(v, type, 'NULL');
}

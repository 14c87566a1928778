// @streamshift/runtime/sql/functions: PySpark's pyspark.sql.functions. Arguments named `col` accept a
// Column or a column name; value arguments accept a Column or a literal.
import {
  Column,
  ColumnOrName,
  ColumnOrValue,
  col,
  column,
  expr,
  lit,
  nameExpr,
  valueExpr,
  when,
} from './column';
import { AggregateCall, Expr, Literal } from './expressions';
import { buildFunction, makeWindow } from './functionRegistry';
import { parseDuration } from './time';

export { col, column, lit, expr, when, Column };

const c = (x: ColumnOrName): Expr => nameExpr(x);
const fn = (name: string, ...args: Expr[]): Column => new Column(buildFunction(name, args));
const agg = (name: string, args: Expr[], distinct = false, display?: string): Column =>
  new Column(new AggregateCall(name, args, distinct, display));

// ---------------------------------------------------------------- aggregates

/** count("*") / count(lit(1)) counts rows; count(col) counts non-null values. */
export function count(x: ColumnOrName): Column {
  if (x === '*') return agg('count', [new Literal(1)]);
  return agg('count', [c(x)]);
}
export function countDistinct(first: ColumnOrName, ...rest: ColumnOrName[]): Column {
  return agg('count', [first, ...rest].map(c), true);
}
export const count_distinct = countDistinct;
export function sum(x: ColumnOrName): Column {
  return agg('sum', [c(x)]);
}
export function avg(x: ColumnOrName): Column {
  return agg('avg', [c(x)]);
}
export const mean = avg;
export function min(x: ColumnOrName): Column {
  return agg('min', [c(x)]);
}
export function max(x: ColumnOrName): Column {
  return agg('max', [c(x)]);
}
export function first(x: ColumnOrName, ignoreNulls = false): Column {
  return agg('first', [c(x), new Literal(ignoreNulls)], false, `first(${c(x).sql()})`);
}
export function last(x: ColumnOrName, ignoreNulls = false): Column {
  return agg('last', [c(x), new Literal(ignoreNulls)], false, `last(${c(x).sql()})`);
}
export function collect_list(x: ColumnOrName): Column {
  return agg('collect_list', [c(x)]);
}
export function collect_set(x: ColumnOrName): Column {
  return agg('collect_set', [c(x)]);
}

// ---------------------------------------------------------------- sort orders

/** Ascending order, nulls first (Spark's default for ASC). */
export function asc(x: ColumnOrName): Column {
  return new Column(c(x)).asc();
}
/** Descending order, nulls last (Spark's default for DESC). */
export function desc(x: ColumnOrName): Column {
  return new Column(c(x)).desc();
}
export function asc_nulls_last(x: ColumnOrName): Column {
  return new Column(c(x)).asc_nulls_last();
}
export function desc_nulls_first(x: ColumnOrName): Column {
  return new Column(c(x)).desc_nulls_first();
}

// ---------------------------------------------------------------- scalar

export function round(x: ColumnOrName, scale = 0): Column {
  return fn('round', c(x), new Literal(scale));
}
export function abs(x: ColumnOrName): Column {
  return fn('abs', c(x));
}
export function floor(x: ColumnOrName): Column {
  return fn('floor', c(x));
}
export function ceil(x: ColumnOrName): Column {
  return fn('ceil', c(x));
}
export function sqrt(x: ColumnOrName): Column {
  return fn('sqrt', c(x));
}
export function upper(x: ColumnOrName): Column {
  return fn('upper', c(x));
}
export function lower(x: ColumnOrName): Column {
  return fn('lower', c(x));
}
export function trim(x: ColumnOrName): Column {
  return fn('trim', c(x));
}
export function length(x: ColumnOrName): Column {
  return fn('length', c(x));
}
export function concat(...cols: ColumnOrName[]): Column {
  return fn('concat', ...cols.map(c));
}
export function concat_ws(sep: string, ...cols: ColumnOrName[]): Column {
  return fn('concat_ws', new Literal(sep), ...cols.map(c));
}
export function substring(x: ColumnOrName, pos: number, len: number): Column {
  return fn('substring', c(x), new Literal(pos), new Literal(len));
}
/** split(str, regex, limit = -1), Java String.split semantics with Spark's default limit. */
export function split(x: ColumnOrName, pattern: string, limit = -1): Column {
  return fn('split', c(x), new Literal(pattern), new Literal(limit));
}
export function explode(x: ColumnOrName): Column {
  return fn('explode', c(x));
}
export function explode_outer(x: ColumnOrName): Column {
  return fn('explode_outer', c(x));
}
export function coalesce(...cols: ColumnOrName[]): Column {
  return fn('coalesce', ...cols.map(c));
}
export function isnull(x: ColumnOrName): Column {
  return fn('isnull', c(x));
}
export function isnan(x: ColumnOrName): Column {
  return fn('isnan', c(x));
}
export function greatest(...cols: ColumnOrName[]): Column {
  return fn('greatest', ...cols.map(c));
}
export function least(...cols: ColumnOrName[]): Column {
  return fn('least', ...cols.map(c));
}
/** NOT of a boolean column (pyspark's `~col`). */
export function not(x: ColumnOrValue): Column {
  return new Column(valueExpr(x)).not();
}

export function regexp_replace(x: ColumnOrName, pattern: string, replacement: string): Column {
  return fn('regexp_replace', c(x), new Literal(pattern), new Literal(replacement));
}
export function regexp_extract(x: ColumnOrName, pattern: string, idx: number): Column {
  return fn('regexp_extract', c(x), new Literal(pattern), new Literal(idx));
}
export function initcap(x: ColumnOrName): Column {
  return fn('initcap', c(x));
}

// ---------------------------------------------------------------- time

export function date_add(x: ColumnOrName, days: number): Column {
  return fn('date_add', c(x), new Literal(days));
}
export function date_sub(x: ColumnOrName, days: number): Column {
  return fn('date_sub', c(x), new Literal(days));
}
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return fn('datediff', c(end), c(start));
}
export function unix_timestamp(x?: ColumnOrName, format?: string): Column {
  if (x === undefined) return fn('unix_timestamp');
  return format === undefined ? fn('unix_timestamp', c(x)) : fn('unix_timestamp', c(x), new Literal(format));
}
export function from_unixtime(x: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column {
  return fn('from_unixtime', c(x), new Literal(format));
}

export function current_timestamp(): Column {
  return fn('current_timestamp');
}
export function current_date(): Column {
  return fn('current_date');
}
export function to_timestamp(x: ColumnOrName, format?: string): Column {
  return format === undefined ? fn('to_timestamp', c(x)) : fn('to_timestamp', c(x), new Literal(format));
}
export function to_date(x: ColumnOrName, format?: string): Column {
  return format === undefined ? fn('to_date', c(x)) : fn('to_date', c(x), new Literal(format));
}
export function date_format(x: ColumnOrName, format: string): Column {
  return fn('date_format', c(x), new Literal(format));
}
export function year(x: ColumnOrName): Column {
  return fn('year', c(x));
}
export function month(x: ColumnOrName): Column {
  return fn('month', c(x));
}
export function dayofmonth(x: ColumnOrName): Column {
  return fn('dayofmonth', c(x));
}
export function hour(x: ColumnOrName): Column {
  return fn('hour', c(x));
}
export function minute(x: ColumnOrName): Column {
  return fn('minute', c(x));
}
export function second(x: ColumnOrName): Column {
  return fn('second', c(x));
}
/** 1 = Sunday … 7 = Saturday, as Spark. */
export function dayofweek(x: ColumnOrName): Column {
  return fn('dayofweek', c(x));
}

/**
 * Event-time window: a struct column {start, end}. Tumbling with one duration ("10 minutes"),
 * sliding with a slide ("10 minutes", "5 minutes"); startTime offsets the windows.
 */
export function window(
  timeColumn: ColumnOrName,
  windowDuration: string,
  slideDuration?: string,
  startTime?: string,
): Column {
  const d = parseDuration(windowDuration);
  return new Column(
    makeWindow(
      c(timeColumn),
      d,
      slideDuration ? parseDuration(slideDuration) : d,
      startTime ? parseDuration(startTime) : 0,
    ),
  );
}

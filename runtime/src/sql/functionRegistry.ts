// Built-in SQL functions by name, shared by the functions module (col-based API) and the SQL
// expression parser (expr("upper(name)")). Each entry builds the expression node for a call.
import {
  AggregateCall,
  AnalysisException,
  Expr,
  Explode,
  FunctionCall,
  Literal,
  ScalarImpl,
  ScalarSignature,
  TimeWindow,
} from './expressions';
import {
  ArrayType,
  BooleanType,
  DataType,
  DateType,
  DoubleType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  TimestampType,
  isIntegral,
  isNumeric,
} from './types';
import { commonType } from './expressions';
import {
  dateToTimestamp,
  formatWithPattern,
  parseDuration,
  parseWithPattern,
  timestampToDate,
  toWallClock,
} from './time';
import { castFunction } from './casts';

type Builder = (args: Expr[]) => Expr;

/** Fixed signature: arguments cast to the given types, result of the given type. */
function simple(
  argTypes: (DataType | undefined)[],
  type: DataType,
  fn: (...a: any[]) => unknown,
): ScalarImpl {
  return { resolve: () => ({ argTypes, type, fn }) };
}

/** Result type follows the first argument (abs, round on ints vs doubles). */
function numericUnary(
  fnFor: (t: DataType) => (...a: any[]) => unknown,
  extraArgs: DataType[] = [],
): ScalarImpl {
  return {
    resolve(types, sql) {
      const t = types[0] === StringType() || types[0] === NullType() ? DoubleType() : types[0];
      if (!isNumeric(t))
        throw new AnalysisException(
          `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "${sql}" due to data type mismatch: the first parameter requires the "NUMERIC" type, however it has the type "${types[0].sqlName()}".`,
        );
      return { argTypes: [t, ...extraArgs], type: t, fn: fnFor(t) };
    },
  };
}

/** Spark's round: HALF_UP on the decimal representation (round(2.5) = 3, round(1.005, 2) = 1.01). */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const [mant, exp] = String(Math.abs(x)).split('e');
  const shifted = Number(`${mant}e${(exp ? +exp : 0) + digits}`);
  const rounded = Math.round(shifted);
  const [rm, re] = String(rounded).split('e');
  const result = Number(`${rm}e${(re ? +re : 0) - digits}`);
  return x < 0 ? -result : result;
}

function timestampArg(fn: (ms: number) => unknown, type: DataType = IntegerType()): ScalarImpl {
  return {
    resolve: (types) => ({
      argTypes: [types[0] === DateType() ? DateType() : TimestampType()],
      type,
      fn: types[0] === DateType() ? (d: number) => fn(dateToTimestamp(d)) : fn,
    }),
  };
}

function stringArg(fn: (s: string) => unknown, type: DataType = StringType()): ScalarImpl {
  return simple([StringType()], type, fn);
}

/** A test of one value that sees NULLs and is never NULL itself (isnull, isnan). */
function nullAwareTest(argType: DataType | undefined, test: (v: any) => boolean): ScalarImpl {
  return {
    nullTolerant: true,
    resolve: () => ({ argTypes: [argType], type: BooleanType(), nullable: false, fn: test }),
  };
}

/** A function of no arguments that reads the query's clock (current_timestamp, current_date). */
function queryClock(type: DataType, read: () => number): ScalarImpl {
  return { resolve: () => ({ argTypes: [], type, nullable: false, fn: read }) };
}

/**
 * A NULL-tolerant function of any number of values, all brought to their widest common type, which
 * is also the result's (coalesce, greatest, least).
 */
function overCommonType(fn: (...vals: any[]) => unknown): ScalarImpl {
  return {
    nullTolerant: true,
    resolve: (types) => {
      const t = commonType(types);
      return { argTypes: types.map(() => t), type: t, nullable: true, fn };
    },
  };
}

function literalString(e: Expr | undefined, fnName: string, what: string): string {
  if (!(e instanceof Literal) || typeof e.value !== 'string')
    throw new AnalysisException(`${fnName}: the ${what} must be a string literal`);
  return e.value;
}

function arity(name: string, args: Expr[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `>= ${min}` : `[${min}, ${max}]`;
    throw new AnalysisException(
      `[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The \`${name}\` requires ${expected} parameters but the actual number is ${args.length}.`,
    );
  }
}

const call = (name: string, args: Expr[], impl: ScalarImpl, display?: string[]): Expr =>
  new FunctionCall(name, args, impl, display);

/** Time the query started: Spark evaluates current_timestamp() once per query. */
let queryStartMs: number | null = null;
export function withQueryStart<T>(fn: () => T): T {
  const outer = queryStartMs;
  queryStartMs = Date.now();
  try {
    return fn();
  } finally {
    queryStartMs = outer;
  }
}
const now = (): number => queryStartMs ?? Date.now();

/**
 * A function with a fixed number of plain-value arguments: checks the count (the error names the
 * function as the user called it) and builds the call, whose column name shows `shownAs` (Spark
 * upper-cases a few: FLOOR, CEIL, SQRT, POWER). The implementation holds no per-call state, so every
 * call shares it.
 */
function fixedArity(name: string, count: number, impl: ScalarImpl, shownAs = name): Builder {
  return (a) => (arity(name, a, count), call(shownAs, a, impl));
}

/** One registry entry per row of a table of functions that differ only in what they compute. */
function entriesFor<F>(
  table: Record<string, F>,
  build: (name: string, fn: F) => Builder,
): Record<string, Builder> {
  return Object.fromEntries(Object.entries(table).map(([name, fn]) => [name, build(name, fn)]));
}

/** string → string functions of one argument. */
const STRING_TRANSFORMS: Record<string, (s: string) => string> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  // Spark's trim functions strip spaces only, not tabs or newlines.
  trim: (s) => s.replace(/^ +| +$/g, ''),
  ltrim: (s) => s.replace(/^ +/, ''),
  rtrim: (s) => s.replace(/ +$/, ''),
  initcap: (s) =>
    s.toLowerCase().replace(/(^|\s)(\S)/g, (_, sp: string, ch: string) => sp + ch.toUpperCase()),
};

/** Calendar fields of a date or timestamp, read on the session's wall clock. */
const CALENDAR_FIELDS: Record<string, (ms: number) => number> = {
  year: (ms) => toWallClock(ms).year,
  month: (ms) => toWallClock(ms).month,
  dayofmonth: (ms) => toWallClock(ms).day,
  hour: (ms) => toWallClock(ms).hour,
  minute: (ms) => toWallClock(ms).minute,
  second: (ms) => toWallClock(ms).second,
  // Spark: 1 = Sunday … 7 = Saturday.
  dayofweek: (ms) => {
    const c = toWallClock(ms);
    return new Date(Date.UTC(c.year, c.month - 1, c.day)).getUTCDay() + 1;
  },
};

const SCALARS: Record<string, Builder> = {
  ...entriesFor(STRING_TRANSFORMS, (name, fn) => fixedArity(name, 1, stringArg(fn))),
  ...entriesFor(CALENDAR_FIELDS, (name, fn) => fixedArity(name, 1, timestampArg(fn))),
  abs: fixedArity(
    'abs',
    1,
    numericUnary(() => Math.abs),
  ),
  round: (a) => {
    arity('round', a, 1, 2);
    const digits = a[1] ? Number((a[1] as Literal).value) : 0;
    const display = [a[0].sql(), String(digits)];
    return call(
      'round',
      [a[0]],
      numericUnary((t) =>
        isIntegral(t)
          ? (x: number) => roundHalfUp(x, Math.min(digits, 0))
          : (x: number) => roundHalfUp(x, digits),
      ),
      display,
    );
  },
  floor: fixedArity('floor', 1, simple([DoubleType()], LongType(), Math.floor), 'FLOOR'),
  ceil: fixedArity('ceil', 1, simple([DoubleType()], LongType(), Math.ceil), 'CEIL'),
  sqrt: fixedArity(
    'sqrt',
    1,
    simple([DoubleType()], DoubleType(), (x: number) => (x < 0 ? NaN : Math.sqrt(x))),
    'SQRT',
  ),
  pow: fixedArity('pow', 2, simple([DoubleType(), DoubleType()], DoubleType(), Math.pow), 'POWER'),
  length: fixedArity(
    'length',
    1,
    stringArg((s) => [...s].length, IntegerType()),
  ),
  concat: (a) =>
    call(
      'concat',
      a,
      simple(
        a.map(() => StringType()),
        StringType(),
        (...s: string[]) => s.join(''),
      ),
    ),
  concat_ws: (a) => {
    arity('concat_ws', a, 1, Infinity);
    return call('concat_ws', a, {
      nullTolerant: true,
      resolve: () => ({
        argTypes: a.map(() => StringType()),
        type: StringType(),
        nullable: true,
        fn: (sep: string | null, ...s: (string | null)[]) =>
          sep === null ? null : s.filter((x) => x !== null).join(sep),
      }),
    });
  },
  substring: (a) => {
    arity('substring', a, 2, 3);
    return call(
      'substring',
      a,
      simple(
        [StringType(), IntegerType(), IntegerType()],
        StringType(),
        (s: string, pos: number, len = 2147483647) => {
          const cps = [...s];
          const start = pos > 0 ? pos - 1 : pos < 0 ? Math.max(cps.length + pos, 0) : 0;
          return len <= 0 ? '' : cps.slice(start, start + len).join('');
        },
      ),
    );
  },
  split: (a) => {
    arity('split', a, 2, 3);
    const pattern = literalString(a[1], 'split', 'pattern');
    const limit = a[2] ? Number((a[2] as Literal).value) : -1;
    const re = new RegExp(pattern, 'u');
    return call(
      'split',
      [a[0]],
      simple([StringType()], new ArrayType(StringType()), (s: string) => javaSplit(s, re, limit)),
      [a[0].sql(), pattern, String(limit)],
    );
  },
  coalesce: (a) => {
    arity('coalesce', a, 1, Infinity);
    return call(
      'coalesce',
      a,
      overCommonType((...vals: unknown[]) => {
        for (const v of vals) if (v !== null) return v;
        return null;
      }),
    );
  },
  isnull: fixedArity(
    'isnull',
    1,
    nullAwareTest(undefined, (v: unknown) => v === null),
  ),
  isnan: fixedArity(
    'isnan',
    1,
    nullAwareTest(DoubleType(), (v: number | null) => v !== null && Number.isNaN(v)),
  ),
  nvl: (a) => (arity('nvl', a, 2), SCALARS.coalesce(a)),
  ifnull: (a) => (arity('ifnull', a, 2), SCALARS.coalesce(a)),
  greatest: (a) => extremum('greatest', a, 1),
  least: (a) => extremum('least', a, -1),
  current_timestamp: fixedArity('current_timestamp', 0, queryClock(TimestampType(), now)),
  now: (a) => SCALARS.current_timestamp(a),
  current_date: fixedArity(
    'current_date',
    0,
    queryClock(DateType(), () => timestampToDate(now())),
  ),
  to_timestamp: parseOrCast('to_timestamp', TimestampType(), (ms) => ms),
  to_date: parseOrCast('to_date', DateType(), timestampToDate),
  date_format: (a) => {
    arity('date_format', a, 2);
    const fmt = literalString(a[1], 'date_format', 'format');
    return call(
      'date_format',
      [a[0]],
      timestampArg((ms) => formatWithPattern(ms, fmt), StringType()),
      [a[0].sql(), fmt],
    );
  },
  day: (a) => SCALARS.dayofmonth(a),
  regexp_replace: (a) => {
    arity('regexp_replace', a, 3);
    const pattern = literalString(a[1], 'regexp_replace', 'pattern');
    const replacement = literalString(a[2], 'regexp_replace', 'replacement');
    const re = new RegExp(pattern, 'gu');
    // Java's replacement syntax ($1, \$) matches JavaScript's for the common cases.
    return call(
      'regexp_replace',
      [a[0]],
      stringArg((str) => str.replace(re, replacement)),
      [a[0].sql(), pattern, replacement],
    );
  },
  regexp_extract: (a) => {
    arity('regexp_extract', a, 3);
    const pattern = literalString(a[1], 'regexp_extract', 'pattern');
    const idx = Number((a[2] as Literal).value);
    const re = new RegExp(pattern, 'u');
    return call(
      'regexp_extract',
      [a[0]],
      stringArg((str) => {
        const m = re.exec(str);
        return m === null ? '' : (m[idx] ?? '');
      }),
      [a[0].sql(), pattern, String(idx)],
    );
  },
  date_add: fixedArity(
    'date_add',
    2,
    simple([DateType(), IntegerType()], DateType(), (d: number, n: number) => d + n),
  ),
  date_sub: fixedArity(
    'date_sub',
    2,
    simple([DateType(), IntegerType()], DateType(), (d: number, n: number) => d - n),
  ),
  datediff: fixedArity(
    'datediff',
    2,
    simple([DateType(), DateType()], IntegerType(), (x: number, y: number) => x - y),
  ),
  unix_timestamp: (a) => {
    arity('unix_timestamp', a, 0, 2);
    if (a.length === 0)
      return call(
        'unix_timestamp',
        a,
        queryClock(LongType(), () => Math.floor(now() / 1000)),
      );
    const fmt = a[1] ? literalString(a[1], 'unix_timestamp', 'format') : 'yyyy-MM-dd HH:mm:ss';
    return call(
      'unix_timestamp',
      [a[0]],
      {
        resolve: (types) =>
          types[0] === TimestampType() || types[0] === DateType()
            ? { argTypes: [TimestampType()], type: LongType(), fn: (ms: number) => Math.floor(ms / 1000) }
            : {
                argTypes: [StringType()],
                type: LongType(),
                mayReturnNull: true,
                fn: (str: string) => {
                  const ms = parseWithPattern(str, fmt);
                  return ms === null ? null : Math.floor(ms / 1000);
                },
              },
      },
      [a[0].sql(), fmt],
    );
  },
  from_unixtime: (a) => {
    arity('from_unixtime', a, 1, 2);
    const fmt = a[1] ? literalString(a[1], 'from_unixtime', 'format') : 'yyyy-MM-dd HH:mm:ss';
    return call(
      'from_unixtime',
      [a[0]],
      simple([LongType()], StringType(), (sec: number) => formatWithPattern(sec * 1000, fmt)),
      [a[0].sql(), fmt],
    );
  },
  explode: (a) => (arity('explode', a, 1), new Explode(a[0])),
  explode_outer: (a) => (arity('explode_outer', a, 1), new Explode(a[0], true)),
  window: (a) => {
    arity('window', a, 2, 4);
    const duration = parseDuration(literalString(a[1], 'window', 'windowDuration'));
    const slide = a[2] ? parseDuration(literalString(a[2], 'window', 'slideDuration')) : duration;
    const start = a[3] ? parseDuration(literalString(a[3], 'window', 'startTime')) : 0;
    return makeWindow(a[0], duration, slide, start);
  },
};

export function makeWindow(time: Expr, duration: number, slide: number, start: number): TimeWindow {
  if (duration <= 0)
    throw new AnalysisException(`The window duration (${duration} ms) must be greater than 0.`);
  if (slide <= 0) throw new AnalysisException(`The slide duration (${slide} ms) must be greater than 0.`);
  if (slide > duration)
    throw new AnalysisException(
      `The slide duration (${slide} ms) must be less than or equal to the windowDuration (${duration} ms).`,
    );
  if (Math.abs(start) >= slide)
    throw new AnalysisException(
      `The absolute value of start time (${start} ms) must be less than the slideDuration (${slide} ms).`,
    );
  return new TimeWindow(time, duration, slide, start);
}

/**
 * to_timestamp / to_date: with a format (a string literal) the string is parsed by that pattern, and a
 * string that does not match gives NULL, as in Spark; without one the value is cast.
 */
function parseOrCast(name: string, type: DataType, fromTimestamp: (ms: number) => number): Builder {
  return (a) => {
    arity(name, a, 1, 2);
    if (a.length === 1) return call(name, a, castTo(type));
    const fmt = literalString(a[1], name, 'format');
    const parse = (s: string): number | null => {
      const ms = parseWithPattern(s, fmt);
      return ms === null ? null : fromTimestamp(ms);
    };
    const impl: ScalarImpl = {
      resolve: () => ({ argTypes: [StringType()], type, mayReturnNull: true, fn: parse }),
    };
    return call(name, [a[0]], impl, [a[0].sql(), fmt]);
  };
}

function castTo(to: DataType): ScalarImpl {
  return {
    resolve: (types) => {
      const from = types[0];
      const f = castFunction(from, to);
      return { argTypes: [undefined], type: to, fn: f ?? ((v: unknown) => v), mayReturnNull: true };
    },
  };
}

function extremum(name: string, a: Expr[], sign: number): Expr {
  arity(name, a, 2, Infinity);
  return call(
    name,
    a,
    overCommonType((...vals: any[]) => {
      let best: any = null;
      for (const v of vals) if (v !== null && (best === null || (sign > 0 ? v > best : v < best))) best = v;
      return best;
    }),
  );
}

/** Java's String.split with a limit: -1 keeps trailing empty strings (Spark's default). */
function javaSplit(s: string, re: RegExp, limit: number): string[] {
  const g = new RegExp(re.source, 'gu');
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(g)) {
    if (limit > 0 && out.length === limit - 1) break;
    if (m[0].length === 0) {
      if (m.index === 0 || m.index >= s.length) continue;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** Aggregate functions by SQL name → canonical name used by the aggregation operator. */
const AGGREGATES: Record<string, string> = {
  count: 'count',
  sum: 'sum',
  avg: 'avg',
  mean: 'avg',
  min: 'min',
  max: 'max',
  first: 'first',
  first_value: 'first',
  last: 'last',
  last_value: 'last',
  collect_list: 'collect_list',
  collect_set: 'collect_set',
  count_distinct: 'count',
};

export function isAggregateName(name: string): boolean {
  return name.toLowerCase() in AGGREGATES;
}

/** Builds a function call by (case-insensitive) name, as the SQL parser sees it. */
export function buildFunction(rawName: string, args: Expr[], distinct = false): Expr {
  const name = rawName.toLowerCase();
  const agg = AGGREGATES[name];
  if (agg) {
    if (agg === 'count' && args.length === 0)
      throw new AnalysisException(
        '[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `count` requires at least 1 parameter, use count(*) or count(1).',
      );
    if (agg !== 'count') arity(name, args, 1, agg === 'first' || agg === 'last' ? 2 : 1);
    return new AggregateCall(agg, args, distinct || name === 'count_distinct');
  }
  const b = SCALARS[name];
  if (!b)
    throw new AnalysisException(
      `[UNRESOLVED_ROUTINE] Cannot resolve routine \`${rawName}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`].`,
    );
  return b(args);
}

export type { ScalarSignature };

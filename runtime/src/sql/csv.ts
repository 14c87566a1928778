// CSV reading: a general record tokenizer (headers, schema inference, error text), Spark's type
// inference rules, field converters, and the generated scan loop used by fused pipelines.
// Records may contain quoted separators and newlines; CRLF, a UTF-8 BOM, empty lines, a missing
// trailing newline, header-only and empty files are all handled.
import { readFileSync } from 'node:fs';
import { CsvOptions } from './csvOptions';
import { GenContext, compile } from './codegen';
import {
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

export class MalformedRecordError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'SparkException';
  }
}

/** Reads a file as text, dropping a UTF-8 byte order mark. */
export function readText(file: string, encoding = 'utf-8'): string {
  const enc = encoding.toLowerCase().replace('_', '-');
  if (enc !== 'utf-8' && enc !== 'utf8' && enc !== 'latin1' && enc !== 'iso-8859-1' && enc !== 'ascii')
    throw new Error(
      `[UNSUPPORTED_OPTION] encoding "${encoding}" is not supported (use UTF-8, ISO-8859-1 or ASCII)`,
    );
  const text = readFileSync(file, enc === 'utf-8' || enc === 'utf8' ? 'utf8' : 'latin1');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface Record {
  fields: string[];
  /** Whether each field was quoted (a quoted empty string is still a value). */
  quoted: boolean[];
  start: number;
  /** Position after the record's line terminator. */
  next: number;
  /** An opening quote was never closed. */
  unterminated: boolean;
}

/** Tokenizes the record starting at `pos` (which must not be at a blank line). */
export function tokenizeRecord(text: string, pos: number, o: CsvOptions): Record {
  const sep = o.sep.charCodeAt(0);
  const quote = o.quote.charCodeAt(0);
  const esc = o.escape.charCodeAt(0);
  const fields: string[] = [];
  const quoted: boolean[] = [];
  const start = pos;
  const len = text.length;
  let unterminated = false;
  for (;;) {
    if (pos < len && text.charCodeAt(pos) === quote) {
      let out = '';
      let i = pos + 1;
      let seg = i;
      for (;;) {
        if (i >= len) {
          out += text.slice(seg, len);
          unterminated = true;
          pos = len;
          break;
        }
        const c = text.charCodeAt(i);
        if (
          c === esc &&
          esc !== quote &&
          i + 1 < len &&
          (text.charCodeAt(i + 1) === quote || text.charCodeAt(i + 1) === esc)
        ) {
          out += text.slice(seg, i) + text[i + 1];
          i += 2;
          seg = i;
        } else if (c === quote) {
          if (i + 1 < len && text.charCodeAt(i + 1) === quote) {
            out += text.slice(seg, i) + o.quote;
            i += 2;
            seg = i;
          } else {
            out += text.slice(seg, i);
            pos = i + 1;
            // Characters between the closing quote and the separator are kept, as univocity does.
            while (pos < len) {
              const d = text.charCodeAt(pos);
              if (
                d === sep ||
                d === 10 ||
                (d === 13 && text.charCodeAt(pos + 1) === 10) ||
                (d === 13 && pos + 1 === len)
              )
                break;
              out += text[pos++];
            }
            break;
          }
        } else i++;
      }
      fields.push(out);
      quoted.push(true);
    } else {
      let i = pos;
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c === sep || c === 10) break;
        i++;
      }
      let end = i;
      if ((i === len || text.charCodeAt(i) === 10) && end > pos && text.charCodeAt(end - 1) === 13) end--;
      fields.push(text.slice(pos, end));
      quoted.push(false);
      pos = i;
    }
    if (pos >= len) return { fields, quoted, start, next: len, unterminated };
    const c = text.charCodeAt(pos);
    if (c === sep) {
      pos++;
      continue;
    }
    if (c === 13) pos++;
    if (pos < len && text.charCodeAt(pos) === 10) pos++;
    return { fields, quoted, start, next: pos, unterminated };
  }
}

/** Skips blank lines (and comment lines) from `pos`; returns the start of the next record or len. */
export function skipBlank(text: string, pos: number, o: CsvOptions): number {
  const len = text.length;
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === 10) pos++;
    else if (c === 13 && (pos + 1 === len || text.charCodeAt(pos + 1) === 10)) pos += pos + 1 === len ? 1 : 2;
    else if (o.comment !== undefined && text.startsWith(o.comment, pos)) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? len : nl + 1;
    } else break;
  }
  return pos;
}

/** Iterates records of a text (after skipping the header if asked). */
export function* records(text: string, o: CsvOptions, skipHeader: boolean): Generator<Record> {
  let pos = skipBlank(text, 0, o);
  if (skipHeader && pos < text.length) pos = skipBlank(text, tokenizeRecord(text, pos, o).next, o);
  while (pos < text.length) {
    const r = tokenizeRecord(text, pos, o);
    yield r;
    pos = skipBlank(text, r.next, o);
  }
}

/** 1-based line number of a position in a text. */
export function lineNumberAt(text: string, pos: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Column names from a header record: blanks become _c<i>, duplicates get their index appended. */
export function headerNames(fields: string[]): string[] {
  const names = fields.map((f, i) => (f === '' ? `_c${i}` : f));
  const lower = names.map((n) => n.toLowerCase());
  return names.map((n, i) => (lower.indexOf(lower[i]) !== lower.lastIndexOf(lower[i]) ? `${n}${i}` : n));
}

// ------------------------------------------------------------------ schema inference

type Parser = (s: string) => unknown;

export function isInt(s: string): boolean {
  return /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= 2147483648 && Number(s) <= 2147483647;
}
function isLong(s: string): boolean {
  return /^[+-]?\d+$/.test(s) && s.replace(/^[+-]/, '').length <= 19;
}
function isDouble(s: string): boolean {
  return (
    /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?\s*$/.test(s) || /^[+-]?(NaN|Infinity|Inf)$/.test(s)
  );
}
function isBoolean(s: string): boolean {
  const l = s.toLowerCase();
  return l === 'true' || l === 'false';
}

const LEVELS: DataType[] = [
  IntegerType(),
  LongType(),
  DoubleType(),
  DateType(),
  TimestampType(),
  BooleanType(),
  StringType(),
];

/** Spark's CSVInferSchema.inferField: tries int → long → double → date → timestamp → boolean → string. */
function inferValue(typeSoFar: DataType, s: string, o: CsvOptions): DataType {
  let level = Math.max(0, LEVELS.indexOf(typeSoFar === NullType() ? IntegerType() : typeSoFar));
  for (; level < LEVELS.length; level++) {
    const t = LEVELS[level];
    if (t === IntegerType() && isInt(s)) return t;
    if (t === LongType() && isLong(s)) return t;
    if (t === DoubleType() && isDouble(s)) return t;
    if (
      t === DateType() &&
      parseDateField(s, o) !== undefined &&
      /^\d{4}-\d{2}-\d{2}$/.test(s.trim()) &&
      !o.dateFormat
    )
      return t;
    if (t === DateType() && o.dateFormat && parseDateField(s, o) !== undefined) return t;
    if (
      t === TimestampType() &&
      parseTimestampField(s, o) !== undefined &&
      (o.timestampFormat || /\d{4}-\d{1,2}-\d{1,2}[ T]/.test(s))
    )
      return t;
    if (t === BooleanType() && isBoolean(s)) return t;
    if (t === StringType()) return t;
  }
  return StringType();
}

/** Spark's CSV compatibleType: numeric widening, date+timestamp → timestamp, otherwise string. */
function mergeTypes(a: DataType, b: DataType): DataType {
  if (a === NullType()) return b;
  if (b === NullType()) return a;
  if (a === b) return a;
  const num: DataType[] = [IntegerType(), LongType(), DoubleType()];
  if (num.includes(a) && num.includes(b)) return num[Math.max(num.indexOf(a), num.indexOf(b))];
  if ((a === DateType() && b === TimestampType()) || (a === TimestampType() && b === DateType()))
    return TimestampType();
  return StringType();
}

/** Infers a schema from CSV files: names from the first file's header, types from every record. */
export function inferCsvSchema(files: string[], o: CsvOptions, texts?: Map<string, string>): StructType {
  let names: string[] | null = null;
  let types: DataType[] = [];
  for (const file of files) {
    const text = texts?.get(file) ?? readText(file, o.encoding);
    const first = skipBlank(text, 0, o);
    if (first >= text.length) continue;
    if (names === null) {
      const r = tokenizeRecord(text, first, o);
      names = o.header ? headerNames(r.fields) : r.fields.map((_, i) => `_c${i}`);
      types = names.map(() => NullType());
    }
    if (!o.inferSchema) continue;
    inferInto(types, text, o);
  }
  if (names === null) return new StructType([]);
  return new StructType(
    names.map(
      (n, i) => new StructField(n, o.inferSchema && types[i] !== NullType() ? types[i] : StringType(), true),
    ),
  );
}

/**
 * Runs the generated scan loop (every column read as a string) over one file and folds each value
 * into its column's type. Integers, the common case, are recognised without a regular expression.
 */
function inferInto(types: DataType[], text: string, o: CsvOptions): void {
  const schema = new StructType(types.map((_, i) => new StructField(`c${i}`, StringType(), true)));
  const ctx = new GenContext((i) => `c${i}`);
  const used = new Set(types.map((_, i) => i));
  const body = types
    .map((_, i) => `if (c${i} !== null && S.t[${i}] !== S.str) S.observe(${i}, c${i});`)
    .join('\n');
  const code = generateCsvScan(schema, { ...o, mode: 'PERMISSIVE' }, used, body, ctx);
  const fn = compile<(text: string, S: unknown, R: CsvRuntime) => void>(
    ['text', 'S', 'R'],
    ctx.declarations() + code,
    ctx.constants,
  );
  const S = {
    t: types,
    str: StringType(),
    observe(i: number, v: string): void {
      if (v === o.nullValue) return;
      const t = types[i];
      if ((t === NullType() || t === IntegerType()) && isIntFast(v)) {
        types[i] = IntegerType();
        return;
      }
      types[i] = mergeTypes(t, inferValue(t, v, o));
    },
  };
  fn(text, S, new CsvRuntime(o));
}

/** A 32-bit integer literal as Spark's toInt accepts it ([+-]digits, in range). */
function isIntFast(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 11) return false;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    if (n === 1) return false;
    i = 1;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (n >= 10) {
    const v = Number(s);
    return v <= 2147483647 && v >= -2147483648;
  }
  return true;
}

// ------------------------------------------------------------------ field conversion

/** Parses digits in text[s, e) as an integer; undefined when not an integer in range. */
export function parseIntRange(text: string, s: number, e: number, max: number): number | undefined {
  let i = s;
  let neg = false;
  let c = text.charCodeAt(i);
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  if (i === e) return undefined;
  let v = 0;
  for (; i < e; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  if (v > max + (neg ? 1 : 0)) return undefined;
  return neg ? -v : v;
}

function parseDoubleField(s: string): number | undefined {
  if (!isDouble(s)) return undefined;
  const t = s.trim().replace(/[dDfF]$/, '');
  if (t === 'NaN' || t === '+NaN' || t === '-NaN') return NaN;
  if (/Inf/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

function parseTimestampField(s: string, o: CsvOptions): number | undefined {
  const v = o.timestampFormat ? parseWithPattern(s, o.timestampFormat) : parseTimestamp(s);
  return v === null ? undefined : v;
}

function parseDateField(s: string, o: CsvOptions): number | undefined {
  if (o.dateFormat) {
    const ms = parseWithPattern(s, o.dateFormat);
    return ms === null ? undefined : timestampToDate(ms);
  }
  const v = parseDate(s);
  return v === null ? undefined : v;
}

/** A converter from field text to a value of `type`; undefined means "malformed". */
export function fieldParser(type: DataType, o: CsvOptions): Parser {
  if (type === StringType()) return (s) => s;
  if (type === IntegerType()) return (s) => parseIntRange(s, 0, s.length, 2147483647);
  if (type === LongType()) return (s) => (isLong(s) ? Number(s) : undefined);
  if (type === DoubleType()) return parseDoubleField;
  if (type === FloatType())
    return (s) => {
      const d = parseDoubleField(s);
      return d === undefined ? undefined : Math.fround(d);
    };
  if (type === BooleanType())
    return (s) => {
      const l = s.toLowerCase();
      return l === 'true' ? true : l === 'false' ? false : undefined;
    };
  if (type === TimestampType()) return (s) => parseTimestampField(s, o);
  if (type === DateType()) return (s) => parseDateField(s, o);
  throw new Error(`CSV data source does not support ${type.sqlName()} columns.`);
}

// ------------------------------------------------------------------ generated scan

/** What the generated CSV loop needs at run time. */
export class CsvRuntime {
  value = '';
  dropped = 0;
  file = '';
  private readonly quoteCode: number;
  private readonly escCode: number;
  constructor(readonly options: CsvOptions) {
    this.quoteCode = options.quote.charCodeAt(0);
    this.escCode = options.escape.charCodeAt(0);
  }

  /** Where records start: after blank lines and, with header=true, after the header record. */
  start(text: string): number {
    let pos = skipBlank(text, 0, this.options);
    if (this.options.header && pos < text.length) pos = tokenizeRecord(text, pos, this.options).next;
    return pos;
  }

  /** Parses a quoted field starting at the opening quote; leaves its value in `this.value`. */
  quoted(text: string, pos: number): number {
    const q = this.quoteCode;
    const len = text.length;
    let out = '';
    let i = pos + 1;
    let seg = i;
    for (;;) {
      const next = text.indexOf(this.options.quote, i);
      if (next < 0) {
        this.value = out + text.slice(seg);
        return -1;
      }
      if (this.escCode !== q && next > seg && text.charCodeAt(next - 1) === this.escCode) {
        out += text.slice(seg, next - 1) + this.options.quote;
        i = seg = next + 1;
        continue;
      }
      if (next + 1 < len && text.charCodeAt(next + 1) === q) {
        out += text.slice(seg, next) + this.options.quote;
        i = seg = next + 2;
        continue;
      }
      this.value = out + text.slice(seg, next);
      return next + 1;
    }
  }

  /** Skips the rest of a malformed record; returns the position after it. */
  skipRecord(text: string, recordStart: number): number {
    return tokenizeRecord(text, recordStart, this.options).next;
  }

  /** The record's raw text (for the corrupt-record column and errors), without its line terminator. */
  recordText(text: string, start: number, next: number): string {
    let end = next;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return text.slice(start, end);
  }

  failFast(text: string, start: number, next: number): MalformedRecordError {
    const line = lineNumberAt(text, start);
    return new MalformedRecordError(
      `[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [${this.recordText(text, start, next)}]. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. (file ${this.file}, line ${line})`,
      this.file,
      line,
    );
  }
}

/**
 * Generates the per-file scan loop around `body` (the fused operators and sink). Column i of the scan
 * is in variable `c<i>`. Only columns in `used` are converted, unless malformed rows must be detected,
 * in which case every column is converted (a bad value anywhere makes the record malformed).
 * The function's parameters are (text, S, R): file text, sink state, CsvRuntime.
 */
export function generateCsvScan(
  schema: StructType,
  o: CsvOptions,
  used: Set<number>,
  bodyWithMarkers: string,
  ctx: GenContext,
): string {
  let body = bodyWithMarkers;
  const corruptIdx = schema.fields.findIndex(
    (f) => f.name === o.columnNameOfCorruptRecord && f.dataType === StringType(),
  );
  const dataCols = schema.fields.map((_, i) => i).filter((i) => i !== corruptIdx);
  const mustValidate = o.mode !== 'PERMISSIVE' || (corruptIdx >= 0 && used.has(corruptIdx));
  const sep = o.sep.charCodeAt(0);
  const quote = o.quote.charCodeAt(0);
  const sepStr = ctx.constant(o.sep);
  const nullStr = ctx.constant(o.nullValue);
  const nullLen = o.nullValue.length;
  const L: string[] = [];
  const vars = schema.fields.map((_, i) => `c${i}`);
  L.push(`const len = text.length;`);
  L.push(
    `let pos = R.start(text), nl = 0, e = 0, rs = 0, done = false, bad = false, j = 0, ch = 0, iv = 0, neg = false;`,
  );
  L.push(`let ${vars.join(', ')};`);
  const fieldVars = dataCols.map((_, k) => `src${k}, s${k} = 0, e${k} = 0, q${k} = false`);
  if (fieldVars.length) L.push(`let ${fieldVars.join(', ')};`);
  L.push(`scan: while (pos < len) {`);
  L.push(`  rs = pos;`);
  L.push(`  nl = text.indexOf('\\n', pos); if (nl === -1) nl = len;`);
  // Blank lines (and comment lines) are skipped, as Spark does.
  L.push(`  if (nl === pos || (nl === pos + 1 && text.charCodeAt(pos) === 13)) { pos = nl + 1; continue; }`);
  if (o.comment !== undefined)
    L.push(`  if (text.startsWith(${ctx.constant(o.comment)}, pos)) { pos = nl + 1; continue; }`);
  L.push(`  done = false; bad = false;`);
  dataCols.forEach((_, k) => {
    L.push(`  if (done) { s${k} = -1; bad = true; }`);
    L.push(`  else if (text.charCodeAt(pos) === ${quote}) {`);
    L.push(`    pos = R.quoted(text, pos);`);
    L.push(`    if (pos < 0) { pos = len; bad = true; }`);
    L.push(`    src${k} = R.value; s${k} = 0; e${k} = src${k}.length; q${k} = true;`);
    L.push(`    e = text.charCodeAt(pos);`);
    L.push(`    if (e === ${sep}) pos++;`);
    L.push(
      `    else { if (e === 13) pos++; if (pos < len && text.charCodeAt(pos) !== 10) { bad = true; pos = R.skipRecord(text, rs); } else pos++; done = true; }`,
    );
    L.push(`    nl = text.indexOf('\\n', pos > 0 ? pos - 1 : 0); if (nl === -1) nl = len;`);
    L.push(`  } else {`);
    L.push(`    e = text.indexOf(${sepStr}, pos);`);
    L.push(`    if (e === -1 || e > nl) { e = nl; done = true; }`);
    L.push(
      `    src${k} = text; s${k} = pos; e${k} = done && e > pos && text.charCodeAt(e - 1) === 13 ? e - 1 : e; q${k} = false;`,
    );
    L.push(`    pos = e + 1;`);
    L.push(`  }`);
  });
  // More tokens than columns: the record is malformed; skip the rest of it.
  L.push(`  if (!done) { bad = true; pos = R.skipRecord(text, rs); }`);
  // Conversions: all up front when malformed records must be detected; otherwise each column is
  // converted where the body first needs it (a `/*@convert:i*/` marker), so rows that a filter
  // drops never pay for slicing the columns used only after it.
  const scanLines = L;
  const upfront: string[] = [];
  const deferred = new Map<number, string>();
  dataCols.forEach((col, k) => {
    if (!used.has(col) && !mustValidate) return;
    const marker = `/*@convert:${col}*/`;
    const L: string[] = [];
    const t = schema.fields[col].dataType;
    const v = vars[col];
    // A quoted empty field ("") is an empty string, an unquoted one is NULL (Spark >= 2.4).
    const isNull =
      nullLen === 0
        ? `(e${k} === s${k} && !q${k})`
        : `(e${k} - s${k} === ${nullLen} && src${k}.startsWith(${nullStr}, s${k}))`;
    L.push(`  if (s${k} === -1 || ${isNull}) ${v} = null;`);
    if (t === StringType()) L.push(`  else ${v} = src${k}.slice(s${k}, e${k});`);
    else if (t === IntegerType()) {
      // Inlined Integer.parseInt: [+-]digits within 32 bits, else the record is malformed.
      L.push(`  else {`);
      L.push(`    j = s${k}; neg = false; iv = 0; ch = src${k}.charCodeAt(j);`);
      L.push(`    if (ch === 45) { neg = true; j++; } else if (ch === 43) j++;`);
      L.push(`    if (j === e${k} || e${k} - j > 10) { ${v} = null; bad = true; }`);
      L.push(`    else {`);
      L.push(
        `      for (; j < e${k}; j++) { ch = src${k}.charCodeAt(j) - 48; if (ch < 0 || ch > 9) break; iv = iv * 10 + ch; }`,
      );
      L.push(
        `      if (j < e${k} || iv > (neg ? 2147483648 : 2147483647)) { ${v} = null; bad = true; } else ${v} = neg ? -iv : iv;`,
      );
      L.push(`    }`);
      L.push(`  }`);
    } else {
      const parse = ctx.constant(fieldParser(t, o));
      L.push(
        `  else if ((${v} = ${parse}(src${k}.slice(s${k}, e${k}))) === undefined) { ${v} = null; bad = true; }`,
      );
    }
    if (mustValidate || !body.includes(marker)) upfront.push(...L);
    else deferred.set(col, L.join('\n'));
  });
  scanLines.push(...upfront);
  body = body.replace(/\/\*@convert:(\d+)\*\//g, (_, i: string) => deferred.get(Number(i)) ?? '');
  if (o.mode === 'DROPMALFORMED') L.push(`  if (bad) { R.dropped++; continue; }`);
  else if (o.mode === 'FAILFAST') L.push(`  if (bad) throw R.failFast(text, rs, pos);`);
  if (corruptIdx >= 0) L.push(`  ${vars[corruptIdx]} = bad ? R.recordText(text, rs, pos) : null;`);
  L.push(body);
  L.push(`}`);
  return L.join('\n');
}

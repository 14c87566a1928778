// Timestamp and date conversions. Timestamps are epoch milliseconds, dates are days since the epoch.
// Wall-clock fields use the session time zone: the process's local zone by default (as Spark uses the
// JVM zone), or UTC when `spark.sql.session.timeZone` is set to UTC/GMT.

const MS_PER_DAY = 86_400_000;

let useUtc = false;

/** Sets the session time zone. Only the local zone and UTC are supported. */
export function setSessionTimeZone(zone: string | undefined): void {
  if (zone === undefined) {
    useUtc = false;
    return;
  }
  const z = zone.toUpperCase();
  if (z === 'UTC' || z === 'GMT' || z === 'Z' || z === '+00:00' || z === 'ETC/UTC') useUtc = true;
  else if (z === 'LOCAL' || zone === Intl.DateTimeFormat().resolvedOptions().timeZone) useUtc = false;
  else
    throw new Error(
      `spark.sql.session.timeZone: only UTC and the process's local zone are supported, got "${zone}"`,
    );
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function toWallClock(ms: number): WallClock {
  const d = new Date(ms);
  if (useUtc)
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
    };
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    ms: d.getMilliseconds(),
  };
}

export function fromWallClock(c: WallClock): number {
  if (useUtc) return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.ms);
  const d = new Date(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.ms);
  if (c.year < 100) d.setFullYear(c.year);
  return d.getTime();
}

/** Milliseconds for a day number at midnight in the session zone. */
export function dateToTimestamp(days: number): number {
  const d = new Date(days * MS_PER_DAY);
  return fromWallClock({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
  });
}

export function timestampToDate(ms: number): number {
  const c = toWallClock(ms);
  return Math.floor(Date.UTC(c.year, c.month - 1, c.day) / MS_PER_DAY);
}

export function daysFromCivil(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
function pad4(n: number): string {
  if (n < 0) return '-' + pad4(-n);
  return n < 1000 ? String(n).padStart(4, '0') : String(n);
}

/** Spark's display form: `2024-01-02 03:04:05` plus `.123` when there are fractional seconds. */
export function formatTimestamp(ms: number): string {
  const c = toWallClock(ms);
  let s = `${pad4(c.year)}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}`;
  if (c.ms !== 0) s += '.' + String(c.ms).padStart(3, '0').replace(/0+$/, '');
  return s;
}

export function formatDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

// Spark's string → timestamp cast: `yyyy[-[m]m[-[d]d]][( |T)[h]h[:mm[:ss[.fraction]]]][zone]`.
const TS_RE =
  /^\s*(\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;

/** Parses a timestamp as Spark's CAST(string AS TIMESTAMP) does; null when it isn't one. */
export function parseTimestamp(text: string): number | null {
  const m = TS_RE.exec(text);
  if (!m) return null;
  const year = +m[1];
  const month = m[2] ? +m[2] : 1;
  const day = m[3] ? +m[3] : 1;
  const hour = m[4] ? +m[4] : 0;
  const minute = m[5] ? +m[5] : 0;
  const second = m[6] ? +m[6] : 0;
  const ms = m[7] ? Math.floor(+(m[7] + '000').slice(0, 3)) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return withZone({ year, month, day, hour, minute, second, ms }, m[8]);
}

function withZone(c: WallClock, zone: string | undefined): number {
  if (zone === undefined) return fromWallClock(c);
  const utc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.ms);
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return utc;
  const zm = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
  const offset = (+zm[2] * 60 + (zm[3] ? +zm[3] : 0)) * 60_000;
  return zm[1] === '+' ? utc - offset : utc + offset;
}

const DATE_RE = /^\s*(\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T].*)?\s*$/;

/** Parses a date as CAST(string AS DATE) does (`yyyy`, `yyyy-m`, `yyyy-mm-dd[ T...]`). */
export function parseDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const year = +m[1];
  const month = m[2] ? +m[2] : 1;
  const day = m[3] ? +m[3] : 1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Token = { kind: 'field'; letter: string; width: number } | { kind: 'literal'; text: string };

const patternCache = new Map<string, Token[]>();

/** Splits a Java DateTimeFormatter pattern (`yyyy-MM-dd HH:mm:ss`, `'T'` quoting) into tokens. */
function tokenize(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        tokens.push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      tokens.push({ kind: 'literal', text: pattern.slice(i + 1, stop) });
      i = stop + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      if (!'yMdHhmsSaEuDkKXxZz'.includes(c)) throw new Error(`Unsupported datetime pattern letter '${c}'`);
      tokens.push({ kind: 'field', letter: c, width: j - i });
      i = j;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i++;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats a timestamp with a Spark datetime pattern (date_format). */
export function formatWithPattern(ms: number, pattern: string): string {
  const c = toWallClock(ms);
  const dow = new Date(Date.UTC(c.year, c.month - 1, c.day)).getUTCDay();
  let out = '';
  for (const t of tokenize(pattern)) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    const w = t.width;
    switch (t.letter) {
      case 'y':
        out += w === 2 ? pad2(c.year % 100) : String(c.year).padStart(w, '0');
        break;
      case 'M':
        out += w >= 4 ? fullMonth(c.month) : w === 3 ? MONTHS[c.month - 1] : String(c.month).padStart(w, '0');
        break;
      case 'd':
        out += String(c.day).padStart(w, '0');
        break;
      case 'D':
        out += String(daysFromCivil(c.year, c.month, c.day) - daysFromCivil(c.year, 1, 1) + 1).padStart(
          w,
          '0',
        );
        break;
      case 'H':
        out += String(c.hour).padStart(w, '0');
        break;
      case 'k':
        out += String(c.hour === 0 ? 24 : c.hour).padStart(w, '0');
        break;
      case 'h':
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12).padStart(w, '0');
        break;
      case 'K':
        out += String(c.hour % 12).padStart(w, '0');
        break;
      case 'm':
        out += String(c.minute).padStart(w, '0');
        break;
      case 's':
        out += String(c.second).padStart(w, '0');
        break;
      case 'S':
        out += String(c.ms).padStart(3, '0').padEnd(w, '0').slice(0, w);
        break;
      case 'a':
        out += c.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += w >= 4 ? DAYS[dow] : DAYS[dow].slice(0, 3);
        break;
      case 'u':
        out += String(dow === 0 ? 7 : dow);
        break;
      default:
        out += formatZone(ms, t.letter);
    }
  }
  return out;
}

function fullMonth(m: number): string {
  return new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
}

function formatZone(ms: number, letter: string): string {
  if (useUtc) return letter === 'X' ? 'Z' : letter === 'z' ? 'UTC' : '+0000';
  const off = -new Date(ms).getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  if (letter === 'X' && off === 0) return 'Z';
  return `${sign}${pad2(Math.floor(a / 60))}${letter === 'Z' ? '' : ':'}${pad2(a % 60)}`;
}

/**
 * Parses text with a Spark datetime pattern (to_timestamp(col, fmt), the CSV timestampFormat option).
 * Returns null when the text does not match, as Spark does outside ANSI mode.
 */
export function parseWithPattern(text: string, pattern: string): number | null {
  const c: WallClock = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pos = 0;
  let pm: boolean | null = null;
  let zone: string | undefined;
  const tokens = tokenize(pattern);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'literal') {
      if (!text.startsWith(t.text, pos)) return null;
      pos += t.text.length;
      continue;
    }
    if (t.letter === 'X' || t.letter === 'x' || t.letter === 'Z' || t.letter === 'z') {
      const zm = /^(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})/.exec(text.slice(pos));
      if (!zm) return null;
      zone = zm[1];
      pos += zm[1].length;
      continue;
    }
    if (t.letter === 'a') {
      const ap = text.slice(pos, pos + 2).toUpperCase();
      if (ap !== 'AM' && ap !== 'PM') return null;
      pm = ap === 'PM';
      pos += 2;
      continue;
    }
    if (t.letter === 'M' && t.width === 3) {
      const idx = MONTHS.findIndex((m) => text.startsWith(m, pos));
      if (idx < 0) return null;
      c.month = idx + 1;
      pos += 3;
      continue;
    }
    if (t.letter === 'E') {
      const m = /^[A-Za-z]+/.exec(text.slice(pos));
      if (!m) return null;
      pos += m[0].length;
      continue;
    }
    // Adjacent numeric fields need fixed widths; otherwise a field takes as many digits as it can.
    const next = tokens[i + 1];
    const fixed = next !== undefined && next.kind === 'field';
    const maxLen = fixed ? t.width : t.letter === 'y' ? 6 : t.letter === 'S' ? 9 : Math.max(t.width, 2);
    let j = pos;
    while (j < text.length && j - pos < maxLen && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === pos || (t.width > 1 && j - pos < t.width && t.letter !== 'S')) return null;
    const digits = text.slice(pos, j);
    const v = +digits;
    pos = j;
    switch (t.letter) {
      case 'y':
      case 'u':
        c.year = t.width === 2 ? 2000 + v : v;
        break;
      case 'M':
        c.month = v;
        break;
      case 'd':
        c.day = v;
        break;
      case 'H':
      case 'k':
        c.hour = v;
        break;
      case 'h':
      case 'K':
        c.hour = v % 12;
        break;
      case 'm':
        c.minute = v;
        break;
      case 's':
        c.second = v;
        break;
      case 'S':
        c.ms = Math.floor(+(digits + '000').slice(0, 3));
        break;
      default:
        return null;
    }
  }
  if (pos !== text.length) return null;
  if (pm !== null && pm) c.hour += 12;
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > daysInMonth(c.year, c.month)) return null;
  if (c.hour > 23 || c.minute > 59 || c.second > 59) return null;
  return withZone(c, zone);
}

/** Parses Spark interval strings used by window() and withWatermark(): "10 minutes", "1 hour 30 seconds". */
export function parseDuration(text: string): number {
  const units: Record<string, number> = {
    millisecond: 1,
    ms: 1,
    second: 1000,
    sec: 1000,
    s: 1000,
    minute: 60_000,
    min: 60_000,
    m: 60_000,
    hour: 3_600_000,
    h: 3_600_000,
    day: MS_PER_DAY,
    d: MS_PER_DAY,
    week: 7 * MS_PER_DAY,
  };
  let rest = text.trim().replace(/^interval\s+/i, '');
  let total = 0;
  let matched = false;
  const re = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+?)s?(?:\s+|$)/;
  while (rest.length > 0) {
    const m = re.exec(rest);
    const unit = m ? units[m[2].toLowerCase()] : undefined;
    if (!m || unit === undefined) {
      throw new Error(`[CANNOT_PARSE_INTERVAL] Unable to parse '${text}'. Expected e.g. "10 minutes".`);
    }
    total += +m[1] * unit;
    matched = true;
    rest = rest.slice(m[0].length);
  }
  if (!matched) throw new Error(`[CANNOT_PARSE_INTERVAL] Unable to parse '${text}'.`);
  return total;
}

// Compares the stream's current result with the batch job's. Equal means the same lines, each as many
// times, in any order (Spark makes no promise about the order of saveAsTextFile lines across runs). The
// differences are shown by key: the first field of a pair `('A', 18)` or of a CSV row `A,18`.
import type { KeyDifference, ResultTable } from './protocol';

export interface Comparison {
  readonly equal: boolean;
  /** Keys whose lines differ, in key order. */
  readonly differences: readonly KeyDifference[];
}

export interface KeyedLine {
  /** For display: a simple quoted string key without its quotes. */
  readonly key: string;
  /** As written: `'1'` and `1` are different keys. */
  readonly rawKey: string;
  readonly value: string;
}

export function compareResults(batchLines: readonly string[], streamLines: readonly string[]): Comparison {
  const batch = groupByKey(batchLines);
  const stream = groupByKey(streamLines);
  const keys = [...new Set([...batch.keys(), ...stream.keys()])].sort(compareText);
  const differences: KeyDifference[] = [];
  for (const rawKey of keys) {
    const b = (batch.get(rawKey) ?? []).sort(compareText);
    const s = (stream.get(rawKey) ?? []).sort(compareText);
    if (b.length === s.length && b.every((value, i) => value === s[i])) continue;
    differences.push({
      key: unquote(rawKey),
      ...(b.length > 0 ? { batch: b.join('; ') } : {}),
      ...(s.length > 0 ? { stream: s.join('; ') } : {}),
    });
  }
  return { equal: differences.length === 0, differences };
}

/**
 * Splits a line into key and value: a Python tuple repr `('A', 18)` (what saveAsTextFile writes for
 * pairs) at its first top-level comma, otherwise a CSV-like row at its first comma; a line with neither is
 * its own key.
 */
export function keyedLine(line: string): KeyedLine {
  const tuple = /^\((.*)\)$/.exec(line);
  if (tuple) {
    const inner = tuple[1]!;
    const comma = topLevelComma(inner);
    if (comma >= 0) return keyed(inner.slice(0, comma).trim(), inner.slice(comma + 1).trim());
  }
  const comma = topLevelComma(line);
  if (comma >= 0) return keyed(line.slice(0, comma).trim(), line.slice(comma + 1));
  return keyed(line, '');
}

function keyed(rawKey: string, value: string): KeyedLine {
  return { key: unquote(rawKey), rawKey, value };
}

/** A result as a key/value table for the panel (at most `limit` rows, in key order). */
export function resultTable(lines: readonly string[], limit = 200): ResultTable {
  const rows = lines
    .map(keyedLine)
    .sort((a, b) => compareText(a.key, b.key) || compareText(a.value, b.value));
  const shown = rows.slice(0, limit).map((row) => [row.key, row.value]);
  return { columns: ['key', 'value'], rows: shown, omittedRows: rows.length - shown.length };
}

function groupByKey(lines: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const { rawKey, value } = keyedLine(line);
    const values = groups.get(rawKey);
    if (values) values.push(value);
    else groups.set(rawKey, [value]);
  }
  return groups;
}

/** Index of the first comma outside quotes and brackets, or -1. */
function topLevelComma(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

/** `'A'` → `A` for display; anything with escapes stays as written, so distinct keys stay distinct. */
function unquote(text: string): string {
  const m = /^'([^'\\]*)'$/.exec(text) ?? /^"([^"\\]*)"$/.exec(text);
  return m ? m[1]! : text;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Comparing a stream's result with the batch's, row by row, order aside (Spark defines no order across
// partitions). Rows are grouped by their key — the first field of a Python tuple `('A', 18)` or of a CSV
// line — so a differing count reads as one row `A | ('A', 18) | ('A', 17)` rather than two unrelated
// lines; rows without a field separator are their own key.

export interface RowDifference {
  readonly key: string;
  /** The batch's rows with this key that the stream lacks (or holds a different number of times). */
  readonly batch: readonly string[];
  readonly stream: readonly string[];
}

export interface RowComparison {
  readonly equal: boolean;
  readonly differences: readonly RowDifference[];
}

export function compareRows(batch: readonly string[], stream: readonly string[]): RowComparison {
  const batchByKey = groupByKey(batch);
  const streamByKey = groupByKey(stream);
  const keys = [...new Set([...batchByKey.keys(), ...streamByKey.keys()])].sort();
  const differences: RowDifference[] = [];
  for (const key of keys) {
    const b = [...(batchByKey.get(key) ?? [])].sort();
    const s = [...(streamByKey.get(key) ?? [])].sort();
    if (b.length === s.length && b.every((row, i) => row === s[i])) continue;
    // Show only what differs: rows both sides hold the same number of times are left out.
    const unmatched = new Map<string, number>();
    for (const row of s) unmatched.set(row, (unmatched.get(row) ?? 0) + 1);
    const batchOnly: string[] = [];
    for (const row of b) {
      const left = unmatched.get(row) ?? 0;
      if (left > 0) unmatched.set(row, left - 1);
      else batchOnly.push(row);
    }
    const streamOnly = [...unmatched].flatMap(([row, count]) => Array<string>(count).fill(row));
    differences.push({ key, batch: batchOnly, stream: streamOnly.sort() });
  }
  return { equal: differences.length === 0, differences };
}

/** The row's key: its first field (quotes respected), or the whole row when it has a single field. */
export function rowKey(row: string): string {
  const tuple = row.startsWith('(') && row.endsWith(')');
  const body = tuple ? row.slice(1, -1) : row;
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === '\\' && tuple) i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || (tuple && ch === "'")) quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) return body.slice(0, i).trim();
  }
  return row;
}

/** A plain-text table of the differences: key, the batch's rows, the stream's rows (— for none). */
export function formatDifferences(differences: readonly RowDifference[]): string {
  const rows: [string, string, string][] = [['key', 'batch', 'stream']];
  for (const difference of differences) {
    const height = Math.max(difference.batch.length, difference.stream.length, 1);
    for (let i = 0; i < height; i++) {
      rows.push([
        i === 0 ? difference.key : '',
        difference.batch[i] ?? (i === 0 ? '—' : ''),
        difference.stream[i] ?? (i === 0 ? '—' : ''),
      ]);
    }
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n') + '\n';
}

function groupByKey(rows: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const key = rowKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

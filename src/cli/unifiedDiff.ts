// A unified diff (the `diff -u` / `git diff` format) of two texts, line by line. Myers' O((N+M)·D)
// algorithm after trimming the common prefix and suffix: conversions change a few spans of a file, so D
// is small and this stays fast on large files. Written here rather than adding a dependency for ~100 lines.

export type DiffOp = { readonly kind: 'equal' | 'delete' | 'insert'; readonly line: string };

export interface UnifiedDiffOptions {
  readonly fromFile: string;
  readonly toFile: string;
  /** Unchanged lines shown around each change. Default 3, like diff -u. */
  readonly context?: number;
}

/** The unified diff, or '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const context = options.context ?? 3;
  const out = [`--- ${options.fromFile}`, `+++ ${options.toFile}`];
  // Indexes into ops of changed lines, grouped into hunks whose context overlaps.
  const changed = ops.flatMap((op, index) => (op.kind === 'equal' ? [] : [index]));
  let hunkStart = 0;
  while (hunkStart < changed.length) {
    let hunkEnd = hunkStart;
    while (hunkEnd + 1 < changed.length && changed[hunkEnd + 1] - changed[hunkEnd] <= 2 * context + 1)
      hunkEnd++;
    const from = Math.max(0, changed[hunkStart] - context);
    const to = Math.min(ops.length, changed[hunkEnd] + context + 1);
    let aLine = 0;
    let bLine = 0;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== 'insert') aLine++;
      if (ops[i].kind !== 'delete') bLine++;
    }
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    for (let i = from; i < to; i++) {
      const op = ops[i];
      const prefix = op.kind === 'equal' ? ' ' : op.kind === 'delete' ? '-' : '+';
      const missingNewline = op.line.endsWith(noNewline);
      body.push(prefix + (missingNewline ? op.line.slice(0, -noNewline.length) : op.line));
      if (missingNewline) body.push('\\ No newline at end of file');
      if (op.kind !== 'insert') aCount++;
      if (op.kind !== 'delete') bCount++;
    }
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`, ...body);
    hunkStart = hunkEnd + 1;
  }
  return out.join('\n') + '\n';
}

/** The shortest edit script between two line arrays (Myers 1986), as equal/delete/insert operations. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const x0 = a.slice(prefix, a.length - suffix);
  const y0 = b.slice(prefix, b.length - suffix);
  const middle = myers(x0, y0);
  return [
    ...a.slice(0, prefix).map((line): DiffOp => ({ kind: 'equal', line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line): DiffOp => ({ kind: 'equal', line })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'equal', line: a[x] });
    }
    if (down) {
      y--;
      ops.push({ kind: 'insert', line: b[y] });
    } else {
      x--;
      ops.push({ kind: 'delete', line: a[x] });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: 'equal', line: a[x] });
  }
  return ops.reverse();
}

/** A last line without a newline is marked, so "x" and "x\\n" differ, as they do for diff. */
const noNewline = '\u0000<no newline>';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += noNewline;
  return lines;
}

function range(start: number, count: number): string {
  // diff -u numbers lines from 1; an empty range names the line before it.
  return `${count === 0 ? start : start + 1},${count}`;
}

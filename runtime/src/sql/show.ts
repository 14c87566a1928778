// DataFrame.show(): Spark's Dataset.showString, byte for byte — a grid with a minimum column width of
// 3, cells right-aligned when truncating (left-aligned with truncate=false), long cells cut to
// `truncate - 3` characters plus "...", NULL for nulls (Spark 3.5+), and the footer
// "only showing top N rows" when there are more rows than shown.
import { StructType } from './types';
import { cellText } from './valueFormat';

/** Width of a string in terminal cells: East Asian wide/fullwidth characters count as 2. */
export function stringHalfWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  // Spark counts UTF-16 code units for the padding arithmetic; surrogate pairs add one.
  return w + (s.length - [...s].length);
}

function truncateCell(s: string, truncate: number): string {
  if (truncate > 0 && s.length > truncate)
    return truncate < 4 ? s.substring(0, truncate) : s.substring(0, truncate - 3) + '...';
  return s;
}

/**
 * @param rows up to numRows + 1 rows (one extra tells whether there is more data)
 */
export function showString(
  schema: StructType,
  rows: unknown[][],
  numRows: number,
  truncate: number,
  vertical = false,
): string {
  const hasMoreData = rows.length > numRows;
  const shown = rows.slice(0, numRows);
  const header = schema.fields.map((f) => truncateCell(f.name, truncate));
  const cells = shown.map((r) =>
    schema.fields.map((f, i) => truncateCell(cellText(r[i], f.dataType), truncate)),
  );
  const all = [header, ...cells];
  let sb = '';
  const minimumColWidth = 3;
  if (!vertical) {
    const widths = header.map(() => minimumColWidth);
    for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i], stringHalfWidth(cell))));
    const pad = (cell: string, i: number): string => {
      const n = widths[i] - stringHalfWidth(cell) + cell.length;
      return truncate > 0 ? cell.padStart(n) : cell.padEnd(n);
    };
    const sep = '+' + widths.map((w) => '-'.repeat(w)).join('+') + '+\n';
    const line = (row: string[]): string => '|' + row.map(pad).join('|') + '|\n';
    sb += sep + line(header) + sep;
    for (const row of cells) sb += line(row);
    sb += sep;
  } else {
    const nameWidth = header.reduce((m, n) => Math.max(m, stringHalfWidth(n)), minimumColWidth);
    const dataWidth = cells.reduce((m, row) => Math.max(m, ...row.map(stringHalfWidth)), minimumColWidth);
    cells.forEach((row, i) => {
      sb += `-RECORD ${i}`.padEnd(nameWidth + dataWidth + 5, '-') + '\n';
      sb +=
        row
          .map((cell, j) => {
            const name = header[j].padEnd(nameWidth - stringHalfWidth(header[j]) + header[j].length);
            const data = cell.padEnd(dataWidth - stringHalfWidth(cell) + cell.length);
            return ` ${name} | ${data} `;
          })
          .join('\n') + '\n';
    });
  }
  if (vertical && cells.length === 0) sb += '(0 rows)\n';
  else if (hasMoreData) sb += `only showing top ${numRows} ${numRows === 1 ? 'row' : 'rows'}\n`;
  return sb;
}

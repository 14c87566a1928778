// The baseline every batch figure is measured against: "L_tuned" of ../shared/notes/perf-anchors.md,
// the fastest plain JavaScript we know for the pipeline (one pass over the text, indexOf/charCodeAt,
// no per-row arrays).
import { readFileSync } from 'node:fs';
import type { Counts } from './keyValueCsv';

/** Counts the rows with value > 50 by key in a file written by generateKeyValueCsv. */
export function tunedHandLoop(path: string, options: { header: boolean }): Counts {
  const text = readFileSync(path, 'utf8');
  const counts: Counts = new Map();
  let start = options.header ? text.indexOf('\n') + 1 : 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const comma1 = text.indexOf(',', start);
    const comma2 = text.indexOf(',', comma1 + 1);
    let value = 0;
    for (let i = comma2 + 1; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
    if (value > 50) {
      const key = text.slice(comma1 + 1, comma2);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    start = end + 1;
  }
  return counts;
}

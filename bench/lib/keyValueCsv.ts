// The input both batch benchmarks read: `id,key,value` rows, as in ../shared/notes/perf-anchors.md.
import { closeSync, openSync, writeSync } from 'node:fs';

/** How many distinct keys the rows spread over. */
export const KEYS = 1000;

/** What each batch pipeline computes: rows with value > 50, counted by key. */
export type Counts = Map<string, number>;

/**
 * Writes `rows` rows `id,keyN,value` (value 0–99) with a fixed-seed generator, so every run and every
 * method reads the same bytes. Written in 1 MB chunks: the 2M-row file is 38 MB.
 */
export function generateKeyValueCsv(path: string, rows: number, options: { header: boolean }): void {
  const fd = openSync(path, 'w');
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  let chunk = options.header ? 'id,key,value\n' : '';
  for (let id = 0; id < rows; id++) {
    chunk += `${id},key${Math.floor(random() * KEYS)},${Math.floor(random() * 100)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

// Reading a job's result as rows: a Spark output folder (`part-*` files, committed by `_SUCCESS`) or a
// single file. Rows keep the order the files hold them in; comparisons ignore it (Spark defines no order
// across partitions).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rows of the output at `path`, or undefined when there is none yet: no such path, or a folder the
 * writer has not committed (no `_SUCCESS`, nor a streaming file sink's `_spark_metadata` log). Part files are read in name order; names starting with `.`
 * or `_` are bookkeeping (checksums, markers, temp files), not data.
 */
export function readOutputRows(path: string): string[] | undefined {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return undefined;
  }
  try {
    if (!isFolder) return rowsOf(readFileSync(path, 'utf8'));
    const names = readdirSync(path);
    // A batch write commits with _SUCCESS; a streaming file sink with its _spark_metadata log.
    if (!names.includes('_SUCCESS') && !names.includes('_spark_metadata')) return undefined;
    return names
      .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
      .sort()
      .flatMap((name) => rowsOf(readFileSync(join(path, name), 'utf8')));
  } catch (error) {
    // The writer replaced the folder while we listed it (a stream overwrites its result every batch).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function rowsOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

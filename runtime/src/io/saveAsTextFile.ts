import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pythonStr } from '../pythonRepr';
import { displayPath, toLocalPath } from './inputPaths';

export interface SaveAsTextFileOptions {
  /** Replace an existing output directory (Spark refuses; PySpark users delete it first). */
  readonly overwrite?: boolean;
}

/**
 * Writes partitions as Spark's text output directory: `part-00000`, `part-00001`, … (one per partition,
 * empty partitions included, one element per line in Python's `str()` form) and an empty `_SUCCESS`.
 *
 * Nobody ever sees a half-written directory: parts are written (and fsynced) into a hidden temporary
 * sibling directory, which is renamed to the target only when every part is complete; on failure the
 * temporary directory is removed and nothing appears. With `overwrite`, the old directory is moved
 * aside first and deleted after the new one is in place.
 */
export function saveAsTextFiles<T>(
  path: string,
  numPartitions: number,
  computePartition: (partition: number, sink: (value: T) => void) => void,
  options: SaveAsTextFileOptions = {},
): void {
  const target = toLocalPath(path);
  if (existsSync(target) && !options.overwrite) {
    throw new Error(`Output directory ${displayPath(target)} already exists`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const temporary = join(parent, `.${basename(target)}.${unique}.tmp`);
  mkdirSync(temporary);
  try {
    for (let partition = 0; partition < numPartitions; partition++) {
      writePartFile(join(temporary, partFileName(partition)), (sink) => computePartition(partition, sink));
    }
    closeSync(openSync(join(temporary, '_SUCCESS'), 'w'));
    if (existsSync(target)) {
      const aside = join(parent, `.${basename(target)}.${unique}.old`);
      renameSync(target, aside);
      renameSync(temporary, target);
      rmSync(aside, { recursive: true, force: true });
    } else {
      renameSync(temporary, target);
    }
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Hadoop's name for the output of partition `index`: `part-00000`. */
export function partFileName(index: number): string {
  return `part-${String(index).padStart(5, '0')}`;
}

/** Buffer size before a write: big enough to amortise syscalls, small enough to never matter. */
const WRITE_BUFFER_CHARS = 1 << 16;

function writePartFile<T>(file: string, produce: (sink: (value: T) => void) => void): void {
  const fd = openSync(file, 'w');
  try {
    let pending = '';
    produce((value) => {
      pending += pythonStr(value) + '\n';
      if (pending.length >= WRITE_BUFFER_CHARS) {
        writeSync(fd, pending);
        pending = '';
      }
    });
    if (pending.length > 0) writeSync(fd, pending);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

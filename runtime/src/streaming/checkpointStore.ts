import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The file, inside the checkpoint directory, that holds a streaming context's checkpoint. */
export const checkpointFileName = 'streaming-checkpoint.json';

/** What one checkpoint write cost. */
export interface CheckpointWriteStats {
  readonly bytes: number;
  /** Whole write: serialise is not included; open + write + fsync + rename + directory fsync. */
  readonly writeMs: number;
  /** The part spent in the two fsyncs (file, then directory). */
  readonly fsyncMs: number;
}

/**
 * Keeps a streaming checkpoint in one file and replaces it atomically: the new content is written to a
 * temporary file, flushed to disk (fsync), renamed over the old file, and the directory entry is flushed
 * too. A crash at any point leaves either the previous checkpoint or the new one — never a torn file.
 */
export class CheckpointStore {
  readonly path: string;
  private readonly tempPath: string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly directory: string) {
    this.path = join(directory, checkpointFileName);
    this.tempPath = join(directory, `.${checkpointFileName}.${process.pid}.tmp`);
  }

  /** True when `directory` holds a checkpoint. */
  static existsIn(directory: string): boolean {
    return existsSync(join(directory, checkpointFileName));
  }

  /** Reads and parses the checkpoint (synchronously: getOrCreate is synchronous, as in PySpark). */
  read(): unknown {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read checkpoint ${this.path}: ${(error as Error).message}`, { cause: error });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`Checkpoint ${this.path} is corrupt: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Replaces the checkpoint with `content` (JSON text). Writes are queued, never interleaved. */
  write(content: string): Promise<CheckpointWriteStats> {
    const result = this.tail.then(() => this.writeNow(content));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** `write`, synchronously (for the first checkpoint, written while the context starts). */
  writeSync(content: string): void {
    mkdirSync(this.directory, { recursive: true });
    try {
      const fd = openSync(this.tempPath, 'w');
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(this.tempPath, this.path);
      if (process.platform !== 'win32') {
        const dir = openSync(this.directory, 'r');
        try {
          fsyncSync(dir);
        } finally {
          closeSync(dir);
        }
      }
    } catch (error) {
      throw new Error(`Cannot write checkpoint ${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async writeNow(content: string): Promise<CheckpointWriteStats> {
    const started = performance.now();
    let fsyncMs = 0;
    mkdirSync(this.directory, { recursive: true });
    const data = Buffer.from(content, 'utf8');
    try {
      const file = await open(this.tempPath, 'w');
      try {
        await file.writeFile(data);
        const syncStart = performance.now();
        await file.sync();
        fsyncMs += performance.now() - syncStart;
      } finally {
        await file.close();
      }
      await rename(this.tempPath, this.path);
      fsyncMs += await syncDirectory(this.directory);
    } catch (error) {
      throw new Error(`Cannot write checkpoint ${this.path}: ${(error as Error).message}`, { cause: error });
    }
    return { bytes: data.length, writeMs: performance.now() - started, fsyncMs };
  }
}

/** Flushes a directory's entries so the rename itself survives a power loss; returns the time it took. */
async function syncDirectory(directory: string): Promise<number> {
  // Windows cannot open a directory for fsync; the rename is as durable as that platform allows.
  if (process.platform === 'win32') return 0;
  const start = performance.now();
  const dir = await open(directory, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return performance.now() - start;
}

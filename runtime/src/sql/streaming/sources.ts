// Streaming sources: the plan leaf of a streaming DataFrame, and the sources behind it — files
// landing in a directory (csv/json/text) and the rate source. A source decides what the next
// micro-batch reads (its "offset") and reads it; the query records offsets in the checkpoint.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { displayPath, isHiddenName, toLocalPath } from '../../io/inputPaths';
import { csvOptions, lookup, OptionValue, parseMode } from '../csvOptions';
import { CsvScan, Plan } from '../plan';
import { executePlan } from '../execute';
import { readJsonLines } from '../json';
import { readText } from '../csv';
import { StructType } from '../types';

/** What one micro-batch reads from a source, as recorded in the checkpoint. */
export interface SourceOffset {
  /** File sources: the files of the batch. */
  files?: { path: string; mtimeMs: number }[];
  /** Rate source: the range of row numbers [start, end) and the batch time. */
  start?: number;
  end?: number;
  timeMs?: number;
  /** Several sources read together: each source's part (null when it had no new input). */
  parts?: (SourceOffset | null)[];
}

export interface MicroBatchSource {
  readonly description: string;
  /** The next batch's input, or null when there is no new data. */
  nextOffset(): SourceOffset | null;
  /** Rows of a batch (also used to re-run a batch recorded in the checkpoint). */
  read(offset: SourceOffset): unknown[][];
  /** Called once the batch is committed (cleanSource). */
  commit(offset: SourceOffset): void;
  /** Marks input as already processed (restart from a checkpoint). */
  restore(offset: SourceOffset): void;
  /** Directory to watch for new input, if any. */
  readonly watchDir?: string;
  /** True while input was seen but deferred (a file still being written). */
  readonly hasPending?: boolean;
  stop(): void;
}

/** Leaf of a streaming plan: rows come from the running query, one micro-batch at a time. */
export class StreamSourcePlan extends Plan {
  /** @param createSource makes a fresh source per started query (each query tracks its own input). */
  constructor(
    readonly schema: StructType,
    readonly createSource: () => MicroBatchSource,
  ) {
    super();
  }
  children(): Plan[] {
    return [];
  }
  override get isStreaming(): boolean {
    return true;
  }
}

export type SourceOptions = Record<string, OptionValue>;

const DAY_MS = 86_400_000;

/**
 * Files in a directory, as Spark's FileStreamSource: every file present at the first batch, then new
 * ones, oldest modification time first (latestFirst reverses), at most maxFilesPerTrigger per batch;
 * names starting with "." or "_" are ignored; a file still growing is left for a later batch.
 */
export class FileStreamSource implements MicroBatchSource {
  readonly description: string;
  readonly watchDir: string;
  private readonly seen = new Map<string, number>();
  private readonly sizes = new Map<string, number>();
  private readonly maxFiles: number;
  private readonly latestFirst: boolean;
  private readonly fileNameOnly: boolean;
  private readonly maxFileAgeMs: number;
  private readonly cleanSource: 'off' | 'archive' | 'delete';
  private readonly archiveDir: string | undefined;
  private latestMtime = 0;
  hasPending = false;

  constructor(
    readonly format: 'csv' | 'json' | 'text',
    path: string,
    readonly schema: StructType,
    private readonly options: SourceOptions,
  ) {
    this.watchDir = toLocalPath(path);
    this.description = `FileStreamSource[${displayPath(this.watchDir)}]`;
    const get = (k: string): OptionValue | undefined => lookup(options, k);
    const maxFiles = get('maxFilesPerTrigger');
    this.maxFiles = maxFiles === undefined ? Infinity : Number(maxFiles);
    if (!(this.maxFiles > 0))
      throw new Error(
        `Invalid value '${maxFiles}' for option 'maxFilesPerTrigger', must be a positive integer`,
      );
    this.latestFirst = String(get('latestFirst') ?? 'false').toLowerCase() === 'true';
    this.fileNameOnly = String(get('fileNameOnly') ?? 'false').toLowerCase() === 'true';
    const age = get('maxFileAge');
    this.maxFileAgeMs = age === undefined ? 7 * DAY_MS : parseAge(String(age));
    const clean = String(get('cleanSource') ?? 'off').toLowerCase();
    if (clean !== 'off' && clean !== 'archive' && clean !== 'delete')
      throw new Error(
        `Invalid mode for clean source option ${clean}. Must be one of 'archive', 'delete', 'off'.`,
      );
    this.cleanSource = clean;
    const archive = get('sourceArchiveDir');
    this.archiveDir = archive === undefined ? undefined : toLocalPath(String(archive));
    if (clean === 'archive' && this.archiveDir === undefined)
      throw new Error("Archive mode must be used with 'sourceArchiveDir' option.");
    if (this.archiveDir && !relative(this.watchDir, this.archiveDir).startsWith('..'))
      throw new Error(
        'Source archive directory must not be placed under the source directory (it would be read again).',
      );
  }

  private key(path: string): string {
    return this.fileNameOnly ? basename(path) : path;
  }

  nextOffset(): SourceOffset | null {
    this.hasPending = false;
    if (!existsSync(this.watchDir)) return null;
    const candidates: { path: string; mtimeMs: number }[] = [];
    let deferredNewest = 0;
    for (const name of readdirSync(this.watchDir)) {
      if (isHiddenName(name)) continue;
      const path = join(this.watchDir, name);
      if (this.seen.has(this.key(path))) continue;
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      // A file copied in place (not renamed) may still be growing: take it once its size is stable.
      const before = this.sizes.get(path);
      this.sizes.set(path, st.size);
      // Deferred files still count as "the newest file" for maxFileAge.
      deferredNewest = Math.max(deferredNewest, st.mtimeMs);
      if (before !== st.size && Date.now() - st.mtimeMs < 50) {
        this.hasPending = true;
        continue;
      }
      candidates.push({ path, mtimeMs: st.mtimeMs });
    }
    const newest = Math.max(this.latestMtime, deferredNewest, ...candidates.map((c) => c.mtimeMs));
    // As Spark: every file is valid for the first batch, and maxFileAge is ignored when latestFirst
    // is combined with maxFilesPerTrigger.
    const ignoreAge = this.seen.size === 0 || (this.latestFirst && this.maxFiles !== Infinity);
    const fresh = candidates.filter((c) => ignoreAge || c.mtimeMs >= newest - this.maxFileAgeMs);
    fresh.sort((a, b) => (a.mtimeMs - b.mtimeMs) * (this.latestFirst ? -1 : 1) || (a.path < b.path ? -1 : 1));
    const files = fresh.slice(0, this.maxFiles);
    if (files.length === 0) return null;
    for (const f of files) this.restoreFile(f);
    return { files };
  }

  private restoreFile(f: { path: string; mtimeMs: number }): void {
    this.seen.set(this.key(f.path), f.mtimeMs);
    this.sizes.delete(f.path);
    this.latestMtime = Math.max(this.latestMtime, f.mtimeMs);
  }

  restore(offset: SourceOffset): void {
    for (const f of offset.files ?? []) this.restoreFile(f);
  }

  read(offset: SourceOffset): unknown[][] {
    const files = (offset.files ?? []).map((f) => f.path).filter((p) => existsSync(p));
    if (files.length === 0) return [];
    if (this.format === 'csv') return executePlan(new CsvScan(this.schema, files, csvOptions(this.options)));
    if (this.format === 'json') {
      const tf = lookup(this.options, 'timestampFormat');
      return readJsonLines(files, this.schema, {
        mode: parseMode(lookup(this.options, 'mode')),
        corrupt: String(lookup(this.options, 'columnNameOfCorruptRecord') ?? '_corrupt_record'),
        timestampFormat: tf === undefined ? undefined : String(tf),
      });
    }
    const rows: unknown[][] = [];
    for (const f of files) {
      const text = readText(f);
      if (text === '') continue;
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const l of lines) rows.push([l.endsWith('\r') ? l.slice(0, -1) : l]);
    }
    return rows;
  }

  commit(offset: SourceOffset): void {
    if (this.cleanSource === 'off') return;
    for (const f of offset.files ?? []) {
      if (!existsSync(f.path)) continue;
      if (this.cleanSource === 'delete') rmSync(f.path, { force: true });
      else {
        const dest = join(this.archiveDir!, relative('/', f.path));
        mkdirSync(join(dest, '..'), { recursive: true });
        renameSync(f.path, dest);
      }
    }
  }

  stop(): void {}
}

function parseAge(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|h|d|w)?\s*$/i.exec(text);
  if (!m) throw new Error(`Invalid maxFileAge "${text}" (use e.g. 7d, 12h, 30m)`);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
  return Number(m[1]) * unit[(m[2] ?? 'ms').toLowerCase()];
}

/** format("rate"): `rowsPerSecond` rows per second with columns timestamp and value (0, 1, 2, …). */
export class RateSource implements MicroBatchSource {
  readonly description: string;
  private readonly rowsPerSecond: number;
  private readonly startMs = Date.now();
  private next = 0;

  constructor(options: SourceOptions) {
    this.rowsPerSecond = Number(lookup(options, 'rowsPerSecond') ?? 1);
    if (!(this.rowsPerSecond > 0))
      throw new Error(`Invalid value '${this.rowsPerSecond}'. The option 'rowsPerSecond' must be positive`);
    this.description = `RateStreamV2[rowsPerSecond=${this.rowsPerSecond}, rampUpTimeSeconds=0, numPartitions=default`;
  }

  nextOffset(): SourceOffset | null {
    const now = Date.now();
    const end = Math.floor(((now - this.startMs) / 1000) * this.rowsPerSecond);
    if (end <= this.next) return null;
    const offset = { start: this.next, end, timeMs: now };
    this.next = end;
    return offset;
  }

  read(offset: SourceOffset): unknown[][] {
    const rows: unknown[][] = [];
    for (let v = offset.start!; v < offset.end!; v++)
      rows.push([this.startMs + Math.floor((v * 1000) / this.rowsPerSecond), v]);
    return rows;
  }

  commit(): void {}
  restore(offset: SourceOffset): void {
    this.next = Math.max(this.next, offset.end ?? 0);
  }
  stop(): void {}
}

export { DAY_MS };

import { toLocalPath } from '../io/inputPaths';
import { RDD } from '../rdd';
import type { SparkContext } from '../sparkContext';
import { NewFileFinder, type FoundFile } from './newFileFinder';
import type { CapturedInput, InputOperator } from './streamOperator';
import { readTextFileLines } from './textFileLines';

/** Options of `textFileStream` (Python keyword arguments style). */
export interface TextFileStreamOptions {
  /**
   * Seconds a file must have gone unmodified before it is read (the wait that protects against reading a
   * file still being copied in). Default 0.05. Files moved in atomically after being written are read at
   * once whatever this is, since their modification time is already old enough.
   */
  readonly stableSeconds?: number;
  /** Seconds between full directory listings (a safety net for lost file-system events). Default 1. */
  readonly rescanSeconds?: number;
}

export const defaultStableSeconds = 0.05;
export const defaultRescanSeconds = 1;

/**
 * `textFileStream(directory)`: each batch gets the lines of the files that appeared in the directory
 * since the previous batch (one partition per file, as Spark's new-Hadoop-API file RDDs have for small
 * files). See NewFileFinder for which files count.
 */
export class FileInputOperator implements InputOperator<string> {
  readonly kind = 'textFileStream';
  readonly name = 'textFileStream';
  readonly signature: string;
  readonly parents = [];
  readonly mustCheckpoint = false;
  readonly parentRememberExtraMs = 0;
  readonly readsParentHistory = false;
  readonly readsOwnHistory = false;
  private readonly finder: NewFileFinder;
  private readonly claimed = new Map<number, FoundFile[]>();
  private readonly loaded = new Map<number, string[][]>();

  constructor(
    private readonly sc: SparkContext,
    readonly directory: string,
    readonly slideMs: number,
    options: TextFileStreamOptions = {},
  ) {
    this.signature = `textFileStream(${directory})`;
    const stableSeconds = options.stableSeconds ?? defaultStableSeconds;
    if (!(stableSeconds >= 0))
      throw new RangeError(`textFileStream: stableSeconds must be >= 0, got ${stableSeconds}`);
    const rescanSeconds = options.rescanSeconds ?? defaultRescanSeconds;
    if (!(rescanSeconds >= 0))
      throw new RangeError(`textFileStream: rescanSeconds must be >= 0, got ${rescanSeconds}`);
    // `file:` URIs are local paths, as in Spark; other schemes (hdfs://, s3a://) are refused here.
    this.finder = new NewFileFinder(toLocalPath(directory), {
      stableMs: stableSeconds * 1000,
      rescanMs: rescanSeconds * 1000,
    });
  }

  start(restoredState: unknown): void {
    this.finder.start(restoredState as Record<string, number> | undefined);
  }

  async capture(): Promise<CapturedInput> {
    const files = this.finder.findNewFiles();
    return { payload: files, nonEmpty: files.length > 0 };
  }

  commit(time: number, payload: unknown): void {
    const files = payload as FoundFile[];
    this.finder.markSeen(files);
    this.claimed.set(time, files);
  }

  async load(time: number): Promise<void> {
    const files = this.claimed.get(time);
    if (!files || this.loaded.has(time)) return;
    const contents: string[][] = [];
    for (const file of files) contents.push(await readTextFileLines(file.path));
    this.loaded.set(time, contents);
  }

  compute(time: number): RDD<string> | undefined {
    if (!this.claimed.has(time)) return undefined;
    const contents = this.loaded.get(time);
    if (!contents) throw new Error(`internal error: textFileStream input of batch ${time} was not loaded`);
    return RDD.fromPartitions(this.sc, contents);
  }

  inputInfo(time: number): { files: string[]; records: number } {
    const files = (this.claimed.get(time) ?? []).map((f) => f.path);
    let records = 0;
    for (const lines of this.loaded.get(time) ?? []) records += lines.length;
    return { files, records };
  }

  sourceState(): Record<string, number> {
    return this.finder.log();
  }

  /** Files seen landing but not yet stable (diagnostics). */
  pendingFiles(): string[] {
    return this.finder.pendingNames();
  }

  hasUntakenData(): boolean {
    return false;
  }

  forget(time: number): void {
    for (const t of [...this.claimed.keys()]) {
      if (t > time) continue;
      this.claimed.delete(t);
      this.loaded.delete(t);
    }
  }

  stop(): void {
    this.finder.close();
  }
}

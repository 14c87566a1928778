import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** A file the finder handed out for processing. */
export interface FoundFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface NewFileFinderOptions {
  /**
   * How long a file must have gone unmodified before it is read, so that a file still being copied in
   * (non-atomically) is never read half-written. Measured against the file's modification time, so a file
   * that was written earlier and then moved in atomically is read at once.
   */
  readonly stableMs: number;
  /** How often the whole directory is listed, as a safety net for file-system events that got lost. */
  readonly rescanMs: number;
  /** Wall-clock source (file times are wall-clock times, whatever clock drives the batches). */
  readonly wallClock?: () => number;
}

/**
 * Finds the files that appear in one directory, for `textFileStream`.
 *
 * Rules (Spark's, where Spark has one): a file is handed out once, when its name appears; a name already
 * seen (handed out, or present when the stream started) is not read again when the file is appended to or
 * rewritten, as Spark's FileInputDStream ignores updates to files it has selected ("if the files are being
 * continuously appended, the new data will not be read"). Only once the file is deleted does its name
 * leave the log, so a file landing later under that name is new. Names starting with `.` or `_` are
 * ignored (Hadoop's hidden-file rule, which also hides in-progress temp files); subdirectories are not
 * read.
 *
 * Discovery uses file-system events (`fs.watch`, inotify on Linux) to know which names changed, so a batch
 * does not list a large directory; because such events can be lost (queue overflow, network file systems),
 * the directory is also listed in full every `rescanMs`. The log of files seen (name → modification time)
 * is what a checkpoint keeps, so that after a restart nothing is handed out twice and nothing is skipped.
 */
export class NewFileFinder {
  private readonly seen = new Map<string, number>();
  /** Names to look at on the next call: changed according to events, or not yet stable. */
  private readonly candidates = new Set<string>();
  private watcher: FSWatcher | undefined;
  private watcherFailed = false;
  private lastRescanMs = -Infinity;
  private readonly wallClock: () => number;

  constructor(
    readonly directory: string,
    private readonly options: NewFileFinderOptions,
  ) {
    this.wallClock = options.wallClock ?? Date.now;
  }

  /**
   * Starts watching. Without `restoredLog` (a fresh start) every file present now is ignored; with it (a
   * restart from a checkpoint) exactly the files in the log count as seen, so files that arrived while the
   * job was down are picked up.
   */
  start(restoredLog?: Readonly<Record<string, number>>): void {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(this.directory).isDirectory();
    } catch (error) {
      throw new Error(
        `textFileStream: cannot read directory ${this.directory}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (!isDirectory) throw new Error(`textFileStream: ${this.directory} is not a directory`);
    // Watch before listing, so a file landing in between is not missed.
    this.startWatcher();
    if (restoredLog) {
      for (const [name, mtimeMs] of Object.entries(restoredLog)) this.seen.set(name, mtimeMs);
      this.lastRescanMs = -Infinity;
    } else {
      // Synchronous, so that start() can report a bad directory to its caller, as PySpark's would.
      let names: string[];
      try {
        names = readdirSync(this.directory, { withFileTypes: true })
          .filter((e) => !e.isDirectory() && !isHiddenName(e.name))
          .map((e) => e.name);
      } catch (error) {
        throw new Error(
          `textFileStream: cannot list directory ${this.directory}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      for (const name of names) {
        try {
          const info = statSync(join(this.directory, name));
          if (info.isFile()) this.seen.set(name, info.mtimeMs);
        } catch {
          // Gone between listing and stat: it was not present at start after all.
        }
      }
      this.lastRescanMs = this.wallClock();
    }
  }

  /** The log of files seen (handed out, or ignored at start), for a checkpoint. */
  log(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }

  /** Logs files as seen (a batch claimed them); done by the caller together with recording the claim. */
  markSeen(files: readonly FoundFile[]): void {
    for (const f of files) this.seen.set(f.name, f.mtimeMs);
  }

  /**
   * Returns the files that appeared since the last call and are stable, oldest first. They are not logged
   * until `markSeen`: the caller records a batch's claim and the log in one step, so a checkpoint taken
   * in between can never contain one without the other.
   */
  findNewFiles(): FoundFile[] {
    const now = this.wallClock();
    if (this.watcherFailed || now - this.lastRescanMs >= this.options.rescanMs) this.rescan(now);
    const found: FoundFile[] = [];
    for (const name of [...this.candidates].sort()) {
      if (isHiddenName(name)) {
        this.candidates.delete(name);
        continue;
      }
      const info = this.statOrUndefined(name);
      // Gone (deleted, or renamed away): its name leaves the log, so a file landing later under it is new.
      if (!info) this.seen.delete(name);
      if (!info || !info.isFile || this.seen.has(name)) {
        this.candidates.delete(name);
        continue;
      }
      // Date.now() has whole milliseconds and file times finer ones: compare at millisecond precision.
      if (now - Math.floor(info.mtimeMs) < this.options.stableMs) continue; // still being written: look again later
      this.candidates.delete(name);
      found.push({ name, path: join(this.directory, name), size: info.size, mtimeMs: info.mtimeMs });
    }
    return found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Names waiting to become stable (for diagnostics and tests). */
  pendingNames(): string[] {
    return [...this.candidates].filter((n) => !isHiddenName(n)).sort();
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private startWatcher(): void {
    try {
      this.watcher = watch(this.directory, { persistent: false }, (_event, filename) => {
        // Without a name the event cannot be attributed: fall back to a full listing.
        if (filename) this.candidates.add(filename.toString());
        else this.lastRescanMs = -Infinity;
      });
      this.watcher.on('error', () => {
        this.watcherFailed = true;
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // Some file systems cannot be watched; listing every batch still finds every file.
      this.watcherFailed = true;
    }
  }

  private rescan(now: number): void {
    const names = this.listNames();
    const present = new Set(names);
    // Names not yet seen are looked at (their event may be the one that got lost); a seen name is not
    // read again, whatever happened to the file since.
    for (const name of names) if (!this.seen.has(name)) this.candidates.add(name);
    // A file that was deleted leaves the log, so the log does not grow without bound; if a file of that
    // name lands again later it is a new file.
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
    this.lastRescanMs = now;
  }

  // Listing and stat are synchronous on purpose: a stat costs microseconds, and awaiting hundreds of them
  // one by one at a batch boundary cost more in scheduling than the calls themselves.
  private listNames(): string[] {
    try {
      const entries = readdirSync(this.directory, { withFileTypes: true });
      return entries.filter((e) => !e.isDirectory() && !isHiddenName(e.name)).map((e) => e.name);
    } catch (error) {
      throw new Error(
        `textFileStream: cannot list directory ${this.directory}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  private statOrUndefined(name: string): { isFile: boolean; size: number; mtimeMs: number } | undefined {
    const path = join(this.directory, name);
    try {
      const s = statSync(path);
      return { isFile: s.isFile(), size: s.size, mtimeMs: s.mtimeMs };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Gone again (a temp file renamed away, a deleted file): nothing to read.
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new Error(`textFileStream: cannot read file ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** Hadoop's hidden-file rule: `.name` and `_name` are not data (temp files, `_SUCCESS`, `_temporary`). */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

// Everything the run panel does for one batch job and its stream job, without VS Code: running both,
// feeding, reset, and the equivalence check after each micro-batch. The VS Code adapter
// (runPanelController.ts) supplies the job runner, dialogs and the webview; the host tests drive this
// class through the extension's test API.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { feedFileAtomically } from './atomicFeed';
import { defaultFeedFolderName, feedStatus, listFeedFiles, nextToFeed, watchedFileNames } from './feedFolder';
import { resetStreamFolders } from './folderReset';
import { batchJobPaths, streamJobPaths, type BatchJobPaths } from './jobPaths';
import { initialPanelState, reducePanel, type PanelEvent } from './panelState';
import type { PanelState, WebviewMessage } from './protocol';
import { compareResults, resultTable } from './resultComparison';
import { readResultLines } from './resultFiles';
import { isInside } from './safePaths';
import { SubsetUnsupportedError, prepareSubsetFolder } from './subsetInput';
import type { Pipeline } from '../convert/api';

export interface JobRunRequest {
  readonly jobPath: string;
  readonly mode: 'batch' | 'stream';
  /** Folder the job runs in (batch runs of the panel: a scratch copy). */
  readonly runIn?: string;
  /** Stream runs: the runtime's progress records as they arrive. */
  readonly onRecords?: (records: readonly unknown[]) => void;
}

export interface RunningJob {
  /** Exit code; 0 also when the job was stopped on request. */
  readonly done: Promise<number>;
  /** The job's recent output (for the error shown when it fails). */
  outputTail(): string;
  stop(): Promise<void>;
}

export interface RunPanelPorts {
  runJob(request: JobRunRequest): RunningJob;
  /** The converter's pipelines of a batch job (undefined when it cannot be read). */
  detect(jobPath: string, text: string): readonly Pipeline[] | undefined;
  /** Private folder for the scratch copies (the extension's storage). */
  readonly scratchRoot: string;
  readonly settings: () => {
    readonly inputFolder: string;
    readonly checkpointFolder: string;
    readonly newFileSuffix: string;
    readonly autoFeedIntervalSeconds: number;
  };
  /** The stream job beside a batch job (the conversion's new file). */
  streamJobFor(batchPath: string): string;
  onState(state: PanelState): void;
  log(message: string): void;
}

export class RunPanelSession {
  private stateValue: PanelState;
  private feedDir: string;
  private stream: RunningJob | undefined;
  private stopRequested = false;
  /** Fed files the stream has read (from its progress records), by name. */
  private consumed = new Set<string>();
  private batchQueue: Promise<unknown> = Promise.resolve();
  private checkPending = false;
  private checking: Promise<void> | undefined;
  private fullRunLines: string[] | undefined;
  private autoFeedTimer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(
    readonly batchPath: string,
    private readonly ports: RunPanelPorts,
    restored?: PanelState,
  ) {
    this.feedDir = join(dirname(batchPath), defaultFeedFolderName);
    const initial = initialPanelState(batchPath, ports.settings().autoFeedIntervalSeconds);
    // A restored view keeps its tables; nothing can still be running after a reload.
    this.stateValue = restored
      ? {
          ...restored,
          batch: restored.batch.status === 'running' ? { status: 'idle' } : restored.batch,
          stream: { ...restored.stream, status: 'stopped' },
          feed: { ...restored.feed, autoFeed: { ...restored.feed.autoFeed, enabled: false } },
          equivalence: restored.equivalence.status === 'checking' ? { status: 'none' } : restored.equivalence,
        }
      : initial;
    this.apply({ type: 'streamJob', jobName: this.streamExists() ? basename(this.streamPath) : undefined });
    this.refreshFeed();
  }

  get state(): PanelState {
    return this.stateValue;
  }

  get jobDir(): string {
    return dirname(this.batchPath);
  }

  get streamPath(): string {
    return this.ports.streamJobFor(this.batchPath);
  }

  /** Acts on a message from the webview (reset and folder picking need dialogs: see the controller). */
  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.refreshFeed();
        return;
      case 'runBatch':
        await this.runBatch();
        return;
      case 'startStream':
        await this.startStream();
        return;
      case 'stopStream':
        await this.stopStream();
        return;
      case 'feedNext':
        this.feedNext();
        return;
      case 'feedAll':
        this.feedAll();
        return;
      case 'autoFeed':
        this.setAutoFeed(message.enabled, message.seconds);
        return;
      case 'pickFeedFolder':
      case 'reset':
        return;
    }
  }

  /** Runs the batch job on its own input, in a scratch copy (the stream writes to the same output path). */
  async runBatch(): Promise<void> {
    this.apply({ type: 'batchStarted' });
    const started = Date.now();
    try {
      const paths = this.batchPaths();
      const lines = await this.runBatchIn('full', undefined, paths);
      this.fullRunLines = lines;
      // Lines of the input file (or of the files of an input folder): Spark's input records.
      const inputRows = paths.input ? readResultLines(join(this.jobDir, paths.input))?.length : undefined;
      this.apply({
        type: 'batchFinished',
        durationMs: Date.now() - started,
        ...(inputRows !== undefined ? { inputRows } : {}),
        outputRows: lines.length,
        result: resultTable(lines),
      });
    } catch (error) {
      this.fullRunLines = undefined;
      this.apply({ type: 'batchFailed', error: messageOf(error), durationMs: Date.now() - started });
    }
    this.requestCheck();
  }

  async startStream(): Promise<void> {
    if (this.stream) return;
    if (!this.streamExists()) {
      this.apply({
        type: 'streamStatus',
        status: 'failed',
        error: `There is no stream job ${basename(this.streamPath)} beside ${basename(this.batchPath)} yet: convert the batch job first (Streamshift: Convert to Streaming).`,
      });
      return;
    }
    this.apply({ type: 'streamJob', jobName: basename(this.streamPath) });
    this.apply({ type: 'streamStatus', status: 'starting' });
    this.stopRequested = false;
    const watchedBefore = watchedFileNames(this.watchedDir());
    const running = this.ports.runJob({
      jobPath: this.streamPath,
      mode: 'stream',
      onRecords: (records) => this.onStreamRecords(records, watchedBefore),
    });
    this.stream = running;
    const code = await running.done;
    this.stream = undefined;
    if (this.disposed) return;
    if (code === 0 || this.stopRequested) this.apply({ type: 'streamStatus', status: 'stopped' });
    else {
      this.apply({
        type: 'streamStatus',
        status: 'failed',
        error: lastLines(running.outputTail()) || `the stream job exited with code ${code}`,
      });
    }
  }

  async stopStream(): Promise<void> {
    if (!this.stream) return;
    this.stopRequested = true;
    this.apply({ type: 'streamStatus', status: 'stopping' });
    await this.stream.stop();
  }

  /** Places the next unfed sample file; false when every file is fed already. */
  feedNext(): boolean {
    const next = nextToFeed(this.stateValue.feed.files);
    if (!next) return false;
    return this.feed(next);
  }

  feedAll(): number {
    let fed = 0;
    while (this.feedNext()) fed++;
    return fed;
  }

  setAutoFeed(enabled: boolean, seconds: number): void {
    if (this.autoFeedTimer) clearInterval(this.autoFeedTimer);
    this.autoFeedTimer = undefined;
    this.apply({ type: 'autoFeed', enabled, seconds });
    if (!enabled) return;
    const tick = () => {
      if (!this.feedNext()) this.setAutoFeed(false, seconds);
    };
    this.autoFeedTimer = setInterval(tick, seconds * 1000);
    tick();
  }

  /** Feeds from another folder (the user picked it). */
  useFeedFolder(folder: string): void {
    this.feedDir = resolve(folder);
    this.refreshFeed();
  }

  /** Stops the stream, then empties the watched folder and removes the checkpoint and the outputs. */
  async reset(): Promise<string[]> {
    this.setAutoFeed(false, this.stateValue.feed.autoFeed.seconds);
    await this.stopStream();
    const removed = resetStreamFolders({
      jobDir: this.jobDir,
      watchedFolder: this.watchedFolder(),
      checkpointFolder: this.checkpointFolder(),
      outputPaths: this.batchPaths().outputs,
    });
    this.consumed.clear();
    this.apply({ type: 'reset' });
    this.refreshFeed();
    this.ports.log(`run panel reset: removed ${removed.length} path(s) under ${this.jobDir}`);
    return removed;
  }

  dispose(): void {
    this.disposed = true;
    if (this.autoFeedTimer) clearInterval(this.autoFeedTimer);
    void this.stream?.stop();
  }

  private feed(name: string): boolean {
    try {
      feedFileAtomically({
        sourcePath: join(this.feedDir, name),
        jobDir: this.jobDir,
        watchedFolder: this.watchedFolder(),
        name,
      });
      this.apply({ type: 'feedError', error: undefined });
      this.ports.log(`fed ${name} to ${this.watchedFolder()}`);
      this.refreshFeed();
      return true;
    } catch (error) {
      this.apply({ type: 'feedError', error: `Could not feed ${name}: ${messageOf(error)}` });
      return false;
    }
  }

  refreshFeed(): void {
    const names = listFeedFiles(this.feedDir);
    const rel = relative(this.jobDir, this.feedDir);
    this.apply({
      type: 'feed',
      folder: isInside(this.jobDir, this.feedDir) ? rel.split('\\').join('/') || '.' : this.feedDir,
      watched: this.watchedFolder(),
      files: feedStatus(names, watchedFileNames(this.watchedDir())),
    });
  }

  private onStreamRecords(records: readonly unknown[], watchedAtStart: ReadonlySet<string>): void {
    let batchDone = false;
    for (const record of records) {
      const r = record as { type?: unknown; recovered?: unknown; inputFiles?: unknown; error?: unknown };
      if (r.type === 'streamingStarted') {
        // Recovered from a checkpoint: the files fed before were read by the earlier run.
        if (r.recovered === true) for (const name of watchedAtStart) this.consumed.add(name);
        this.apply({ type: 'streamStatus', status: 'running' });
      }
      if (r.type === 'batchCompleted') {
        batchDone = true;
        if (Array.isArray(r.inputFiles)) {
          for (const file of r.inputFiles) if (typeof file === 'string') this.consumed.add(basename(file));
        }
      }
      this.apply({ type: 'streamRecord', record });
    }
    if (!batchDone) return;
    const output = this.batchPaths().outputs[0];
    const lines = output ? readResultLines(join(this.jobDir, output)) : undefined;
    this.apply({ type: 'streamResult', result: lines ? resultTable(lines) : undefined });
    this.requestCheck();
  }

  /** Coalesces checks: a check that is asked for while one runs runs once more afterwards. */
  private requestCheck(): void {
    this.checkPending = true;
    if (this.checking) return;
    const loop = async () => {
      while (this.checkPending && !this.disposed) {
        this.checkPending = false;
        await this.checkEquivalence();
      }
    };
    // Cleared in finally, i.e. always after this assignment, even when the loop has nothing to do.
    this.checking = loop().finally(() => {
      this.checking = undefined;
    });
  }

  /** Resolves once no equivalence check is running or pending (tests, the UI flow). */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  private async checkEquivalence(): Promise<void> {
    const paths = this.batchPaths();
    const output = paths.outputs[0];
    if (!output) {
      this.apply({
        type: 'equivalence',
        equivalence: { status: 'unavailable', message: 'The batch job writes no output file to compare.' },
      });
      return;
    }
    if (this.stateValue.stream.batches.length === 0) return;
    const streamLines = readResultLines(join(this.jobDir, output)) ?? [];
    const feedNames = this.stateValue.feed.files.map((file) => file.name);
    const read = feedNames.filter((name) => this.consumed.has(name));
    const allRead = feedNames.length > 0 && read.length === feedNames.length;
    this.apply({
      type: 'equivalence',
      equivalence: { ...this.stateValue.equivalence, status: 'checking' },
    });
    try {
      let batchLines: string[];
      if (allRead) {
        if (!this.fullRunLines) await this.runBatch();
        if (!this.fullRunLines) throw new Error('the full batch run failed (see the batch side)');
        batchLines = this.fullRunLines;
      } else {
        const files = read.map((name) => join(this.watchedDir(), name));
        batchLines = await this.runBatchIn('fed', files, paths);
      }
      const comparison = compareResults(batchLines, streamLines);
      this.apply({
        type: 'equivalence',
        equivalence: {
          status: comparison.equal ? 'equal' : 'different',
          against: allRead ? 'full-run' : 'fed-files',
          files: read,
          differences: comparison.differences,
        },
      });
    } catch (error) {
      this.apply({
        type: 'equivalence',
        equivalence: {
          status: 'unavailable',
          message:
            error instanceof SubsetUnsupportedError ? error.message : `check failed: ${messageOf(error)}`,
        },
      });
    }
  }

  /** Runs the batch job in a scratch copy (one run at a time) and returns the lines it wrote. */
  private runBatchIn(
    name: 'full' | 'fed',
    files: readonly string[] | undefined,
    paths: BatchJobPaths,
  ): Promise<string[]> {
    const run = async (): Promise<string[]> => {
      const output = paths.outputs[0];
      if (!output) throw new Error(`${basename(this.batchPath)} writes no output file the panel can show`);
      const scratchDir = join(this.ports.scratchRoot, name);
      prepareSubsetFolder({
        jobDir: this.jobDir,
        scratchDir,
        ...(paths.input !== undefined ? { inputPath: paths.input } : {}),
        ...(files ? { files } : {}),
        exclude: [
          this.watchedFolder(),
          relative(this.jobDir, this.feedDir),
          ...paths.outputs,
          this.checkpointFolder(),
        ],
      });
      const job = this.ports.runJob({ jobPath: this.batchPath, mode: 'batch', runIn: scratchDir });
      const code = await job.done;
      if (code !== 0)
        throw new Error(lastLines(job.outputTail()) || `the batch job exited with code ${code}`);
      const lines = readResultLines(join(scratchDir, output));
      if (!lines) throw new Error(`the batch job wrote nothing to ${output}`);
      return lines;
    };
    const result = this.batchQueue.then(run, run);
    this.batchQueue = result.catch(() => undefined);
    return result;
  }

  private batchPaths(): BatchJobPaths {
    const text = readFileSync(this.batchPath, 'utf8');
    const pipelines = this.ports.detect(this.batchPath, text);
    if (!pipelines) throw new Error(`${basename(this.batchPath)} could not be read by the converter`);
    return batchJobPaths(pipelines);
  }

  private watchedFolder(): string {
    const text = this.streamExists() ? readFileSync(this.streamPath, 'utf8') : '';
    return streamJobPaths(text).watched ?? this.ports.settings().inputFolder;
  }

  private checkpointFolder(): string {
    const text = this.streamExists() ? readFileSync(this.streamPath, 'utf8') : '';
    return streamJobPaths(text).checkpoint ?? this.ports.settings().checkpointFolder;
  }

  private watchedDir(): string {
    return resolve(this.jobDir, this.watchedFolder());
  }

  private streamExists(): boolean {
    return existsSync(this.streamPath);
  }

  private apply(event: PanelEvent): void {
    this.stateValue = reducePanel(this.stateValue, event);
    if (!this.disposed) this.ports.onState(this.stateValue);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The last few lines of a job's output: where its error is. */
function lastLines(text: string, count = 6): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

// `npm run demo [sample]`: the whole promise of Streamshift in one terminal run, without VS Code —
// convert the sample's batch job, run it, run the converted stream job while its feed parts arrive one by
// one, and check that the stream's result equals the batch's. Everything runs in a temporary working copy
// of the sample, so the sample folder stays exactly as checked in.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { unifiedDiff } from '../cli/unifiedDiff';
import { convert, detect, type Pipeline } from '../convert/index';
import { formatProblem, problemFromStderr } from '../problemFormat';
import { streamFileNameFor } from '../streamFileName';
import type { DemoConsole } from './demoConsole';
import { runBatchJob, StreamJob, type JobToolchain } from './demoJobs';
import { compareRows, formatDifferences } from './rowComparison';
import { feedParts, readSampleSpec, type SampleSpec } from './sampleSpec';
import { readOutputRows } from './sparkOutput';
import type { StreamEvent } from './streamProgress';
import { colourDiff } from './terminalStyle';

export interface DemoTimeouts {
  /** The batch job, from bundling to its exit. */
  readonly batchJobMs: number;
  /** The stream job, from bundling to its first micro-batch. */
  readonly streamStartMs: number;
  /** Each feed part, from landing in the watched folder to the end of the micro-batch that read it. */
  readonly perPartMs: number;
  /** Graceful stop of the stream job before it is killed. */
  readonly stopGraceMs: number;
}

export const defaultTimeouts: DemoTimeouts = {
  batchJobMs: 120_000,
  streamStartMs: 60_000,
  perPartMs: 60_000,
  stopGraceMs: 15_000,
};

export interface DemoOptions {
  readonly sampleDir: string;
  readonly toolchain: JobToolchain;
  readonly console: DemoConsole;
  /** Keep the working copy instead of removing it (its path is printed). */
  readonly keep?: boolean;
  /** Parent of the working copy. Default: the system's temporary folder. */
  readonly tempRoot?: string;
  readonly timeouts?: Partial<DemoTimeouts>;
  /** Aborting stops the stream job gracefully, cleans up and makes the demo return 130. */
  readonly signal?: AbortSignal;
}

/** 0: the stream's result equals the batch's; 1: they differ or a step failed; 2: bad sample; 130: aborted. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const out = options.console;
  let spec: SampleSpec;
  try {
    spec = readSampleSpec(resolve(options.sampleDir));
  } catch (error) {
    out.line(out.style.red(`demo: ${(error as Error).message}`));
    return 2;
  }
  const demo = new Demo(spec, options);
  try {
    return await demo.run();
  } catch (error) {
    // Ctrl+C also reaches the jobs and esbuild (same process group): their failures are the interruption.
    if (error instanceof DemoAborted || options.signal?.aborted) {
      out.line(out.style.yellow('demo: interrupted'));
      return 130;
    }
    out.line(out.style.red(`✗ ${(error as Error).message}`));
    return 1;
  } finally {
    await demo.cleanUp();
  }
}

class DemoAborted extends Error {}

/** Folder inside the working copy for bundles, the events file and the batch's result set aside. */
const scratchName = '.streamshift-demo';

class Demo {
  private readonly out: DemoConsole;
  private readonly timeouts: DemoTimeouts;
  private readonly work: string;
  private readonly scratch: string;
  private readonly started = Date.now();
  private stream: StreamJob | undefined;
  /** Names of the files the stream has read → the queries that read them, from its progress records. */
  private readonly processed = new Map<string, Set<string>>();
  /** The Structured Streaming queries started (a job may start several on one watched folder). */
  private readonly queries = new Set<string>();
  /** Rows dropped as later than the watermark, over all batches and queries. */
  private droppedByWatermark = 0;
  private batchesSeen = 0;
  private startedApi: 'dstream' | 'structured' | undefined;
  private batchesWithData = 0;

  constructor(
    private readonly spec: SampleSpec,
    private readonly options: DemoOptions,
  ) {
    this.out = options.console;
    this.timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.work = mkdtempSync(join(options.tempRoot ?? tmpdir(), `streamshift-demo-${spec.name}-`));
    this.scratch = join(this.work, scratchName);
  }

  async run(): Promise<number> {
    const { spec, out } = this;
    const s = out.style;
    out.line(s.bold(`Streamshift demo: ${spec.name}`) + (spec.description ? ` — ${spec.description}` : ''));
    out.line(s.dim(`working copy: ${this.work}${this.options.keep ? '' : ' (removed at the end)'}`));
    this.copySample();

    out.line();
    out.line(s.bold(`1. Convert ${spec.job} to a stream job`));
    const streamJob = this.convertJob();

    out.line();
    out.line(s.bold(`2. Run the batch job ${spec.job}`));
    const batchResult = await this.runBatch();

    out.line();
    out.line(s.bold(`3. Start the stream job ${basename(streamJob)}`));
    await this.startStream(streamJob);

    out.line();
    const parts = feedParts(spec);
    const count = parts.length === 1 ? 'the 1 part' : `the ${parts.length} parts`;
    out.line(
      s.bold(`4. Feed ${count} of ${spec.feed.replace(/\/?$/, '/')} into ${spec.inputDir}, one by one`),
    );
    for (const part of parts) await this.feed(part);

    out.line();
    out.line(s.bold('5. Stop the stream job and compare its result with the batch result'));
    await this.stopStream();
    return this.compare(batchResult.rows) && batchResult.asExpected ? 0 : 1;
  }

  async cleanUp(): Promise<void> {
    if (this.stream?.isRunning) {
      this.out.line(this.out.style.dim('stopping the stream job…'));
      await this.stream.stop();
    }
    if (this.options.keep) this.out.line(this.out.style.dim(`working copy kept: ${this.work}`));
    else rmSync(this.work, { recursive: true, force: true });
  }

  /** The sample without anything a previous run by hand left behind (outputs, stream input, checkpoints). */
  private copySample(): void {
    const leftovers = [
      this.spec.inputDir,
      'checkpoint',
      'batch_output',
      'stream_output',
      'node_modules',
      ...this.spec.outputs.map((o) => o.path),
    ].map((p) => resolve(this.spec.dir, p));
    cpSync(this.spec.dir, this.work, {
      recursive: true,
      filter: (source) => !leftovers.some((l) => source === l || source.startsWith(l + sep)),
    });
    mkdirSync(this.scratch, { recursive: true });
  }

  private convertJob(): string {
    const { out, spec } = this;
    const s = out.style;
    const jobPath = join(this.work, spec.job);
    const file = { fileName: jobPath, text: readFileSync(jobPath, 'utf8') };
    const pipelines = detect(file);
    for (const pipeline of pipelines) out.line(`  ${describePipeline(spec.job, file.text, pipeline, s)}`);
    const conversion = convert(file, { triggerSeconds: spec.triggerSeconds, inputDir: spec.inputDir });
    if (conversion.converted.length === 0) {
      for (const note of conversion.notes) out.line(`  note: ${note}`);
      throw new Error(`${spec.job}: nothing to convert, so there is no stream job to run`);
    }
    const streamPath = streamFileNameFor(jobPath, '.stream.ts');
    const streamName = relative(this.work, streamPath);
    out.line();
    out.indented(
      colourDiff(unifiedDiff(file.text, conversion.text, { fromFile: spec.job, toFile: streamName }), s),
      '  ',
    );
    out.line();
    for (const note of conversion.notes) out.line(s.dim(`  note: ${note}`));
    out.line(
      s.dim(`  (micro-batches every ${spec.triggerSeconds} s so the demo is quick; the default is 5 s)`),
    );
    writeFileSync(streamPath, conversion.text);
    return streamPath;
  }

  private async runBatch(): Promise<{ rows: Map<string, string[]>; asExpected: boolean }> {
    const { out, spec } = this;
    const s = out.style;
    const started = Date.now();
    const ticker = setInterval(
      () => out.status(`  running the batch job (${seconds(Date.now() - started)} s)`),
      250,
    );
    let stderr = '';
    try {
      out.status('  bundling and running the batch job…');
      await runBatchJob(
        this.options.toolchain,
        {
          jobPath: join(this.work, spec.job),
          cwd: this.work,
          scratchDir: this.scratch,
          onStdout: (text) => out.indented(text),
          onStderr: (text) => {
            stderr = (stderr + text).slice(-64 * 1024);
            out.indented(text);
          },
        },
        this.timeouts.batchJobMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}${this.whereInSample(stderr)}`, { cause: error });
    } finally {
      clearInterval(ticker);
      out.clearStatus();
    }
    out.line(`  done in ${seconds(Date.now() - started)} s`);
    const rows = new Map<string, string[]>();
    let asExpected = true;
    for (const output of spec.outputs) {
      const written = readOutputRows(join(this.work, output.path));
      if (written === undefined) throw new Error(`the batch job wrote no result at ${output.path}`);
      rows.set(output.path, written);
      out.line(`  ${output.path}: ${formatRows(written)}`);
      if (output.expected !== undefined) {
        const expected = readOutputRows(join(this.work, output.expected));
        if (expected === undefined) throw new Error(`cannot read the expected result ${output.expected}`);
        const check = compareRows(expected, written);
        if (check.equal) out.line(s.green(`  batch result = ${output.expected} ✓`));
        else {
          asExpected = false;
          out.line(s.red(`  batch result ≠ ${output.expected} ✗ (expected on the left):`));
          out.indented(formatDifferences(check.differences));
        }
      }
      // Set the batch's result aside: from now on, what is at output.path is the stream's.
      const aside = join(this.scratch, 'batch', output.path);
      mkdirSync(dirname(aside), { recursive: true });
      renameSync(join(this.work, output.path), aside);
    }
    return { rows, asExpected };
  }

  private async startStream(streamPath: string): Promise<void> {
    const { out, spec } = this;
    // The job watches this folder; like Spark's textFileStream it must exist when the stream starts.
    mkdirSync(join(this.work, spec.inputDir), { recursive: true });
    out.status('  bundling and starting the stream job…');
    this.stream = await StreamJob.start(
      this.options.toolchain,
      {
        jobPath: streamPath,
        cwd: this.work,
        scratchDir: this.scratch,
        // The job's pprint output repeats every micro-batch; the demo prints the batches from the progress
        // records instead and keeps the job's output for error messages.
        onStdout: () => undefined,
        onStderr: (text) => out.indented(out.style.dim(text.trimEnd())),
      },
      this.timeouts.stopGraceMs,
    );
    // As in Spark, a DStream ignores the files already in the folder when it starts, so the demo feeds
    // after its first (empty) micro-batch; a Structured Streaming query reads them, and may not report
    // batches without data, so its start is enough.
    await this.waitUntil(
      'the stream to start',
      () => this.batchesSeen > 0 || this.startedApi === 'structured',
      this.timeouts.streamStartMs,
    );
  }

  /** Places one part atomically: written as a dot-file (which the stream ignores), then renamed. */
  private async feed(part: string): Promise<void> {
    const { out, spec } = this;
    const data = readFileSync(join(this.work, spec.feed, part));
    const lines = data
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '').length;
    const folder = join(this.work, spec.inputDir);
    const hidden = join(folder, `.${part}.feeding`);
    writeFileSync(hidden, data);
    renameSync(hidden, join(folder, part));
    out.line(out.style.cyan(`  → ${part} (${lines} lines) placed in ${spec.inputDir}`));
    // Every query reads the folder: the next part comes when all have read this one, so each micro-batch
    // of each query reads one part (and a watermark advances part by part, as the sample documents).
    await this.waitUntil(
      `${part} to be processed`,
      () => (this.processed.get(part)?.size ?? 0) >= Math.max(1, this.queries.size),
      this.timeouts.perPartMs,
    );
  }

  private async stopStream(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    const started = Date.now();
    const ticker = setInterval(
      () =>
        this.out.status(
          `  stopping the stream job gracefully (${seconds(Date.now() - started)} s; killed after ${seconds(this.timeouts.stopGraceMs)} s)`,
        ),
      250,
    );
    let code: number;
    try {
      code = await stream.stop();
    } finally {
      clearInterval(ticker);
    }
    this.pump();
    this.out.line(
      `  stream job stopped (exit code ${code}) after ${this.batchesSeen} micro-batches, ${this.batchesWithData} with data`,
    );
    if (code !== 0) throw new Error(`the stream job did not stop cleanly:\n${stream.recentOutput}`);
  }

  private compare(batchRows: ReadonlyMap<string, string[]>): boolean {
    const s = this.out.style;
    let allEqual = true;
    let documented = false;
    for (const output of this.spec.outputs) {
      const streamRows = readOutputRows(join(this.work, output.path));
      if (streamRows === undefined) {
        this.out.line(s.red(`  the stream job wrote no result at ${output.path}`));
        allEqual = false;
        continue;
      }
      const check = compareRows(batchRows.get(output.path) ?? [], streamRows);
      const where = this.spec.outputs.length > 1 ? `${output.path}: ` : '';
      if (check.equal) {
        this.out.line(`  ${where}${streamRows.length} rows, the same in both`);
        continue;
      }
      if (
        output.streamExpected !== undefined &&
        this.matchesStreamExpected(output.streamExpected, streamRows)
      ) {
        // The documented difference: shown, and accepted because the stream wrote what the sample says.
        documented = true;
        this.out.line(
          s.yellow(
            `  ${where}differs from the batch as documented (late rows dropped by the watermark, over all ` +
              `queries: ${this.droppedByWatermark}); stream result = ${output.streamExpected} ✓`,
          ),
        );
        this.out.indented(formatDifferences(check.differences));
        continue;
      }
      allEqual = false;
      this.out.line(s.red(`  ${where}the rows that differ:`));
      this.out.indented(formatDifferences(check.differences));
    }
    const took = `(demo took ${seconds(Date.now() - this.started)} s)`;
    this.out.line();
    this.out.line(
      allEqual
        ? `${s.green(s.bold(documented ? 'stream result = batch result, but for the documented late rows ✓' : 'stream result = batch result ✓'))} ${s.dim(took)}`
        : `${s.red(s.bold('stream result ≠ batch result ✗'))} ${s.dim(took)}`,
    );
    return allEqual;
  }

  private matchesStreamExpected(streamExpected: string, streamRows: readonly string[]): boolean {
    const expected = readOutputRows(join(this.work, streamExpected));
    if (expected === undefined) throw new Error(`cannot read the expected stream result ${streamExpected}`);
    return compareRows(expected, streamRows).equal;
  }

  /**
   * The uncaught error in a job's output, placed at the line of the sample's own file (the job ran in the
   * working copy; the user edits the sample), as the task runner reports it to the Problems panel.
   */
  private whereInSample(output: string): string {
    const inWorkingCopy = (path: string) =>
      path.startsWith(this.work + sep) && !path.includes(`${sep}node_modules${sep}`);
    const problem = problemFromStderr(output, inWorkingCopy);
    if (!problem?.file) return '';
    return `: ${formatProblem({ ...problem, file: join(this.spec.dir, relative(this.work, problem.file)) })}`;
  }

  /** Polls until `done`, printing the stream's micro-batches meanwhile; bounded by `timeoutMs`. */
  private async waitUntil(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (this.options.signal?.aborted) throw new DemoAborted();
      this.pump();
      if (done()) {
        this.out.clearStatus();
        return;
      }
      const stream = this.stream;
      if (stream && !stream.isRunning) {
        const code = await stream.exited;
        this.pump();
        throw new Error(
          `the stream job exited (code ${code}) while the demo was waiting for ${what}` +
            `${this.whereInSample(stream.recentOutput)}; its last output:\n${stream.recentOutput}`,
        );
      }
      const waited = Date.now() - started;
      if (waited > timeoutMs) {
        throw new Error(
          `timed out after ${seconds(timeoutMs)} s waiting for ${what}; the stream job's last output:\n` +
            (stream?.recentOutput || '(none)'),
        );
      }
      this.out.status(`  waiting for ${what} (${seconds(waited)} s)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Reads new progress records and prints the micro-batches that read data. */
  private pump(): void {
    for (const record of this.stream?.poll() ?? []) this.onRecord(record);
  }

  private onRecord(event: StreamEvent): void {
    const s = this.out.style;
    switch (event.kind) {
      case 'started': {
        this.startedApi = event.api;
        if (event.query !== undefined) this.queries.add(event.query);
        const interval = event.intervalMs ?? this.spec.triggerSeconds * 1000;
        this.out.line(`  stream started: a micro-batch every ${seconds(interval)} s`);
        return;
      }
      case 'warning':
        this.out.line(s.yellow(`  ${event.message}`));
        return;
      case 'stopped':
        if (event.error) throw new Error(`the stream stopped with an error: ${event.error}`);
        return;
      case 'failed':
        throw new Error(event.message);
      case 'batch': {
        this.batchesSeen++;
        if (event.files.length === 0 && event.rows === 0) return;
        this.batchesWithData++;
        const files = event.files.map((f) => basename(f));
        for (const file of files) {
          const readers = this.processed.get(file) ?? new Set<string>();
          readers.add(event.query ?? 'stream');
          this.processed.set(file, readers);
        }
        this.droppedByWatermark += event.droppedByWatermark ?? 0;
        const facts = [
          files.join(', ') || 'no files',
          `${event.rows} ${event.rows === 1 ? 'record' : 'records'}`,
          ...(event.durationMs !== undefined ? [`processed in ${Math.round(event.durationMs)} ms`] : []),
          ...(event.stateSize !== undefined ? [`${event.stateSize} entries in state`] : []),
          ...(event.droppedByWatermark !== undefined
            ? [s.yellow(`${event.droppedByWatermark} late rows dropped by the watermark`)]
            : []),
        ];
        this.out.line(`  micro-batch ${event.label}: ${facts.join(', ')}`);
        for (const output of this.spec.outputs) {
          // The stream rewrites its result every batch; a read can fall between two writes: then skip it.
          const rows = readOutputRows(join(this.work, output.path));
          this.out.line(
            s.dim(`      ${output.path}: ${rows === undefined ? '(being rewritten)' : formatRows(rows)}`),
          );
        }
      }
    }
  }
}

function describePipeline(job: string, text: string, pipeline: Pipeline, s: DemoConsole['style']): string {
  const line = text.slice(0, pipeline.span.start).split('\n').length;
  const verdict = pipeline.verdict;
  const status =
    verdict.status === 'blocked'
      ? s.red('cannot stream: ' + verdict.reasons.map((r) => `${r.message} (${r.fix})`).join('; '))
      : verdict.status === 'convertible'
        ? s.green('convertible')
        : s.yellow('convertible with changes: ' + verdict.changes.map((c) => c.message).join('; '));
  return `${job}:${line}: ${pipeline.label}: ${status}`;
}

/** Rows on one line when short, else the first few and a count. */
function formatRows(rows: readonly string[]): string {
  if (rows.length === 0) return '(empty)';
  const shown = rows.slice(0, 8).join('  ');
  return rows.length > 8 ? `${shown}  … ${rows.length} rows` : shown;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}

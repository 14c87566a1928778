// Runs a batch job and its converted stream job in-process, in a scratch folder, the way a user would:
// the batch job reads `batch_input/…`; the stream job watches `stream_input/`, into which the files are
// moved atomically micro-batch by micro-batch while a manual clock drives the batches. What each job
// printed and the Spark output folders it wrote are collected for comparison.
import { mkdirSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as runtime from '@streamshift/runtime';
import * as streaming from '@streamshift/runtime/streaming';
import {
  ManualClock,
  StreamingContext,
  type StreamingContextOptions,
  type TextFileStreamOptions,
} from '@streamshift/runtime/streaming';
import { compileJob, type ModuleTable } from './jobModule';

/** One input file: its name and exact bytes (as a latin-1-free JS string, written as UTF-8). */
export interface InputFile {
  readonly name: string;
  readonly content: string;
}

/** What a job run left behind. */
export interface JobOutcome {
  /**
   * Each `console.log` call: the Python reprs of the elements of the collection it printed (an array, or
   * a Map's entries), sorted — Spark's order across partitions is not defined — or the repr of a value.
   */
  readonly printed: string[][];
  /** Spark output folders (those holding `_SUCCESS`) under the work folder → their lines, sorted. */
  readonly outputs: Readonly<Record<string, string[]>>;
  /** The job's error message, when it failed. */
  readonly error?: string;
}

/**
 * Runs the batch job with `files` in `batch_input/` (each as its own file, or concatenated into
 * `batch_input/data.txt` when `concatenate` is set; the job's source decides which path it reads).
 */
export async function runBatchJob(
  workDir: string,
  source: string,
  files: readonly InputFile[],
  concatenate: boolean,
): Promise<JobOutcome> {
  mkdirSync(join(workDir, 'batch_input'), { recursive: true });
  if (concatenate)
    writeFileSync(join(workDir, 'batch_input', 'data.txt'), files.map((f) => f.content).join(''));
  else for (const file of files) writeFileSync(join(workDir, 'batch_input', file.name), file.content);
  const modules: ModuleTable = {
    '@streamshift/runtime': runtime,
    '@streamshift/runtime/streaming': streaming,
  };
  return inFolder(workDir, async (console, printed) => {
    let error: string | undefined;
    try {
      await compileJob(source, 'batch.ts')(modules, console);
    } catch (caught) {
      error = messageOf(caught);
    } finally {
      stopAll();
    }
    return { printed, outputs: readOutputs(workDir), ...(error !== undefined ? { error } : {}) };
  });
}

/**
 * Runs the stream job: starts it, then for each entry of `microBatches` lands those files in
 * `stream_input/` and moves the manual clock by one batch interval; finally stops the context
 * gracefully, which lets the job's code after `awaitTermination()` run.
 */
export async function runStreamJob(
  workDir: string,
  source: string,
  files: readonly InputFile[],
  microBatches: readonly (readonly string[])[],
): Promise<JobOutcome> {
  const inputDir = join(workDir, 'stream_input');
  mkdirSync(inputDir, { recursive: true });
  const clock = new ManualClock();
  const contexts: StreamingContext[] = [];
  const ManualStreamingContext = manualClockContextClass(clock, contexts);
  const modules: ModuleTable = {
    '@streamshift/runtime': { ...runtime, StreamingContext: ManualStreamingContext },
    '@streamshift/runtime/streaming': { ...streaming, StreamingContext: ManualStreamingContext },
  };
  const byName = new Map(files.map((f) => [f.name, f]));
  return inFolder(workDir, async (console, printed) => {
    let error: string | undefined;
    let settled = false;
    const job = compileJob(source, 'stream.ts')(modules, console).then(
      () => {
        settled = true;
      },
      (caught: unknown) => {
        settled = true;
        error = messageOf(caught);
      },
    );
    try {
      // The job runs until it awaits its termination; anything it awaits before start() is a few ticks.
      for (let tick = 0; tick < 1000 && !settled && !contexts.some(isActive); tick++)
        await new Promise((resolve) => setImmediate(resolve));
      const ssc = contexts.find(isActive);
      if (!ssc) {
        await job;
        return {
          printed,
          outputs: readOutputs(workDir),
          error: error ?? 'the stream job never started its StreamingContext',
        };
      }
      let landed = 0;
      for (const names of microBatches) {
        for (const name of names) {
          const file = byName.get(name);
          if (!file) throw new Error(`micro-batch names unknown file ${name}`);
          landAtomically(inputDir, file, landed++);
        }
        await clock.advance(ssc.batchMs);
        if (settled) break;
      }
      await ssc.stop({ stopSparkContext: true, stopGracefully: true });
      await job;
    } finally {
      stopAll();
    }
    return { printed, outputs: readOutputs(workDir), ...(error !== undefined ? { error } : {}) };
  });
}

/**
 * A StreamingContext class for jobs run by the tests: on the given manual clock, and with its directory
 * listed at every batch (so that pick-up does not depend on when inotify delivers its events).
 */
export function manualClockContextClass(
  clock: ManualClock,
  created: StreamingContext[],
): typeof StreamingContext {
  class ManualClockStreamingContext extends StreamingContext {
    constructor(sc: runtime.SparkContext, batchDuration: number, options: StreamingContextOptions = {}) {
      super(sc, batchDuration, { clock, ...options });
      created.push(this);
    }

    override textFileStream(directory: string, options?: TextFileStreamOptions) {
      return super.textFileStream(directory, { rescanSeconds: 0, ...options });
    }
  }
  return ManualClockStreamingContext;
}

/**
 * Moves a file into a watched folder the way a producer should: written under a hidden name, given a
 * modification time in the past (so it is stable at once) and distinct from the others (`order`), then
 * renamed in.
 */
export function landAtomically(dir: string, file: InputFile, order: number): void {
  const hidden = join(dir, `.${file.name}.landing`);
  writeFileSync(hidden, file.content);
  const time = new Date(Date.now() - 3_600_000 + order * 1000);
  utimesSync(hidden, time, time);
  renameSync(hidden, join(dir, file.name));
}

/** Spark output folders under `root` (recursively): relative path → lines of all part files, sorted. */
export function readOutputs(root: string): Record<string, string[]> {
  const outputs: Record<string, string[]> = {};
  const visit = (dir: string, relative: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.name === '_SUCCESS')) {
      outputs[relative] = entries
        .filter((e) => e.name.startsWith('part-'))
        .flatMap((e) => readFileSync(join(dir, e.name), 'utf8').split('\n'))
        .filter((line, i, all) => line !== '' || i < all.length - 1)
        .filter((line) => line !== '')
        .sort();
      return;
    }
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith('.'))
        visit(join(dir, e.name), relative ? `${relative}/${e.name}` : e.name);
  };
  visit(root, '');
  return outputs;
}

function isActive(ssc: StreamingContext): boolean {
  return ssc.getState() === 'ACTIVE';
}

function stopAll(): void {
  StreamingContext.getActive()
    ?.stop({ stopSparkContext: true })
    .catch(() => undefined);
  runtime.SparkContext.getActive()?.stop();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `body` with the process in `dir` (jobs use relative paths) and a console that records. */
async function inFolder<T>(
  dir: string,
  body: (console: Pick<Console, 'log' | 'error' | 'warn'>, printed: string[][]) => Promise<T>,
): Promise<T> {
  const previous = process.cwd();
  const printed: string[][] = [];
  const record = (value: unknown) => {
    const elements = value instanceof Map ? [...value.entries()] : Array.isArray(value) ? value : undefined;
    printed.push(elements ? elements.map((e) => runtime.pythonRepr(e)).sort() : [runtime.pythonRepr(value)]);
  };
  // pprint() writes to the process's stdout; a thousand jobs' worth would drown the test report.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.chdir(dir);
  try {
    return await body({ log: record, error: () => undefined, warn: () => undefined }, printed);
  } finally {
    process.chdir(previous);
    process.stdout.write = write;
  }
}

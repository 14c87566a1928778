// The demo runs jobs the way the VS Code task runner does (jobRun.ts): bundled by esbuild with
// @streamshift/runtime resolved to the runtime's sources, run by node in the job's folder, stream jobs
// with the graceful-stop handler and their progress records (STREAMSHIFT_EVENTS) read from a file.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleJob, type EsbuildBuild } from '../jobBundler';
import { startJobProcess, type JobProcess } from '../jobProcess';
import { formatProblem } from '../problemFormat';
import { ProgressFileReader } from '../progressRecords';
import { toStreamEvent, type StreamEvent } from './streamProgress';

export interface JobToolchain {
  /** esbuild's build function (the package itself: the demo runs from a checkout). */
  readonly build: EsbuildBuild;
  /** Where `@streamshift/runtime` imports resolve (runtimeResolution.ts). */
  readonly runtimeRoot: string;
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface JobLaunch {
  readonly jobPath: string;
  /** The folder the job runs in: its relative paths resolve there. */
  readonly cwd: string;
  /** Private folder for the bundle (and a stream's events file). */
  readonly scratchDir: string;
  readonly onStdout: (text: string) => void;
  readonly onStderr: (text: string) => void;
}

/** Bundles the job; a build error becomes an Error listing esbuild's problems at the user's lines. */
export async function bundleForRun(
  toolchain: JobToolchain,
  launch: JobLaunch,
  mode: 'batch' | 'stream',
): Promise<string> {
  const outcome = await bundleJob(toolchain.build, {
    jobPath: launch.jobPath,
    outFile: join(launch.scratchDir, `${mode}.mjs`),
    runtimeRoot: toolchain.runtimeRoot,
    gracefulStop: mode === 'stream',
  });
  if (!outcome.ok) {
    throw new Error(`the ${mode} job does not build:\n${outcome.errors.map(formatProblem).join('\n')}`);
  }
  return outcome.outFile;
}

/** Runs a batch job to its end; rejects when it fails or outlives `timeoutMs` (it is then stopped). */
export async function runBatchJob(
  toolchain: JobToolchain,
  launch: JobLaunch,
  timeoutMs: number,
): Promise<void> {
  const bundlePath = await bundleForRun(toolchain, launch, 'batch');
  const job = startJobProcess({
    bundlePath,
    cwd: launch.cwd,
    execPath: toolchain.execPath,
    env: toolchain.env,
    onStdout: launch.onStdout,
    onStderr: launch.onStderr,
    stopGraceMs: 2000,
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([job.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await job.stop();
    throw new Error(`the batch job did not finish within ${timeoutMs / 1000} s; it was stopped`);
  }
  if (outcome !== 0) throw new Error(`the batch job failed (exit code ${outcome})`);
}

/** A running stream job: its process, its progress records, and the tail of its console output. */
export class StreamJob {
  private constructor(
    private readonly job: JobProcess,
    private readonly reader: ProgressFileReader,
    private readonly output: { tail: string },
  ) {}

  static async start(toolchain: JobToolchain, launch: JobLaunch, stopGraceMs: number): Promise<StreamJob> {
    const bundlePath = await bundleForRun(toolchain, launch, 'stream');
    const eventsFile = join(launch.scratchDir, 'stream.events.jsonl');
    rmSync(eventsFile, { force: true });
    const output = { tail: '' };
    const keep = (text: string) => {
      output.tail = (output.tail + text).slice(-4000);
    };
    const child = startJobProcess({
      bundlePath,
      cwd: launch.cwd,
      execPath: toolchain.execPath,
      env: { ...toolchain.env, STREAMSHIFT_EVENTS: eventsFile },
      onStdout: (text) => {
        keep(text);
        launch.onStdout(text);
      },
      onStderr: (text) => {
        keep(text);
        launch.onStderr(text);
      },
      stopGraceMs,
    });
    return new StreamJob(child, new ProgressFileReader(eventsFile), output);
  }

  /** The progress events appended since the last call, in the order the runtime wrote them. */
  poll(): StreamEvent[] {
    return this.reader.poll().flatMap((record) => toStreamEvent(record) ?? []);
  }

  get isRunning(): boolean {
    return this.job.isRunning;
  }

  get exited(): Promise<number> {
    return this.job.exited;
  }

  /** The last lines the job printed (for error messages). */
  get recentOutput(): string {
    return this.output.tail;
  }

  /** Graceful stop (SIGINT: the batch in flight and its checkpoint complete); killed after the grace period. */
  stop(): Promise<number> {
    return this.job.stop();
  }
}

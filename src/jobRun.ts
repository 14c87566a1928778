// One run of a job as a task: trust check, bundle, run, report problems, stop gracefully. The VS Code
// adapter (jobTerminal.ts) only forwards this to a pseudoterminal, so the whole sequence is unit-tested
// with a fake terminal and a real node process.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { JobMode } from './jobDiscovery';
import { bundleJob, type EsbuildBuild } from './jobBundler';
import { ensureWatchedFolder } from './jobInputFolder';
import { startJobProcess, type JobProcess } from './jobProcess';
import { formatProblem, problemFromStderr, type ProblemLocation } from './problemFormat';
import { ProgressFileReader, type ProgressSummary } from './progressRecords';
import { streamKindsOf } from './streamLauncher';

export interface JobDefinition {
  /** Absolute path of the job file. */
  readonly jobPath: string;
  readonly mode: JobMode;
  /**
   * Folder the job runs in (its relative paths resolve there). Default: the job's own folder. The run
   * panel runs batch jobs in a scratch folder holding a copy of their input.
   */
  readonly runIn?: string;
}

/** Where the run's text goes (a pseudoterminal in VS Code). `\n` line ends; the adapter converts. */
export interface JobTerminalPort {
  write(text: string): void;
  close(exitCode: number): void;
}

export interface JobRunDependencies {
  isTrusted(): boolean;
  /** esbuild's build function, loaded on first run (ADR 0003). */
  loadEsbuild(): Promise<EsbuildBuild>;
  readonly runtimeRoot: string;
  /** Private folder for bundles and event files (the extension's storage), never the user's folder. */
  readonly workDir: string;
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
  /** Stack frames under these folders are not the user's code (the extension, its runtime, bundles). */
  readonly nonUserRoots: readonly string[];
  /**
   * The problems of this run (build errors, the uncaught error), placed in files: called with [] when the
   * run starts, so the problems of the previous run disappear.
   */
  onProblems?(definition: JobDefinition, problems: readonly ProblemLocation[]): void;
  /** Called for stream jobs whenever new progress records arrive, and once at the end. */
  onProgress?(definition: JobDefinition, summary: ProgressSummary, finished: boolean): void;
  /** The progress records themselves (stream jobs), in the order the runtime wrote them. */
  onRecords?(definition: JobDefinition, records: readonly unknown[]): void;
  log?(message: string): void;
  /** How often the events file is read while a stream job runs. */
  readonly progressPollMs?: number;
  readonly stopGraceMs?: number;
}

export const untrustedMessage =
  'Streamshift does not run jobs in an untrusted workspace: a job is a program and running it could ' +
  'harm your computer. Trust this folder (command "Workspaces: Manage Workspace Trust") to run it.';

export class JobRun {
  private process: JobProcess | undefined;
  private stopRequested = false;
  private finished = false;

  constructor(
    readonly definition: JobDefinition,
    private readonly deps: JobRunDependencies,
    private readonly terminal: JobTerminalPort,
  ) {}

  /** Runs the job to its end; never rejects (every failure is reported in the terminal). */
  async start(): Promise<number> {
    try {
      const code = await this.run();
      this.finish(code);
      return code;
    } catch (error) {
      this.terminal.write(`streamshift: ${error instanceof Error ? error.message : String(error)}\n`);
      this.finish(1);
      return 1;
    }
  }

  /** Stops a running job gracefully (SIGINT → the stream completes its batch and checkpoint). */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.process?.isRunning) {
      this.terminal.write(
        '\nstreamshift: stopping gracefully (the current batch and its checkpoint complete)…\n',
      );
      await this.process.stop();
    }
  }

  private async run(): Promise<number> {
    const { jobPath, mode } = this.definition;
    if (!this.deps.isTrusted()) {
      this.terminal.write(`${untrustedMessage}\n`);
      return 1;
    }
    this.deps.onProblems?.(this.definition, []);
    // A run elsewhere (the run panel's scratch runs) gets its own bundle and events file.
    const runDir = jobWorkDir(this.deps.workDir, jobPath, this.definition.runIn);
    mkdirSync(runDir, { recursive: true });
    this.terminal.write(`streamshift: bundling ${basename(jobPath)}…\n`);
    const build = await this.deps.loadEsbuild();
    const bundled = await bundleJob(build, {
      jobPath,
      outFile: join(runDir, `${mode}.mjs`),
      runtimeRoot: this.deps.runtimeRoot,
      ...(mode === 'stream' ? { gracefulStop: streamKindsOf(readFileSync(jobPath, 'utf8')) } : {}),
    });
    if (!bundled.ok) {
      for (const problem of bundled.errors) this.terminal.write(`${formatProblem(problem)}\n`);
      this.terminal.write('streamshift: build failed\n');
      this.deps.onProblems?.(this.definition, bundled.errors);
      return 1;
    }
    for (const problem of bundled.warnings) this.terminal.write(`${formatProblem(problem)}\n`);
    if (this.stopRequested) return 130;

    const eventsFile = join(runDir, `${mode}.events.jsonl`);
    rmSync(eventsFile, { force: true });
    const cwd = this.definition.runIn ?? dirname(jobPath);
    if (mode === 'stream') {
      const created = ensureWatchedFolder(readFileSync(jobPath, 'utf8'), cwd);
      if (created) this.terminal.write(`streamshift: created the watched folder ${created}\n`);
    }
    this.terminal.write(`streamshift: running ${mode} job ${basename(jobPath)} in ${cwd}\n`);
    this.deps.log?.(`run ${mode} job ${jobPath} (events ${eventsFile})`);

    let stderrTail = '';
    this.process = startJobProcess({
      bundlePath: bundled.outFile,
      cwd,
      execPath: this.deps.execPath,
      env: { ...this.deps.env, STREAMSHIFT_EVENTS: eventsFile },
      onStdout: (text) => this.terminal.write(text),
      onStderr: (text) => {
        this.terminal.write(text);
        stderrTail = (stderrTail + text).slice(-64 * 1024);
      },
      ...(this.deps.stopGraceMs !== undefined ? { stopGraceMs: this.deps.stopGraceMs } : {}),
    });
    const reader = mode === 'stream' ? new ProgressFileReader(eventsFile) : undefined;
    const timer = reader
      ? setInterval(() => this.readProgress(reader, false), this.deps.progressPollMs ?? 250)
      : undefined;
    const code = await this.process.exited;
    if (timer) clearInterval(timer);
    if (reader) this.readProgress(reader, true);

    if (code !== 0 && !this.stopRequested) {
      const problem = problemFromStderr(stderrTail, (path) => this.isUserFile(path));
      if (problem) {
        this.terminal.write(`${formatProblem(problem)}\n`);
        this.deps.onProblems?.(this.definition, [problem]);
      }
    }
    this.terminal.write(
      this.stopRequested
        ? `streamshift: job stopped (exit code ${code})\n`
        : `streamshift: job exited with code ${code}\n`,
    );
    return this.stopRequested && code !== 0 ? 0 : code;
  }

  private readProgress(reader: ProgressFileReader, finished: boolean): void {
    const records = reader.poll();
    if (records.length > 0) this.deps.onRecords?.(this.definition, records);
    if (records.length > 0 || finished) this.deps.onProgress?.(this.definition, reader.summary, finished);
  }

  private isUserFile(path: string): boolean {
    if (path.includes(`${sep}node_modules${sep}`)) return false;
    return !this.deps.nonUserRoots.some((root) => {
      const rel = relative(root, path);
      return !rel.startsWith('..') && !rel.startsWith(sep) && rel !== path;
    });
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.terminal.close(code);
  }
}

/** One private folder per job file (bundles, events), named so a human can tell which job it is. */
export function jobWorkDir(workDir: string, jobPath: string, runIn?: string): string {
  const hash = createHash('sha256')
    .update(runIn === undefined ? jobPath : `${jobPath}\u0000${runIn}`)
    .digest('hex')
    .slice(0, 10);
  const name = basename(jobPath).replace(/[^\w.-]/g, '_');
  return join(workDir, 'jobs', `${name}-${hash}`);
}

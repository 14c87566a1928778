// `streamshift run <job.ts>`: runs a job outside VS Code exactly as the task runner does — the job is
// bundled by esbuild with `@streamshift/runtime` resolved to the runtime shipped beside the CLI
// (jobBundler.ts, runtimeResolution.ts), then run by node in the job's folder (jobProcess.ts), so its
// relative paths resolve against that folder. A stream job stops gracefully on Ctrl+C (the batch in
// flight and its checkpoint complete); a second Ctrl+C ends it at once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { jobModeOf, type JobMode } from '../jobDiscovery';
import { bundleJob, type EsbuildBuild } from '../jobBundler';
import { ensureWatchedFolder } from '../jobInputFolder';
import { startJobProcess } from '../jobProcess';
import { formatProblem, problemFromStderr } from '../problemFormat';
import { streamKindsOf } from '../streamLauncher';

/** Everything `run` touches outside itself: the CLI passes the process's, tests their own. */
export interface RunEnvironment {
  readonly cwd: string;
  loadEsbuild(): EsbuildBuild;
  /** The runtime jobs import (dist/runtime beside the CLI). */
  readonly runtimeRoot: string;
  /** Node binary for the job. */
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where the bundle is written for the run (a fresh folder under it, removed afterwards). */
  readonly tempRoot: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Calls `handler` on each interrupt (SIGINT, SIGTERM) until the returned function is called. */
  onInterrupt(handler: (signal: string) => void): () => void;
}

export const runUsage = `usage: streamshift run <job.ts> [--batch | --stream]

Bundles the job with the Streamshift runtime and runs it with node in the job's folder (paths in the
job are relative to that folder). A job that builds a StreamingContext or reads a stream runs as a
stream job until stopped: Ctrl+C stops it gracefully (the current batch and its checkpoint complete).

options:
  --batch | --stream         run as this kind of job instead of the one read from the job's code
  -h, --help                 show this help
`;

export async function runJobCommand(args: readonly string[], env: RunEnvironment): Promise<number> {
  let input: string | undefined;
  let forcedMode: JobMode | undefined;
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') {
      env.stdout(runUsage);
      return 0;
    }
    if (arg === '--batch' || arg === '--stream') {
      forcedMode = arg === '--batch' ? 'batch' : 'stream';
    } else if (arg.startsWith('-')) {
      return usageError(env, `unknown option "${arg}"`);
    } else if (input !== undefined) {
      return usageError(env, `only one job can be run at a time (got "${input}" and "${arg}")`);
    } else input = arg;
  }
  if (input === undefined) return usageError(env, 'run needs a job file: streamshift run <job.ts>');

  const jobPath = resolve(env.cwd, input);
  let text: string;
  try {
    text = readFileSync(jobPath, 'utf8');
  } catch (error) {
    env.stderr(`streamshift: cannot read ${input}: ${(error as Error).message}\n`);
    return 2;
  }
  const mode = forcedMode ?? jobModeOf(text);
  const jobDir = dirname(jobPath);
  const bundleDir = mkdtempSync(join(env.tempRoot, 'streamshift-run-'));
  try {
    const bundled = await bundleJob(env.loadEsbuild(), {
      jobPath,
      outFile: join(bundleDir, `${mode}.mjs`),
      runtimeRoot: env.runtimeRoot,
      ...(mode === 'stream' ? { gracefulStop: streamKindsOf(text) } : {}),
    });
    if (!bundled.ok) {
      for (const problem of bundled.errors) env.stderr(`${formatProblem(problem)}\n`);
      env.stderr('streamshift: build failed\n');
      return 1;
    }
    for (const problem of bundled.warnings) env.stderr(`${formatProblem(problem)}\n`);
    if (mode === 'stream') {
      const created = ensureWatchedFolder(text, jobDir);
      if (created)
        env.stderr(`streamshift: created the watched folder ${relative(env.cwd, created) || '.'}\n`);
      env.stderr(`streamshift: running stream job ${input} (Ctrl+C stops it gracefully)\n`);
    }
    return await runBundle(env, bundled.outFile, jobDir, [env.runtimeRoot, bundleDir]);
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

async function runBundle(
  env: RunEnvironment,
  bundlePath: string,
  jobDir: string,
  nonUserRoots: readonly string[],
): Promise<number> {
  let stderrTail = '';
  const job = startJobProcess({
    bundlePath,
    cwd: jobDir,
    execPath: env.execPath,
    env: env.env,
    onStdout: env.stdout,
    onStderr: (text) => {
      env.stderr(text);
      stderrTail = (stderrTail + text).slice(-64 * 1024);
    },
    detached: true,
  });
  let interrupts = 0;
  const unsubscribe = env.onInterrupt((signal) => {
    interrupts++;
    if (interrupts === 1) {
      env.stderr(
        `\nstreamshift: ${signal}: stopping gracefully (the current batch and its checkpoint complete)…\n`,
      );
      void job.stop();
    } else if (job.pid !== undefined && job.isRunning) {
      // The job's own handler treats a second signal as "exit now".
      process.kill(job.pid, 'SIGINT');
    }
  });
  try {
    const code = await job.exited;
    if (code !== 0 && interrupts === 0) {
      const isUserFile = (path: string) =>
        !path.includes(`${sep}node_modules${sep}`) &&
        !nonUserRoots.some((root) => !relative(root, path).startsWith('..'));
      const problem = problemFromStderr(stderrTail, isUserFile);
      if (problem) env.stderr(`${formatProblem(problem)}\n`);
    }
    // A stream stopped on request ends normally; its exit code says whether the stop was graceful.
    return code;
  } finally {
    unsubscribe();
  }
}

function usageError(env: RunEnvironment, message: string): number {
  env.stderr(`streamshift: ${message}\n\n${runUsage}`);
  return 2;
}

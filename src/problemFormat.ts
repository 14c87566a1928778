// One line per problem, in the form the `$streamshift` problem matcher (package.json) reads:
//   /abs/path/job.ts:12:5: error: message
// Build errors come from esbuild; run-time errors from the stack of the job's uncaught error.
import { isAbsolute } from 'node:path';

export interface ProblemLocation {
  /** Absolute path, or undefined when the problem has no place in a file. */
  readonly file: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export function formatProblem(problem: ProblemLocation): string {
  const message = problem.message.replace(/\r?\n/g, ' ');
  if (!problem.file) return `${problem.severity}: ${message}`;
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${message}`;
}

/** The problem matcher's pattern; kept here so the unit tests check that formatProblem matches it. */
export const problemPattern = '^(.+):(\\d+):(\\d+): (error|warning): (.*)$';

/**
 * The matchers package.json contributes, by the name tasks use. `$streamshift` reads a batch run's
 * problem lines. `$streamshift-watch` reads only a stream job's begin/end lines (bundling … running), so
 * VS Code knows when the stream is up (e.g. for a task that `dependsOn` it); its problem pattern matches
 * nothing (ADR 0006).
 */
export const problemMatcherOf = { batch: '$streamshift', stream: '$streamshift-watch' } as const;

/**
 * Which of a task run's problems the runner itself publishes once VS Code has ended the task, so that
 * each is in the Problems panel exactly once (ADR 0006). In a task that is not a background task the
 * `$streamshift` matcher keeps every problem whose line it matches, and the runner adds only the ones
 * without a place. A background task's (stream job's) problems all come at its end, where VS Code's
 * background matchers keep or drop them depending on timing: there the runner publishes them all.
 */
export function problemsLeftByMatcher(
  problems: readonly ProblemLocation[],
  task: { readonly isBackground: boolean },
): ProblemLocation[] {
  if (task.isBackground) return [...problems];
  const pattern = new RegExp(problemPattern);
  return problems.filter((problem) => !pattern.test(formatProblem(problem)));
}

const frame = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The uncaught error in a job's stderr (node prints `Error: message` then `    at` frames, source-mapped
 * to the .ts files by --enable-source-maps), placed at the first frame in one of the user's files.
 * `isUserFile` excludes the runtime and node's internals so the problem lands on the job's own line.
 */
export function problemFromStderr(
  stderr: string,
  isUserFile: (path: string) => boolean,
): ProblemLocation | undefined {
  const lines = stderr.split(/\r?\n/);
  const firstFrame = lines.findIndex((l) => frame.test(l));
  if (firstFrame < 0) return undefined;
  let message = '';
  for (let i = firstFrame - 1; i >= 0; i--) {
    const text = lines[i]!.trim();
    if (text !== '') {
      message = text;
      break;
    }
  }
  for (let i = firstFrame; i < lines.length; i++) {
    const m = frame.exec(lines[i]!);
    if (!m) {
      if (lines[i]!.trim() === '') break;
      continue;
    }
    const file = m[1]!.replace(/^file:\/\//, '');
    if (isAbsolute(file) && isUserFile(file)) {
      return {
        file,
        line: Number(m[2]),
        column: Number(m[3]),
        severity: 'error',
        message: message || 'uncaught error',
      };
    }
  }
  return undefined;
}

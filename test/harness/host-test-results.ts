// How the mocha run inside the extension host tells the harness what it executed. The host's own exit
// code only says pass/fail, and its console output goes to the browser page (code-server) or to the
// VS Code process (desktop), so the suite also writes its counts to a file the harness names.
import { existsSync, readFileSync } from 'node:fs';

/** Environment variable holding the path the suite writes its results to. */
export const resultsFileVariable = 'STREAMSHIFT_HOST_RESULTS';

export interface TestCounts {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly { readonly title: string; readonly message: string }[];
}

/** The one-line summary both the host log and the harness print, e.g. `host tests: 5 passed, 0 failed`. */
export function countsLine(label: string, counts: Pick<TestCounts, 'passed' | 'failed'>): string {
  return `${label}: ${counts.passed} passed, ${counts.failed} failed`;
}

/** The counts the suite wrote, or undefined when it never got to write them (crash, timeout, no run). */
export function readCounts(file: string): TestCounts | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as TestCounts;
}

// The extension-host side of the host tests: VS Code (desktop or code-server) loads this module as
// `extensionTestsPath` and awaits run(). Every *.test.js built next to it (one per
// test/host/suite/*.test.ts, see scripts/build.mjs) is part of the suite, so adding a test file
// needs no registration.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countsLine, resultsFileVariable, type TestCounts } from '../../harness/host-test-results';

export function run(): Promise<void> {
  // No colours: the output ends up in a browser console or a CI log, not a terminal.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of testFiles) mocha.addFile(join(__dirname, name));

  return new Promise((resolve, reject) => {
    const failures: { title: string; message: string }[] = [];
    const runner = mocha.run(() => {
      const counts: TestCounts = {
        passed: runner.stats?.passes ?? 0,
        failed: runner.stats?.failures ?? failures.length,
        pending: runner.stats?.pending ?? 0,
        failures,
      };
      console.log(countsLine('host tests', counts));
      const resultsFile = process.env[resultsFileVariable];
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify(counts, null, 2));
      if (testFiles.length === 0) reject(new Error(`no *.test.js files next to ${__filename}`));
      else if (counts.failed > 0) reject(new Error(`${counts.failed} host test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, error: Error) =>
      failures.push({ title: test.fullTitle(), message: error.message }),
    );
  });
}

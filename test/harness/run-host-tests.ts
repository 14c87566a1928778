// `npm run test:host`: the extension's mocha suite (test/host/suite) inside a real VS Code extension
// host. Desktop VS Code when one is available (see host-choice.ts), code-server otherwise. Prints
// `host tests: N passed, M failed` and exits non-zero when anything failed or nothing ran.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chooseHost } from './host-choice';
import { countsLine, readCounts, resultsFileVariable } from './host-test-results';
import type { HostTestOptions } from './host-test-options';
import { artifactsDir, codeServerVersion, repoRoot } from './paths';
import { exitOnSignals, killGroupsOnExit } from './process-groups';
import { createHostWorkspace, createRunDir, removeRunDir } from './run-dir';
import { runTestsInCodeServer } from './run-in-code-server';
import { runTestsInElectron } from './run-in-electron';

/** The fixture every host test sees as its first workspace folder (the second is a user's folder). */
const workspaceFixture = 'wordcount';

async function main(): Promise<number> {
  const extensionTestsPath = join(repoRoot, 'out', 'test', 'host', 'suite', 'index.js');
  if (!existsSync(extensionTestsPath)) {
    console.error(`${extensionTestsPath} is missing: run \`npm run build\` first`);
    return 2;
  }
  const host = chooseHost();
  // @vscode/test-electron handles Ctrl+C itself (it closes VS Code); code-server is ours to stop.
  if (host.kind === 'code-server') {
    killGroupsOnExit();
    exitOnSignals();
  }
  console.log(
    `host: ${host.kind === 'electron' ? 'desktop VS Code' : `code-server ${codeServerVersion}`} (${host.reason})`,
  );

  // A failure screenshot left by an earlier run would mislead.
  rmSync(join(artifactsDir, 'host'), { recursive: true, force: true });
  const runDir = createRunDir('host');
  const resultsFile = join(runDir, 'results.json');
  const options: HostTestOptions = {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    folder: createHostWorkspace(workspaceFixture, runDir),
    runDir,
    env: { [resultsFileVariable]: resultsFile },
    timeoutSeconds: Number(process.env.STREAMSHIFT_HOST_TIMEOUT ?? 300),
    artifactsDir: join(artifactsDir, 'host'),
  };
  const started = Date.now();
  const exitCode =
    host.kind === 'electron'
      ? await runTestsInElectron(options, host.vscodeExecutablePath)
      : await runTestsInCodeServer(options);

  const counts = readCounts(resultsFile);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!counts) {
    console.error(`host tests: the suite reported no results (exit code ${exitCode}, ${seconds} s)`);
  } else {
    console.log(`${countsLine('host tests', counts)} (${seconds} s)`);
    for (const failure of counts.failures) console.log(`  failed: ${failure.title}\n    ${failure.message}`);
  }
  const passed = exitCode === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0;
  if (passed) removeRunDir(runDir);
  else console.error(`host test run kept for inspection: ${runDir}`);
  return passed ? 0 : exitCode || 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

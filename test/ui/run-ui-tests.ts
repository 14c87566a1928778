// `npm run test:ui`: Playwright drives the real VS Code workbench (code-server in headless Chromium)
// through every flow in test/ui/flows/*.flow.ts, screenshots into test-artifacts/ui/, and prints
// `ui tests: N passed, M failed`. Arguments filter flows by file name: `npm run test:ui -- convert`.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { countsLine } from '../harness/host-test-results';
import { artifactsDir } from '../harness/paths';
import { exitOnSignals, killGroupsOnExit } from '../harness/process-groups';
import { createRunDir, removeRunDir } from '../harness/run-dir';
import type { Artifacts, UiFlow } from './ui-flow';
import { UiSession } from './ui-session';

const flowsDir = join(__dirname, 'flows');
const screenshotsDir = join(artifactsDir, 'ui');
/** A flow that has not finished by then is stuck; a screenshot shows where. */
const flowTimeoutMs = 180_000;

async function main(filters: string[]): Promise<number> {
  killGroupsOnExit();
  exitOnSignals();
  const flowFiles = readdirSync(flowsDir)
    .filter((name) => name.endsWith('.flow.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  if (flowFiles.length === 0) {
    console.error(`no UI flows in ${flowsDir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    return 1;
  }
  // Only this run's screenshots: a stale picture from an earlier run would mislead.
  rmSync(screenshotsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });

  const started = Date.now();
  const runDir = createRunDir('ui');
  const session = await UiSession.start(runDir);
  console.log(`code-server with dist/streamshift.vsix installed, ready in ${session.server.readyMs} ms`);
  let passed = 0;
  let failed = 0;
  try {
    for (const file of flowFiles) {
      const name = basename(file, '.flow.ts');
      const artifacts = numberedScreenshots(name);
      const flow = ((await import(join(flowsDir, file))) as { default: UiFlow }).default;
      const flowStarted = Date.now();
      try {
        await withTimeout(flow.run(session, artifacts), flowTimeoutMs, `${name} did not finish`);
        passed++;
        console.log(`  ✔ ${flow.title} (${name}, ${((Date.now() - flowStarted) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        console.log(
          `  ✖ ${flow.title} (${name})\n    ${String(error instanceof Error ? error.message : error)}`,
        );
        await screenshotOpenPages(session, name);
      } finally {
        for (const page of session.openPages()) await page.close().catch(() => undefined);
      }
    }
  } finally {
    await session.stop();
  }
  console.log(
    `${countsLine('ui tests', { passed, failed })} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(`screenshots: ${screenshotsDir}`);
  if (failed === 0) removeRunDir(runDir);
  else console.error(`UI test run kept for inspection: ${runDir}`);
  return failed === 0 ? 0 : 1;
}

function numberedScreenshots(flowName: string): Artifacts {
  let taken = 0;
  return {
    screenshotPath: (step) =>
      join(screenshotsDir, `${flowName}-${String(++taken).padStart(2, '0')}-${step}.png`),
  };
}

async function screenshotOpenPages(session: UiSession, flowName: string): Promise<void> {
  const pages = session.openPages();
  for (const [index, page] of pages.entries()) {
    const path = join(screenshotsDir, `${flowName}-failure${pages.length > 1 ? `-${index + 1}` : ''}.png`);
    await page.screenshot({ path }).catch(() => undefined);
    console.log(`    screenshot: ${path}`);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

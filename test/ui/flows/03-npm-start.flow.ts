// `npm start` serves VS Code with Streamshift loaded from this working copy on samples/, prints the
// URL, and shuts code-server down cleanly on Ctrl+C. The screenshot is the "it's loaded" picture.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../../harness/paths';
import type { UiFlow } from '../ui-flow';

const flow: UiFlow = {
  title: 'npm start opens samples/ in VS Code with Streamshift loaded and stops on Ctrl+C',
  async run(session, artifacts) {
    const start = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'start.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        STREAMSHIFT_START_HOST: 'code-server',
        STREAMSHIFT_START_PROFILE: join(session.runDir, 'start-profile'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => start.on('exit', (code) => resolve(code)));
    // If the test run itself is interrupted, still ask npm start to stop its code-server.
    const interruptStart = () => start.kill('SIGINT');
    process.on('exit', interruptStart);
    try {
      const url = await waitFor(
        () => /http:\/\/127\.0\.0\.1:\d+\/\?\S+/.exec(output)?.[0],
        60_000,
        () => output,
      );
      const workbench = await session.openUrl(url, 'samples', artifacts);
      await workbench.openFile('batch.ts');
      await workbench.waitForLanguageMode('TypeScript');
      await workbench.showInCommandPalette('Streamshift', 'Streamshift: Convert to Streaming');
      await workbench.screenshot('commands-on-samples');
      await workbench.closePalette();
      // Opening a TypeScript job activates Streamshift; the status bar says when activation is over.
      await workbench.page
        .locator('.statusbar', { hasText: 'Activating Extensions' })
        .waitFor({ state: 'hidden', timeout: 30_000 });
      await workbench.screenshot('extension-loaded-on-samples');
      await workbench.page.close();

      start.kill('SIGINT');
      assert.equal(await withDeadline(exited, 20_000), 0, `npm start did not exit cleanly:\n${output}`);
      assert.equal(await answers(new URL(url).origin), false, 'code-server still answers after Ctrl+C');
    } finally {
      process.off('exit', interruptStart);
      if (start.exitCode === null) {
        start.kill('SIGINT');
        if ((await withDeadline(exited, 10_000)) === 'timeout') start.kill('SIGKILL');
      }
    }
  },
};
export default flow;

async function waitFor<T>(probe: () => T | undefined, ms: number, context: () => string): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start printed no URL within ${ms / 1000} s:\n${context()}`);
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms)),
  ]);
}

function answers(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${origin}/healthz`, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

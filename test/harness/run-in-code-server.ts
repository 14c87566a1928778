// Run the extension's test suite inside code-server's extension host, with headless Chromium as the
// window. Same contract as @vscode/test-electron's runTests: the suite module's run() decides, and the
// result is an exit code (0 pass, 1 fail; 2 infrastructure error, 124 timeout).
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './chromium';
import { startCodeServer } from './code-server';
import type { HostTestOptions } from './host-test-options';
import { workbenchUrl } from './workbench-url';

/** Workbench chatter (remote connection, service worker) that says nothing about the tests. */
const infrastructureLine =
  /^(Resolving|Resolved|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND)/;

export async function runTestsInCodeServer(options: HostTestOptions): Promise<number> {
  const server = await startCodeServer({ runDir: options.runDir, env: options.env });
  console.log(`code-server ready on ${server.origin} in ${server.readyMs} ms`);
  const browser = await launchChromium(options.runDir).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const transcript = createWriteStream(join(options.runDir, 'host-output.log'));
    let reportExit: (code: number | 'crash') => void = () => {};
    const exited = new Promise<number | 'crash'>((resolve) => (reportExit = resolve));

    // VS Code's web workbench calls these globals when they exist; they are the hooks of VS Code's own
    // browser integration tests. codeAutomationExit carries the suite's result (the extension host
    // itself always exits 0); codeAutomationLog carries every line the window and host log.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[] = []) => {
      const line = format(...args);
      transcript.write(`[${type}] ${line}\n`);
      if (infrastructureLine.test(line) && !process.env.STREAMSHIFT_VERBOSE) return;
      (type === 'error' ? console.error : console.log)(line);
    });
    await page.exposeFunction(
      'codeAutomationExit',
      (code: number, logs: { relativePath: string; contents: string }[] = []) => {
        for (const log of logs) {
          const file = join(options.runDir, 'workbench-logs', log.relativePath);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, log.contents);
        }
        reportExit(code);
      },
    );
    page.on('pageerror', (error) => transcript.write(`[pageerror] ${error.message}\n`));
    page.on('crash', () => reportExit('crash'));

    await page.goto(
      workbenchUrl(server, {
        folder: options.folder,
        extensionDevelopmentPath: options.extensionDevelopmentPath,
        extensionTestsPath: options.extensionTestsPath,
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutSeconds * 1000);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    transcript.end();
    if (outcome === 0) return 0;

    // Whatever went wrong, the window's last state often shows it (an error toast, a stuck dialog).
    const screenshot = join(options.artifactsDir, 'host-failure.png');
    mkdirSync(options.artifactsDir, { recursive: true });
    await page.screenshot({ path: screenshot }).catch(() => undefined);
    if (outcome === 'timeout') console.error(`the suite did not finish within ${options.timeoutSeconds} s`);
    if (outcome === 'crash') console.error('the workbench page crashed');
    console.error(`screenshot of the window: ${screenshot}`);
    return outcome === 'timeout' ? 124 : outcome === 'crash' ? 2 : outcome;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

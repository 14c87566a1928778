// What all UI flows share for one `npm run test:ui`: a code-server with the packaged extension
// installed from dist/streamshift.vsix exactly as a user installs it, and one headless Chromium.
// Each flow then opens its own window (page) on its own copy of a fixture.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { installExtension, startCodeServer, type CodeServer } from '../harness/code-server';
import { vsixPath } from '../harness/paths';
import { copyFixtureWorkspace } from '../harness/run-dir';
import { workbenchUrl } from '../harness/workbench-url';
import type { Artifacts } from './ui-flow';
import { Workbench } from './workbench';

export class UiSession {
  private workspaces = 0;

  private constructor(
    readonly runDir: string,
    readonly server: CodeServer,
    readonly browser: BrowserContext,
    /** What `code-server --install-extension` printed: flows assert on it. */
    readonly installOutput: string,
  ) {}

  static async start(runDir: string): Promise<UiSession> {
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run \`npm run package\` first`);
    const installOutput = installExtension(runDir, vsixPath);
    const server = await startCodeServer({ runDir });
    try {
      const browser = await launchChromium(runDir);
      // Flows open their own windows; the blank first page would only show up in failure screenshots.
      for (const page of browser.pages()) await page.close();
      return new UiSession(runDir, server, browser, installOutput);
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /**
   * A new window on a fresh copy of test/host/fixtures/<fixture>, optionally with a file open, ready
   * for input. Fresh copies keep one flow's edits (a conversion) out of the next flow's workspace.
   */
  async openWorkspace(fixture: string, artifacts: Artifacts, openFile?: string): Promise<Workbench> {
    const flowDir = join(this.runDir, `workspace-${++this.workspaces}`);
    mkdirSync(flowDir, { recursive: true });
    const folder = copyFixtureWorkspace(fixture, flowDir);
    const url = workbenchUrl(this.server, {
      folder,
      ...(openFile ? { openFile: join(folder, openFile) } : {}),
    });
    return this.openUrl(url, basename(folder), artifacts);
  }

  /** A new window on any workbench URL (e.g. the one `npm start` prints). */
  async openUrl(url: string, folderName: string, artifacts: Artifacts): Promise<Workbench> {
    const page = await this.browser.newPage();
    await page.goto(url);
    const workbench = new Workbench(page, artifacts);
    await workbench.ready(folderName);
    return workbench;
  }

  /** Windows still open (screenshots of them explain a failure). */
  openPages() {
    return this.browser.pages();
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }
}

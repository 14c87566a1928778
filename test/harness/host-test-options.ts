// What both hosts (desktop VS Code and code-server) need to run the extension's test suite.

export interface HostTestOptions {
  /** The extension's folder (its package.json), loaded from source like F5 does. */
  readonly extensionDevelopmentPath: string;
  /** The built suite module exporting `run()` (the @vscode/test-electron convention). */
  readonly extensionTestsPath: string;
  /** The workspace folder the window opens, or a `.code-workspace` file naming several folders. */
  readonly folder: string;
  /** Scratch folder for profiles and logs of this run. */
  readonly runDir: string;
  /** Environment for the extension host (the suite reads its results file path from it). */
  readonly env: Record<string, string>;
  /** Give up after this long: a hung workbench must not hang CI. */
  readonly timeoutSeconds: number;
  /** Where a failure screenshot goes. */
  readonly artifactsDir: string;
}

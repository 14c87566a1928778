// An isolated code-server: VS Code's own server (a real Node extension host) plus the web workbench.
// Everything it writes goes under the run dir, so runs never share state with each other or the user.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { codeServerBin } from './paths';
import { forgetGroup, signalGroup, trackGroup } from './process-groups';

export interface CodeServer {
  /** `http://127.0.0.1:PORT`, what a browser opens. */
  readonly origin: string;
  /** `127.0.0.1:PORT`: the remote authority of every file the workbench shows. */
  readonly authority: string;
  readonly logFile: string;
  readonly readyMs: number;
  /** Settles when the server process ends, whoever ended it (with its exit code, null if killed). */
  readonly exited: Promise<number | null>;
  /** The URI under which the workbench (and payload entries) see a local path. */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  readonly runDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** User settings merged over `quietSettings`, for a new profile. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment for the server; the extension host inherits it. */
  readonly env?: Record<string, string>;
}

/** Settings that keep a test workbench deterministic: no welcome pages, tips, update or network checks. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  // Workspaces inside this repository (samples/) would otherwise ask to open the parent git repository.
  'git.openRepositoryInParentFolders': 'never',
  // Automatic type acquisition would make tsserver run npm against the registry.
  'typescript.disableAutomaticTypeAcquisition': true,
};

/** The folders code-server uses inside a run dir; `installExtension` must use the same ones. */
export function codeServerDirs(runDir: string) {
  return {
    userData: join(runDir, 'user-data'),
    extensions: join(runDir, 'extensions'),
    config: join(runDir, 'config.yaml'),
    home: join(runDir, 'home'),
    xdgConfig: join(runDir, 'xdg', 'config'),
    xdgData: join(runDir, 'xdg', 'data'),
    xdgCache: join(runDir, 'xdg', 'cache'),
    tmp: join(runDir, 'tmp'),
  };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { runDir } = options;
  const port = options.port || (await freePort());
  const dirs = codeServerDirs(runDir);
  if (!existsSync(codeServerBin)) {
    throw new Error(
      `code-server is not installed at ${codeServerBin}: run \`bash scripts/setup-host.sh ui\``,
    );
  }
  prepareDirs(runDir);
  // Only into a new profile: a kept one (npm start's) holds the user's own settings by now.
  const settingsFile = join(dirs.userData, 'User', 'settings.json');
  if (!existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  }
  // An explicit config file: otherwise code-server creates ~/.config/code-server/config.yaml with a password.
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    ...commonArgs(runDir),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const logFile = join(runDir, 'code-server.log');
  const log = openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(codeServerBin, args, {
    // Its own process group: stopping the group also stops extension hosts, tsserver and watchers.
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...isolatedEnv(runDir), ...options.env },
  });
  closeSync(log); // the child has its own copy
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${codeServerBin}`);
  trackGroup(pid);
  let exited = false;
  const exitCode = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      forgetGroup(pid);
      resolve(code);
    }),
  );

  const authority = `127.0.0.1:${port}`;
  const origin = `http://${authority}`;
  while (!(await respondsOk(`${origin}/healthz`))) {
    if (exited) throw new Error(`code-server exited during startup; see ${logFile}`);
    if (Date.now() - started > 60_000) {
      signalGroup(pid, 'SIGKILL');
      throw new Error(`code-server did not answer on ${origin} within 60 s; see ${logFile}`);
    }
    await sleep(100);
  }
  return {
    origin,
    authority,
    logFile,
    readyMs: Date.now() - started,
    exited: exitCode,
    remoteUri: (path) => `vscode-remote://${authority}${path}`,
    async stop() {
      if (exited) return;
      signalGroup(pid, 'SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) signalGroup(pid, 'SIGKILL');
    },
  };
}

/**
 * Install a .vsix the way a user does (`code-server --install-extension`) into the run dir's
 * extensions folder. Throws with code-server's output when the install fails.
 */
export function installExtension(runDir: string, vsix: string): string {
  prepareDirs(runDir);
  return execFileSync(codeServerBin, [...commonArgs(runDir), '--install-extension', vsix], {
    env: { ...process.env, ...isolatedEnv(runDir) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** HOME, XDG folders and TMPDIR (git's IPC sockets, tsserver logs) inside the run dir. */
export function isolatedEnv(runDir: string): Record<string, string> {
  const dirs = codeServerDirs(runDir);
  return {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
  };
}

function commonArgs(runDir: string): string[] {
  const dirs = codeServerDirs(runDir);
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.config];
}

function prepareDirs(runDir: string): void {
  const dirs = codeServerDirs(runDir);
  for (const dir of [dirs.extensions, dirs.home, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache, dirs.tmp]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function respondsOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

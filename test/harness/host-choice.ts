// Which VS Code runs the extension-host tests. A desktop VS Code (through @vscode/test-electron) is
// the usual choice wherever one can be downloaded or is already there; machines that cannot download
// it (no internet beyond package registries) run the same suite in code-server instead.
// `npm start` makes the same choice for a window a person looks at (chooseStartHost).
// Run directly with `tests` or `start`, prints the choice's kind (scripts/setup-host.sh asks it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export type HostChoice =
  | { readonly kind: 'electron'; readonly vscodeExecutablePath?: string; readonly reason: string }
  | { readonly kind: 'code-server'; readonly reason: string };

/** Where @vscode/test-electron keeps its downloads (its default cache path). */
export const vscodeTestCache = join(repoRoot, '.vscode-test');

export function chooseHost(env: NodeJS.ProcessEnv = process.env): HostChoice {
  const executable = env.VSCODE_EXECUTABLE || undefined;
  const requested = env.STREAMSHIFT_VSCODE_HOST;
  if (requested === 'code-server')
    return { kind: 'code-server', reason: 'STREAMSHIFT_VSCODE_HOST=code-server' };
  if (requested === 'electron') {
    return { kind: 'electron', vscodeExecutablePath: executable, reason: 'STREAMSHIFT_VSCODE_HOST=electron' };
  }
  if (requested) {
    throw new Error(`STREAMSHIFT_VSCODE_HOST must be "electron" or "code-server", not "${requested}"`);
  }
  if (executable)
    return { kind: 'electron', vscodeExecutablePath: executable, reason: 'VSCODE_EXECUTABLE is set' };
  const downloaded = downloadedVSCode();
  if (downloaded)
    return { kind: 'electron', reason: `VS Code already downloaded in .vscode-test/${downloaded}` };
  return {
    kind: 'code-server',
    reason: 'no desktop VS Code available (set STREAMSHIFT_VSCODE_HOST=electron to download one)',
  };
}

/** A `vscode-<platform>-<version>` folder left by an earlier @vscode/test-electron download. */
function downloadedVSCode(): string | undefined {
  if (!existsSync(vscodeTestCache)) return undefined;
  return readdirSync(vscodeTestCache).find((name) => /^vscode-.+-\d+\.\d+\.\d+/.test(name));
}

export type StartChoice = { readonly kind: 'desktop' | 'code-server'; readonly reason: string };

/**
 * `npm start` opens a desktop VS Code when the developer has one to look at: a `code` command and a
 * display. STREAMSHIFT_START_HOST=desktop|code-server overrides the guess.
 */
export function chooseStartHost(env: NodeJS.ProcessEnv = process.env): StartChoice {
  const requested = env.STREAMSHIFT_START_HOST;
  if (requested === 'desktop' || requested === 'code-server') {
    return { kind: requested, reason: `STREAMSHIFT_START_HOST=${requested}` };
  }
  if (requested)
    throw new Error(`STREAMSHIFT_START_HOST must be "desktop" or "code-server", not "${requested}"`);
  const hasDisplay = process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (!hasDisplay) return { kind: 'code-server', reason: 'no display' };
  if (!commandExists('code')) return { kind: 'code-server', reason: 'no `code` command on PATH' };
  return { kind: 'desktop', reason: '`code` command and a display are available' };
}

function commandExists(command: string): boolean {
  const probe = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(probe, [command], { stdio: 'ignore' }).status === 0;
}

if (require.main === module) {
  const purpose = process.argv[2];
  if (purpose === 'tests') console.log(chooseHost().kind);
  else if (purpose === 'start') console.log(chooseStartHost().kind);
  else {
    console.error('usage: host-choice.ts tests|start');
    process.exitCode = 2;
  }
}

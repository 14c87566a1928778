// Which VS Code runs the extension-host tests. A desktop VS Code (through @vscode/test-electron) is
// the usual choice wherever one can be downloaded or is already there; machines that cannot download
// it (no internet beyond package registries) run the same suite in code-server instead.
// Run directly, prints `electron` or `code-server` (scripts/setup-host.sh asks it).
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

if (require.main === module) console.log(chooseHost().kind);

// Where the harness finds its tools and puts its output. Everything host-related lives outside the
// repository (code-server is ~300 MB and not a dependency of the extension) except test-artifacts/.
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The code-server release that embeds VS Code 1.100.3, the version `engines.vscode` targets. */
export const codeServerVersion = '4.100.3';
export const embeddedVSCodeVersion = '1.100.3';

export const repoRoot = resolve(__dirname, '..', '..');

/** Shared with scripts/setup-host.sh: keep the two defaults identical. */
export const hostCacheDir =
  process.env.STREAMSHIFT_HOST_CACHE ?? join(homedir(), '.cache', 'streamshift-host');

export const codeServerBin =
  process.env.CODE_SERVER_BIN ??
  join(hostCacheDir, `code-server-${codeServerVersion}`, 'node_modules', '.bin', 'code-server');

export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Screenshots and logs worth looking at after a run (git-ignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts');

/**
 * Per-run scratch folders (user data, HOME, workspace copies); removed after successful runs. Under the
 * system temp folder, not the cache: Chromium and VS Code put unix sockets in there, and socket paths
 * longer than 108 bytes are refused.
 */
export const runsRoot = join(tmpdir(), 'streamshift-runs');

/** The packaged extension, as `npm run package` writes it. */
export const vsixPath = join(repoRoot, 'dist', 'streamshift.vsix');

// Loads esbuild for the task runner (ADR 0003): the extension ships esbuild's JavaScript API bundled into
// dist/esbuild-api.js and esbuild's native binary for its platform in dist/bin/. The API finds the
// binary through ESBUILD_BINARY_PATH, which it reads once when the bundle is first required.
import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EsbuildBuild } from './jobBundler';

export function bundledEsbuildBinary(distDir: string): string {
  return join(distDir, 'bin', process.platform === 'win32' ? 'esbuild.exe' : 'esbuild');
}

export function loadBundledEsbuild(distDir: string): EsbuildBuild {
  const binary = bundledEsbuildBinary(distDir);
  if (!existsSync(binary)) {
    throw new Error(
      `this Streamshift package has no esbuild binary for ${process.platform}-${process.arch} (${binary}); ` +
        'install the Streamshift VSIX built for this platform',
    );
  }
  ensureExecutable(binary);
  const previous = process.env.ESBUILD_BINARY_PATH;
  process.env.ESBUILD_BINARY_PATH = binary;
  try {
    // The path is computed so the extension bundle does not inline esbuild: it loads only when a job runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, loaded on demand
    const api = require(join(distDir, 'esbuild-api.js')) as { build: EsbuildBuild };
    return api.build;
  } finally {
    // Other extensions share this process: leave the environment as it was (esbuild has read it).
    if (previous === undefined) delete process.env.ESBUILD_BINARY_PATH;
    else process.env.ESBUILD_BINARY_PATH = previous;
  }
}

/** A VSIX is a zip: some installers drop the executable bit of files inside it. */
function ensureExecutable(binary: string): void {
  if (process.platform === 'win32') return;
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, 0o755);
  }
}

// One build for every bundle the product ships: the extension host bundle, the lazily loaded
// converter, the webview script, the CLI, the runtime package and the extension-host test suite.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** All .ts files under dir (the runtime is transpiled file by file so its sub-path modules share classes). */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** An esbuild plugin running `action` after every successful build (also in watch mode). */
function afterBuild(name, action) {
  return {
    name,
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length === 0) action();
      });
    },
  };
}

/** esbuild's binary for this platform, next to the bundled API (the VSIX is built per platform). */
function copyEsbuildBinary() {
  const require = createRequire(import.meta.url);
  const windows = process.platform === 'win32';
  const binary = require.resolve(
    `@esbuild/${process.platform}-${process.arch}/${windows ? 'esbuild.exe' : 'bin/esbuild'}`,
  );
  mkdirSync('dist/bin', { recursive: true });
  copyFileSync(binary, `dist/bin/${windows ? 'esbuild.exe' : 'esbuild'}`);
}

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const configs = [
  {
    ...node,
    entryPoints: {
      extension: 'src/extension.ts',
      cli: 'src/cli/main.ts',
      // Loaded lazily by the extension (ADR 0002): ts-morph stays out of extension.js.
      convert: 'src/convert/index.ts',
      // esbuild's JS API for the task runner; its native binary is copied to dist/bin (ADR 0003).
      'esbuild-api': 'src/esbuildApi.ts',
    },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [afterBuild('copy esbuild binary', copyEsbuildBinary)],
    // esbuild-api.js finds its binary through ESBUILD_BINARY_PATH, never through require.resolve.
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
  },
  {
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    logLevel: 'info',
    entryPoints: tsFiles('runtime/src'),
    outbase: 'runtime/src',
    outdir: 'runtime/dist',
    // The extension runs jobs against this copy, shipped inside the VSIX (dist/runtime).
    plugins: [
      afterBuild('copy runtime into dist', () => cpSync('runtime/dist', 'dist/runtime', { recursive: true })),
    ],
  },
];
if (!production) {
  configs.push({
    ...node,
    // The runner and each test file as its own module: index.js loads every *.test.js beside it.
    entryPoints: readdirSync('test/host/suite')
      .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
      .map((name) => join('test/host/suite', name)),
    outdir: 'out/test/host/suite',
    external: ['vscode', 'mocha'],
  });
}

if (!watch) {
  for (const dir of ['dist', 'runtime/dist', 'out']) rmSync(dir, { recursive: true, force: true });
}
/**
 * The runtime's declaration files (.d.ts) into dist/runtime, for user workspaces (ADR 0005). tsc runs in
 * its own process while esbuild bundles, so a build takes hardly longer; watch builds skip it.
 */
function emitRuntimeTypes() {
  return new Promise((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const tsc = require.resolve('typescript/bin/tsc');
    const child = spawn(process.execPath, [tsc, '-p', 'scripts/tsconfig.runtime-types.json'], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`runtime declarations: tsc exited with code ${code}`)),
    );
  });
}

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`[watch] watching ${configs.length} bundles`);
} else {
  await Promise.all([...configs.map((c) => esbuild.build(c)), emitRuntimeTypes()]);
  console.log(
    `built ${configs.length} bundles${production ? ' (production)' : ''} from ${relative(process.cwd(), '.') || '.'}`,
  );
}

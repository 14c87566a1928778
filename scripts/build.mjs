// One build for every bundle the product ships: the extension host bundle, the lazily loaded
// converter, the webview script, the CLI, the runtime package and the extension-host test suite.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
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
    entryPoints: { extension: 'src/extension.ts', cli: 'src/cli/main.ts' },
    outdir: 'dist',
    external: ['vscode'],
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
  },
];
if (!production) {
  configs.push({
    ...node,
    // The runner and each test file as its own module: index.js loads every *.test.js beside it.
    entryPoints: readdirSync('test/host/suite')
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join('test/host/suite', name)),
    outdir: 'out/test/host/suite',
    external: ['vscode', 'mocha'],
  });
}

if (!watch) {
  for (const dir of ['dist', 'runtime/dist', 'out']) rmSync(dir, { recursive: true, force: true });
}
if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`[watch] watching ${configs.length} bundles`);
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(
    `built ${configs.length} bundles${production ? ' (production)' : ''} from ${relative(process.cwd(), '.') || '.'}`,
  );
}

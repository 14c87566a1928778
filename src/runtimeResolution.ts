// Jobs import `@streamshift/runtime` (and its sub-paths). When the extension bundles a job, those
// imports resolve to the runtime shipped inside the extension, so a workspace that never installed the
// runtime still runs, and every job runs against the same runtime version as the extension.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

const runtimeSpecifier = /^@streamshift\/runtime(\/[\w/-]+)?$/;

/**
 * The runtime folder inside an extension: the built copy (`dist/runtime`, what the VSIX ships) or, when
 * the extension runs from a checkout without that copy, the sources (`runtime/src`).
 */
export function shippedRuntimeRoot(extensionPath: string): string {
  const built = join(extensionPath, 'dist', 'runtime');
  if (existsSync(join(built, 'index.js'))) return built;
  return join(extensionPath, 'runtime', 'src');
}

/**
 * The file for `@streamshift/runtime<subpath>` under root: `<sub>.js|.ts` or `<sub>/index.js|.ts`, the
 * same layout as the package's `exports`. Undefined for a sub-path the runtime does not have.
 */
export function runtimeModulePath(
  root: string,
  specifier: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const match = runtimeSpecifier.exec(specifier);
  if (!match) return undefined;
  const sub = (match[1] ?? '').replace(/^\//, '');
  const candidates = sub
    ? [`${sub}.js`, `${sub}.ts`, `${sub}/index.js`, `${sub}/index.ts`]
    : ['index.js', 'index.ts'];
  for (const candidate of candidates) {
    const path = join(root, candidate);
    if (exists(path)) return path;
  }
  return undefined;
}

/** esbuild plugin sending runtime imports to `root`; an unknown sub-path is a build error naming it. */
export function runtimeResolverPlugin(root: string): Plugin {
  return {
    name: 'streamshift-runtime',
    setup(build) {
      build.onResolve({ filter: /^@streamshift\/runtime(\/.*)?$/ }, (args) => {
        const path = runtimeModulePath(root, args.path);
        if (path) return { path };
        return {
          errors: [
            {
              text: `"${args.path}" is not a module of @streamshift/runtime (it has "", "/streaming", "/sql", "/sql/functions", "/sql/types", "/sql/streaming")`,
            },
          ],
        };
      });
    },
  };
}

// Gives a user's workspace folder the runtime's types (ADR 0005): a copy of the runtime shipped inside
// the extension (JavaScript and .d.ts, no source maps) as `node_modules/@streamshift/runtime` in the
// workspace folder, where TypeScript, tsc and node all look for a package. Nothing is written outside
// the folder; the copy carries a marker naming the extension, so removing it (the undo) and refreshing
// it after an extension update only ever touch a copy the extension wrote itself.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Where the copy goes, relative to the workspace folder. */
export const runtimePackageDir = join('node_modules', '@streamshift', 'runtime');

/** The sub-path modules of the runtime (the keys of its package `exports`). */
export const runtimeSubpaths = [
  '',
  '/streaming',
  '/sql',
  '/sql/functions',
  '/sql/types',
  '/sql/streaming',
] as const;

export type RuntimeTypesStatus =
  /** A copy written by this extension version. */
  | { readonly kind: 'current' }
  /** A copy written by another version of the extension: refreshed without asking. */
  | { readonly kind: 'outdated'; readonly version: string }
  /** The folder resolves the runtime some other way (its own install, tsconfig `paths`): left alone. */
  | { readonly kind: 'provided'; readonly by: string }
  | { readonly kind: 'missing' };

export interface RuntimeTypesSource {
  /** The runtime shipped in the extension (dist/runtime: .js and .d.ts). */
  readonly runtimeDir: string;
  readonly extensionVersion: string;
}

/** The marker in the copy's package.json. */
const markerKey = 'streamshiftCopy';

/**
 * How `@streamshift/runtime` resolves for a job in `jobDir` (inside `workspaceDir`): a node_modules
 * package in the job's folder or one above it up to the workspace folder, or a tsconfig/jsconfig there
 * that maps the name (this repository does), else missing.
 */
export function runtimeTypesStatus(
  workspaceDir: string,
  jobDir: string,
  extensionVersion: string,
): RuntimeTypesStatus {
  for (const dir of foldersUpTo(workspaceDir, jobDir)) {
    const manifest = join(dir, runtimePackageDir, 'package.json');
    if (existsSync(manifest)) {
      const copy = readCopyMarker(manifest);
      if (copy === undefined) return { kind: 'provided', by: relative(workspaceDir, manifest) || manifest };
      return copy === extensionVersion ? { kind: 'current' } : { kind: 'outdated', version: copy };
    }
    for (const config of ['tsconfig.json', 'jsconfig.json']) {
      const file = join(dir, config);
      if (existsSync(file) && readFileSync(file, 'utf8').includes('@streamshift/runtime')) {
        return { kind: 'provided', by: relative(workspaceDir, file) };
      }
    }
  }
  return { kind: 'missing' };
}

/**
 * Writes (or refreshes) the copy in `workspaceDir` and returns its folder. Refuses to replace a package
 * the extension did not write. The copy is assembled beside its place and renamed in, so a failure
 * leaves no half-written package.
 */
export function installRuntimeTypes(workspaceDir: string, source: RuntimeTypesSource): string {
  if (!existsSync(join(source.runtimeDir, 'index.d.ts'))) {
    throw new Error(
      `this Streamshift build ships no runtime declarations (${join(source.runtimeDir, 'index.d.ts')} is missing); run "npm run build"`,
    );
  }
  const target = join(workspaceDir, runtimePackageDir);
  assertInside(workspaceDir, target);
  const manifest = join(target, 'package.json');
  if (existsSync(manifest) && readCopyMarker(manifest) === undefined) {
    throw new Error(
      `${relative(workspaceDir, target)} is a package this extension did not write; it is left as it is`,
    );
  }
  const staging = `${target}.streamshift-tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  try {
    cpSync(source.runtimeDir, staging, {
      recursive: true,
      filter: (path) => !path.endsWith('.map'),
    });
    writeFileSync(
      join(staging, 'package.json'),
      `${JSON.stringify(copyManifest(source.extensionVersion), null, 2)}\n`,
    );
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/**
 * The undo: removes the copy the extension wrote, then `node_modules/@streamshift` and `node_modules`
 * if that left them empty. Returns false when there is no copy of ours to remove.
 */
export function removeRuntimeTypes(workspaceDir: string): boolean {
  const target = join(workspaceDir, runtimePackageDir);
  assertInside(workspaceDir, target);
  const manifest = join(target, 'package.json');
  if (!existsSync(manifest) || readCopyMarker(manifest) === undefined) return false;
  rmSync(target, { recursive: true, force: true });
  for (const dir of [dirname(target), dirname(dirname(target))]) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
  return true;
}

/** The package.json of the copy: the same sub-paths as the runtime package, types first. */
function copyManifest(extensionVersion: string): unknown {
  const exports: Record<string, unknown> = {};
  for (const sub of runtimeSubpaths) {
    const file =
      sub === ''
        ? 'index'
        : ['/sql/functions', '/sql/types'].includes(sub)
          ? sub.slice(1)
          : `${sub.slice(1)}/index`;
    exports[`.${sub}`] = { types: `./${file}.d.ts`, default: `./${file}.js` };
  }
  return {
    name: '@streamshift/runtime',
    version: extensionVersion,
    description:
      'Copy of the Streamshift runtime shipped in the VS Code extension, for type checking and IntelliSense. Remove it with "Streamshift: Remove Runtime Types".',
    main: './index.js',
    types: './index.d.ts',
    exports,
    [markerKey]: { extensionVersion },
  };
}

function readCopyMarker(manifest: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    const marker = parsed[markerKey] as { extensionVersion?: unknown } | undefined;
    return typeof marker?.extensionVersion === 'string' ? marker.extensionVersion : undefined;
  } catch {
    return undefined;
  }
}

/** jobDir, its parents, ..., workspaceDir (only jobDir when it is not inside workspaceDir). */
function foldersUpTo(workspaceDir: string, jobDir: string): string[] {
  const root = resolve(workspaceDir);
  const folders: string[] = [];
  let dir = resolve(jobDir);
  for (;;) {
    folders.push(dir);
    if (dir === root || !isInside(root, dir)) return folders;
    const parent = dirname(dir);
    if (parent === dir) return folders;
    dir = parent;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function assertInside(root: string, path: string): void {
  if (!isInside(resolve(root), resolve(path)) || resolve(root) === resolve(path)) {
    throw new Error(`refusing to write ${path}: it is not inside the workspace folder ${root}`);
  }
}

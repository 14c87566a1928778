// Where the run panel may write: only inside the job's folder, never through a symlink that leads out of
// it. Every path the panel deletes or writes goes through these checks first.
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Thrown when a path would leave the folder it must stay in; the message names both. */
export class PathEscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathEscapeError';
  }
}

/** True when `child` is `parent` or below it (plain path arithmetic, no file system access). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * A file name the panel may create in a folder: one path segment, not `.`/`..`, no separators or NUL.
 * A feed file named `../x.csv` (or `a/b.csv`) is refused instead of being written elsewhere.
 */
export function checkPlainFileName(name: string): void {
  if (
    name === '' ||
    name === '.' ||
    name === '..' ||
    name.includes('/') ||
    name.includes('\\') ||
    name.includes('\0')
  ) {
    throw new PathEscapeError(`"${name}" is not a plain file name: feeding never writes outside the folder`);
  }
}

/**
 * Resolves `relativePath` against `root` and checks the result stays inside `root`, also once symlinks
 * are followed (for the part of the path that exists). Returns the absolute path.
 */
export function resolveInside(root: string, relativePath: string, what: string): string {
  const target = resolve(root, relativePath);
  if (!isInside(root, target)) {
    throw new PathEscapeError(`${what} ${relativePath} is outside the job's folder ${root}`);
  }
  const realRoot = realpathSync(root);
  const existing = deepestExisting(target);
  const realExisting = realpathSync(existing);
  if (!isInside(realRoot, realExisting)) {
    throw new PathEscapeError(
      `${what} ${relativePath} leads outside the job's folder ${root} through the symlink ${existing}`,
    );
  }
  return target;
}

/** True when the path exists and is a symbolic link (not followed). */
export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function deepestExisting(path: string): string {
  let current = path;
  for (;;) {
    try {
      lstatSync(current);
      return current;
    } catch {
      const parent = resolve(current, '..');
      if (parent === current) return current;
      current = parent;
    }
  }
}

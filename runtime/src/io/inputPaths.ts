import { readdirSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, parse, resolve, sep } from 'node:path';
import type { InputFile } from './fileSplits';
import { globComponentToRegExp, hasGlobCharacters, splitPathList } from './globPattern';

/**
 * Resolves what `textFile`/`wholeTextFiles` were given — a file, a directory, a glob, or a
 * comma-separated list of those, optionally with a `file:` scheme — into the files to read, the way
 * Hadoop's FileInputFormat does: a directory contributes its files (not recursively; a nested directory is
 * an error, "Not a file"), names starting with `.` or `_` are skipped when listing (so Spark's own output
 * directories, with `_SUCCESS`, read back cleanly), glob matches are sorted, and a path that does not
 * exist or a pattern that matches nothing is an error naming it, with Spark's wording.
 */
export function resolveInputFiles(pathSpec: string | readonly string[]): InputFile[] {
  const specs = typeof pathSpec === 'string' ? splitPathList(pathSpec) : [...pathSpec];
  if (specs.length === 0) throw new Error('Can not create a Path from an empty string');
  const files: InputFile[] = [];
  for (const spec of specs) {
    const path = toLocalPath(spec);
    if (hasGlobCharacters(path)) {
      const matches = expandGlob(path);
      if (matches.length === 0) throw new Error(`Input Pattern ${displayPath(path)} matches 0 files`);
      for (const match of matches) addPath(match, files);
    } else {
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch {
        throw new Error(`Input path does not exist: ${displayPath(path)}`);
      }
      addPath(path, files, stats);
    }
  }
  return files;
}

/** Spark's way of showing a local path in messages and in `wholeTextFiles` keys: `file:/abs/path`. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  return `file:${sep === '\\' ? '/' + absolute.replace(/\\/g, '/') : absolute}`;
}

/** Strips a `file:` / `file://` scheme and makes the path absolute. */
export function toLocalPath(spec: string): string {
  let path = spec.trim();
  if (path.startsWith('file://')) path = path.slice('file://'.length);
  else if (path.startsWith('file:')) path = path.slice('file:'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new Error(`No FileSystem for scheme in ${spec}`);
  return isAbsolute(path) ? path : resolve(path);
}

/** Whether Hadoop's listing skips this name. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

function addPath(path: string, files: InputFile[], stats: Stats = statSync(path)): void {
  if (stats.isFile()) {
    files.push({ path, size: stats.size });
    return;
  }
  if (!stats.isDirectory()) throw new Error(`Not a file: ${displayPath(path)}`);
  for (const name of readdirSync(path).sort()) {
    if (isHiddenName(name)) continue;
    const child = join(path, name);
    const childStats = statSync(child);
    if (!childStats.isFile()) throw new Error(`Not a file: ${displayPath(child)}`);
    files.push({ path: child, size: childStats.size });
  }
}

/** Expands an absolute glob component by component, skipping hidden names as Hadoop's filter does. */
function expandGlob(path: string): string[] {
  const { root } = parse(path);
  const components = path
    .slice(root.length)
    .split(/[\\/]+/)
    .filter(Boolean);
  let current = [root];
  for (const component of components) {
    const next: string[] = [];
    if (!hasGlobCharacters(component)) {
      for (const base of current) next.push(join(base, component));
    } else {
      const pattern = globComponentToRegExp(component);
      for (const base of current) {
        let names: string[];
        try {
          names = readdirSync(base);
        } catch {
          continue;
        }
        for (const name of names.sort()) {
          if (!isHiddenName(name) && pattern.test(name)) next.push(join(base, name));
        }
      }
    }
    current = next;
  }
  return current
    .filter((candidate) => {
      try {
        statSync(candidate);
        return true;
      } catch {
        return false;
      }
    })
    .sort();
}

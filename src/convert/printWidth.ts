// The line width generated code should fit in. A project formatted with Prettier says so in its config;
// the converter reads that (the nearest .prettierrc / .prettierrc.json / package.json "prettier" key above
// the job) so converted code stays Prettier-clean. Without one, the file's own lines decide (see style.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type FileReader = (absolutePath: string) => string | undefined;

/** The printWidth the project of the job at `fileName` configures; undefined without a Prettier config. */
export function configuredPrintWidthFor(
  fileName: string,
  read: FileReader = readIfExists,
): number | undefined {
  return path.isAbsolute(fileName) ? configuredPrintWidth(path.dirname(fileName), read) : undefined;
}

/** Prettier's printWidth from the nearest config file at or above `dir`; 80 when the config omits it. */
function configuredPrintWidth(dir: string, read: FileReader): number | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    for (const name of ['.prettierrc', '.prettierrc.json', 'package.json']) {
      const content = read(path.join(current, name));
      if (content === undefined) continue;
      const width = widthIn(name, content);
      if (width !== undefined) return width;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** undefined when the file is not a Prettier config (a package.json without a "prettier" key). */
function widthIn(name: string, content: string): number | undefined {
  let config: unknown;
  try {
    config = JSON.parse(content);
  } catch {
    if (name !== '.prettierrc') return undefined;
    // .prettierrc may be YAML: only the one key matters here.
    const match = /^\s*printWidth\s*:\s*(\d+)\s*$/m.exec(content);
    return match ? Number(match[1]) : 80;
  }
  if (name === 'package.json') {
    if (typeof config !== 'object' || config === null || !('prettier' in config)) return undefined;
    config = (config as { prettier: unknown }).prettier;
    // A shared config by package name: its width is unknown here; Prettier's default is the best guess.
    if (typeof config === 'string') return 80;
  }
  if (typeof config !== 'object' || config === null) return 80;
  const width = (config as { printWidth?: unknown }).printWidth;
  return typeof width === 'number' && Number.isInteger(width) && width > 0 ? width : 80;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

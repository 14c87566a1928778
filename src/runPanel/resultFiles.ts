// Reads what a job wrote: Spark's output directory (part-00000, part-00001, ...; `_SUCCESS` and hidden
// files skipped) or a single file, as lines (also used for input folders: Spark's records are their lines).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The output's lines in part order, or undefined when nothing has been written there yet. */
export function readResultLines(outputPath: string): string[] | undefined {
  if (!existsSync(outputPath)) return undefined;
  const files = statSync(outputPath).isDirectory()
    ? readdirSync(outputPath)
        .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
        .sort()
        .map((name) => join(outputPath, name))
        .filter((path) => statSync(path).isFile())
    : [outputPath];
  return files.flatMap((file) => splitLines(readFileSync(file, 'utf8')));
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

// The batch job "over exactly the files fed so far" (docs/adr/0004-run-panel-equivalence.md): a scratch
// copy of the job's folder in which the batch job's input path is a directory holding only those files.
// Spark's textFile (and the DataFrame readers) read a directory as all its visible files, each on its
// own, which is how the stream read them: no file is glued to the next, a CSV header stays per file.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { isInside, resolveInside } from './safePaths';

export interface SubsetRequest {
  readonly jobDir: string;
  /** Recreated on every call; must be outside the job's folder. */
  readonly scratchDir: string;
  /** The batch job's input path as written in the job (relative to its folder). */
  readonly inputPath?: string;
  /** The fed files to put there (absolute paths); undefined keeps the job's own input (the full run). */
  readonly files?: readonly string[];
  /** Paths (relative to the job's folder) not copied: the stream's folders, outputs, the feed folder. */
  readonly exclude: readonly string[];
}

/** Thrown when the batch job's input cannot be replaced by a set of files (a glob, a list, an expression). */
export class SubsetUnsupportedError extends Error {}

/** Builds the scratch folder and returns it; the batch job then runs there instead of in its folder. */
export function prepareSubsetFolder(request: SubsetRequest): string {
  const { jobDir, scratchDir } = request;
  if (request.files && request.inputPath && /[*?[\]{},]/.test(request.inputPath)) {
    throw new SubsetUnsupportedError(
      `the batch job reads "${request.inputPath}" (a pattern or a list of paths); the panel can only ` +
        'swap a single input file or folder for the fed files',
    );
  }
  if (request.files && request.inputPath === undefined) {
    throw new SubsetUnsupportedError("the batch job's input path is not a literal the panel can swap");
  }
  const input =
    request.files && request.inputPath !== undefined
      ? resolveInside(jobDir, request.inputPath.replace(/^file:/, ''), "The batch job's input")
      : undefined;
  if (isInside(scratchDir, jobDir) || isInside(jobDir, scratchDir)) {
    throw new Error(`The scratch folder ${scratchDir} and the job folder ${jobDir} overlap`);
  }
  const files = request.files;
  const excluded = [...request.exclude.map((path) => resolve(jobDir, path)), ...(input ? [input] : [])];
  rmSync(scratchDir, { recursive: true, force: true });
  mkdirSync(scratchDir, { recursive: true });
  cpSync(jobDir, scratchDir, {
    recursive: true,
    filter: (source) => {
      if (source === jobDir) return true;
      const name = basename(source);
      if (name.startsWith('.') || name === 'node_modules') return false;
      return !excluded.some((path) => isInside(path, source));
    },
  });
  if (files && input) {
    const subsetInput = join(scratchDir, relative(jobDir, input));
    mkdirSync(subsetInput, { recursive: true });
    for (const file of files) cpSync(file, join(subsetInput, basename(file)));
  }
  return scratchDir;
}

// A sample's `sample.json`: what the demo needs to know that the converter's analysis cannot tell it —
// which files to feed and in what order, which outputs are the result to compare, and the checked-in
// expected batch result. Paths are relative to the sample's folder (where its jobs run).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, isAbsolute, normalize, sep } from 'node:path';

export interface SampleOutput {
  /** Where the batch job writes this result; the converted stream job writes it there too. */
  readonly path: string;
  /** The checked-in batch result (a file or a Spark output folder), compared with the batch's output. */
  readonly expected?: string;
  /**
   * The checked-in stream result, for an output where the stream differs from the batch by design (a
   * watermark drops late rows): the stream is compared with it, and the difference from the batch shown.
   */
  readonly streamExpected?: string;
}

export interface SampleSpec {
  /** The sample's folder name, e.g. `wordcount`. */
  readonly name: string;
  /** Absolute path of the sample's folder. */
  readonly dir: string;
  readonly description: string;
  /** The batch job, e.g. `batch.ts`. */
  readonly job: string;
  /** Folder of feed parts, fed to the stream in file-name order (numbers compared as numbers). */
  readonly feed: string;
  /** Folder the converted stream job watches (the converter's `inputDir`). Default `stream_input/`. */
  readonly inputDir: string;
  /** Micro-batch interval the demo converts with: short, so the demo takes seconds. */
  readonly triggerSeconds: number;
  readonly outputs: readonly SampleOutput[];
}

export const sampleFileName = 'sample.json';

/** Reads and checks `<dir>/sample.json`; every problem is an error naming the file and the field. */
export function readSampleSpec(dir: string): SampleSpec {
  const file = join(dir, sampleFileName);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the sample description: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
  const obj = raw as Record<string, unknown>;
  const known = new Set(['description', 'job', 'feed', 'inputDir', 'triggerSeconds', 'outputs']);
  for (const key of Object.keys(obj)) if (!known.has(key)) fail(`unknown field "${key}"`);

  const relativePath = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value.trim() === '')
      return fail(`"${field}" must be a non-empty string`);
    const normal = normalize(value);
    if (isAbsolute(value) || normal === '..' || normal.startsWith(`..${sep}`))
      fail(`"${field}" must be a path inside the sample folder, got "${value}"`);
    return value;
  };
  const description = obj.description ?? '';
  if (typeof description !== 'string') fail('"description" must be a string');
  const job = relativePath(obj.job, 'job');
  const feed = relativePath(obj.feed, 'feed');
  const inputDir = obj.inputDir === undefined ? 'stream_input/' : relativePath(obj.inputDir, 'inputDir');
  const trigger = obj.triggerSeconds ?? 1;
  if (typeof trigger !== 'number' || !(trigger > 0)) fail('"triggerSeconds" must be a number > 0');
  if (!Array.isArray(obj.outputs) || obj.outputs.length === 0)
    fail('"outputs" must be a non-empty array of { "path": ..., "expected": ... }');
  const outputs = (obj.outputs as unknown[]).map((entry, index): SampleOutput => {
    const field = `outputs[${index}]`;
    if (typeof entry !== 'object' || entry === null) return fail(`"${field}" must be an object`);
    const o = entry as Record<string, unknown>;
    for (const key of Object.keys(o))
      if (key !== 'path' && key !== 'expected' && key !== 'streamExpected')
        fail(`unknown field "${field}.${key}"`);
    const path = relativePath(o.path, `${field}.path`);
    return {
      path,
      ...(o.expected === undefined ? {} : { expected: relativePath(o.expected, `${field}.expected`) }),
      ...(o.streamExpected === undefined
        ? {}
        : { streamExpected: relativePath(o.streamExpected, `${field}.streamExpected`) }),
    };
  });

  if (!existsSync(join(dir, job))) fail(`the job "${job}" does not exist`);
  for (const output of outputs) {
    if (output.expected !== undefined && !existsSync(join(dir, output.expected)))
      fail(`the expected result "${output.expected}" does not exist`);
    if (output.streamExpected !== undefined && !existsSync(join(dir, output.streamExpected)))
      fail(`the expected stream result "${output.streamExpected}" does not exist`);
  }
  const spec: SampleSpec = {
    name: dir.split(/[\\/]/).filter(Boolean).pop() ?? dir,
    dir,
    description: description as string,
    job,
    feed,
    inputDir,
    triggerSeconds: trigger as number,
    outputs,
  };
  if (feedParts(spec).length === 0) fail(`the feed folder "${feed}" has no files to feed`);
  return spec;
}

/**
 * The feed parts in the order they are fed: file-name order with numbers compared as numbers
 * (`part-2` before `part-10`); dot-files and `_`-files are skipped, as the stream itself would skip them.
 */
export function feedParts(spec: SampleSpec): string[] {
  const folder = join(spec.dir, spec.feed);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    throw new Error(
      `${join(spec.dir, sampleFileName)}: cannot read the feed folder "${spec.feed}": ${(error as Error).message}`,
      { cause: error },
    );
  }
  return names
    .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
    .filter((name) => statSync(join(folder, name)).isFile())
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The samples under `samplesRoot` (folders with a sample.json), sorted by name. */
export function listSamples(samplesRoot: string): string[] {
  if (!existsSync(samplesRoot)) return [];
  return readdirSync(samplesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(samplesRoot, entry.name, sampleFileName)))
    .map((entry) => entry.name)
    .sort();
}

// The converter's promise as a check: a batch job over all the data and its conversion (the file the CLI,
// `streamshift convert`, writes) over the same data split into files and micro-batches give the same result.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as cliMain } from '../../src/cli/main';
import { convert } from '../../src/convert/index';
import { runBatchJob, runStreamJob, type InputFile, type JobOutcome } from './jobRuns';

/** One equivalence case, self-contained (a saved fixture replays without the generator). */
export interface EquivalenceCase {
  /** The batch job's TypeScript source. */
  readonly jobSource: string;
  readonly files: readonly InputFile[];
  /** File names landing before each micro-batch. */
  readonly microBatches: readonly (readonly string[])[];
  /** The batch job reads `batch_input/data.txt`, all files concatenated (else the folder of files). */
  readonly concatenated: boolean;
  /** The job keeps a running aggregation: its final stream result is compared, not the union of batches. */
  readonly aggregated: boolean;
  /** The converter's trigger option (seconds). */
  readonly triggerSeconds: number;
}

export interface EquivalenceResult {
  /** Empty when the stream's result equals the batch's. */
  readonly differences: string[];
  readonly batch: JobOutcome;
  readonly stream?: JobOutcome;
  readonly streamSource?: string;
}

/** Scratch space for job runs: tmpfs when there is one (checkpoints fsync at every batch). */
export function scratchRoot(): string {
  const shm = '/dev/shm';
  const base = existsSync(shm) ? shm : tmpdir();
  return mkdtempSync(join(base, 'streamshift-equivalence-'));
}

/**
 * Runs both jobs of a case in fresh folders under `root` and compares what they produced.
 * `alterStreamJob` (for the harness's own tests) changes the converted text before it runs.
 */
export async function checkEquivalence(
  root: string,
  testCase: EquivalenceCase,
  alterStreamJob: (text: string) => string = (text) => text,
): Promise<EquivalenceResult> {
  const batchDir = join(root, 'batch');
  const streamDir = join(root, 'stream');
  rmSync(batchDir, { recursive: true, force: true });
  rmSync(streamDir, { recursive: true, force: true });
  mkdirSync(batchDir, { recursive: true });
  mkdirSync(streamDir, { recursive: true });
  const batch = await runBatchJob(batchDir, testCase.jobSource, testCase.files, testCase.concatenated);
  const conversion = convert(
    { fileName: join(streamDir, 'batch.ts'), text: testCase.jobSource },
    { triggerSeconds: testCase.triggerSeconds },
  );
  if (conversion.converted.length !== 1) {
    return {
      differences: [
        `the converter converted ${conversion.converted.length} pipelines: ${conversion.notes.join(' | ')}`,
      ],
      batch,
    };
  }
  // The stream job is the file `streamshift convert batch.ts -o stream.ts --trigger <s>` writes.
  const cli = await convertWithCli(streamDir, testCase.jobSource, testCase.triggerSeconds);
  if (cli.text !== conversion.text) {
    return {
      differences: [`the CLI (exit ${cli.exitCode}) wrote another stream job: ${cli.messages}`],
      batch,
    };
  }
  const streamSource = alterStreamJob(cli.text);
  const stream = await runStreamJob(streamDir, streamSource, testCase.files, testCase.microBatches);
  const differences = compare(testCase, batch, stream);
  return { differences, batch, stream, streamSource };
}

/**
 * Runs `streamshift convert batch.ts -o stream.ts --trigger <s>` (the CLI's own entry point, in-process,
 * with the job's folder as its working directory and the files kept in memory).
 */
export async function convertWithCli(
  dir: string,
  jobSource: string,
  triggerSeconds: number,
): Promise<{ text?: string; exitCode: number; messages: string }> {
  const written = new Map<string, string>();
  let messages = '';
  const exitCode = await cliMain(
    ['convert', 'batch.ts', '-o', 'stream.ts', '--trigger', String(triggerSeconds)],
    {
      cwd: dir,
      readFile: (path) => {
        if (path !== join(dir, 'batch.ts')) throw new Error(`unexpected read of ${path}`);
        return jobSource;
      },
      writeFile: (path, text) => written.set(path, text),
      stdout: (text) => (messages += text),
      stderr: (text) => (messages += text),
    },
  );
  return { text: written.get(join(dir, 'stream.ts')), exitCode, messages };
}

function compare(testCase: EquivalenceCase, batch: JobOutcome, stream: JobOutcome): string[] {
  if (batch.error !== undefined || stream.error !== undefined) {
    // A job that fails on its data must fail as a stream too (a batch that meets the same bad record),
    // with the message naming the batch and, for a user function, the operation and element.
    if (batch.error !== undefined && stream.error !== undefined) {
      const userFunction = /failed in partition \d+ on element/;
      if (!/^Streaming batch .* failed in /.test(stream.error))
        return [`the stream's error does not name its batch: ${stream.error}`];
      if (userFunction.test(batch.error) !== userFunction.test(stream.error))
        return [`different failures: batch ${batch.error}; stream ${stream.error}`];
      return [];
    }
    return [`batch error: ${batch.error ?? '(none)'}; stream error: ${stream.error ?? '(none)'}`];
  }
  const differences: string[] = [];
  const batchOutputs = Object.keys(batch.outputs);
  for (const path of batchOutputs) {
    const expected = batch.outputs[path];
    let actual: string[] | undefined;
    if (testCase.aggregated) actual = stream.outputs[path];
    else {
      // Stateless: `saveAsTextFiles(path)` writes `path-<batch time>` per batch; their union is the result.
      const perBatch = Object.keys(stream.outputs).filter((p) =>
        new RegExp(`^${escape(path)}-\\d+$`).test(p),
      );
      actual = perBatch.length === 0 ? undefined : perBatch.flatMap((p) => stream.outputs[p]).sort();
    }
    if (actual === undefined) differences.push(`the stream wrote no ${path}`);
    else if (JSON.stringify(actual) !== JSON.stringify(expected))
      differences.push(`${path}: batch ${JSON.stringify(expected)}, stream ${JSON.stringify(actual)}`);
  }
  if (batch.printed.length > 0) {
    const expected = testCase.aggregated
      ? batch.printed[batch.printed.length - 1]
      : batch.printed.flat().sort();
    const actual = testCase.aggregated
      ? stream.printed[stream.printed.length - 1]
      : stream.printed.flat().sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      differences.push(`printed: batch ${JSON.stringify(expected)}, stream ${JSON.stringify(actual)}`);
  } else if (stream.printed.flat().length > 0) {
    differences.push(`the stream printed ${JSON.stringify(stream.printed)}, the batch nothing`);
  }
  return differences;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ------------------------------------------------------------------------------- regression fixtures

export const equivalenceFixtureRoot = join(__dirname, '..', 'fixtures', 'equivalence');

export interface EquivalenceFixture {
  readonly description: string;
  /** The fast-check seed and path that found it (replay: STREAMSHIFT_PROPERTY_SEED / _PATH). */
  readonly seed?: number;
  readonly path?: string;
  readonly case: EquivalenceCase;
}

/** Saves a (shrunk) failing case as a fixture that the replay suite runs from then on; returns its path. */
export function saveEquivalenceFixture(fixture: EquivalenceFixture): string {
  mkdirSync(equivalenceFixtureRoot, { recursive: true });
  const name = `found-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const file = join(equivalenceFixtureRoot, name);
  writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
  return file;
}

export function loadEquivalenceFixtures(): { name: string; fixture: EquivalenceFixture }[] {
  if (!existsSync(equivalenceFixtureRoot)) return [];
  return readdirSync(equivalenceFixtureRoot)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      fixture: JSON.parse(readFileSync(join(equivalenceFixtureRoot, name), 'utf8')) as EquivalenceFixture,
    }));
}

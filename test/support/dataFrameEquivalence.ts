// The converter's promise for DataFrame jobs: the batch job over all the data and its conversion (the
// file `streamshift convert` writes, through the CLI's entry point as the RDD harness does) run as
// Structured Streaming queries over the same data landed file group by file group — each group followed
// by processAllAvailable(), the deterministic trigger Spark's own tests use — end with the same result.
// For watermarked windows, the update-mode query (from show()) drops late rows: its reported
// numRowsDroppedByWatermark must equal the late rows computed here, independently of the runtime.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sql from '@streamshift/runtime/sql';
import * as functions from '@streamshift/runtime/sql/functions';
import { convertWithCli } from './equivalence';
import { compileJob, type ModuleTable } from './jobModule';
import { landAtomically, type InputFile } from './jobRuns';
import {
  dimensionCsv,
  rowsReachingAggregation,
  type DataFrameData,
  type DataFrameJob,
} from './dataFrameJobGenerator';

export interface DataFrameEquivalenceCase {
  readonly job: DataFrameJob;
  readonly data: DataFrameData;
  readonly jobSource: string;
  readonly files: readonly InputFile[];
  readonly microBatches: readonly (readonly string[])[];
  readonly triggerSeconds: number;
}

export interface DataFrameEquivalenceResult {
  readonly differences: string[];
  readonly streamSource?: string;
}

const modules: ModuleTable = {
  '@streamshift/runtime/sql': sql,
  '@streamshift/runtime/sql/functions': functions,
};

export async function checkDataFrameEquivalence(
  root: string,
  testCase: DataFrameEquivalenceCase,
): Promise<DataFrameEquivalenceResult> {
  const batchDir = join(root, 'batch');
  const streamDir = join(root, 'stream');
  for (const dir of [batchDir, streamDir]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'batch_input'), { recursive: true });
    writeFileSync(join(dir, 'dim.csv'), dimensionCsv);
  }
  for (const file of testCase.files) writeFileSync(join(batchDir, 'batch_input', file.name), file.content);
  // The converter infers nothing here (the job gives its schema) but reads the batch's folder like a user's.
  const batch = await runJob(batchDir, testCase.jobSource, async () => undefined);
  const cli = await convertWithCli(streamDir, testCase.jobSource, testCase.triggerSeconds);
  if (cli.text === undefined || cli.exitCode !== 0)
    return { differences: [`the CLI did not convert the job (exit ${cli.exitCode}): ${cli.messages}`] };
  const streamSource = cli.text;
  const inputDir = join(streamDir, 'stream_input');
  mkdirSync(inputDir, { recursive: true });
  const byName = new Map(testCase.files.map((f) => [f.name, f]));
  const stream = await runJob(streamDir, streamSource, async (queries) => {
    let landed = 0;
    for (const names of testCase.microBatches) {
      for (const name of names) landAtomically(inputDir, byName.get(name)!, landed++);
      for (const query of queries) await query.processAllAvailable();
    }
  });
  const differences: string[] = [];
  if (batch.error !== undefined || stream.error !== undefined) {
    differences.push(`batch error: ${batch.error ?? '(none)'}; stream error: ${stream.error ?? '(none)'}`);
    return { differences, streamSource };
  }
  const aggregated = testCase.job.grouping.kind !== 'none';
  const expected = batch.printed[0] ?? [];
  // After an aggregation the last complete-mode table is the result; without, the union of the batches.
  const actual = aggregated
    ? (stream.printed[stream.printed.length - 1] ?? [])
    : stream.printed.flat().sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    differences.push(`result: batch ${JSON.stringify(expected)}, stream ${JSON.stringify(actual)}`);
  if (testCase.job.grouping.kind === 'window') {
    const expectedLate = lateRows(testCase);
    if (stream.droppedByWatermark !== expectedLate)
      differences.push(
        `the update-mode query reported ${stream.droppedByWatermark} rows dropped by the watermark; ${expectedLate} are late`,
      );
  }
  return { differences, streamSource };
}

/**
 * Late rows, computed from the data: a row reaching the windowed aggregation in micro-batch b is late when
 * its window ends at or before the watermark of b — the maximum event time of the earlier batches minus
 * the delay (Spark applies a watermark from the batch after the one that moved it).
 */
export function lateRows(testCase: DataFrameEquivalenceCase): number {
  const g = testCase.job.grouping;
  if (g.kind !== 'window') return 0;
  const byName = new Map(testCase.data.files.map((rows, i) => [`part${i}.csv`, rows]));
  const seen = new Map<number, Set<string>>();
  let maxEventTime = -Infinity;
  let late = 0;
  for (const names of testCase.microBatches) {
    const watermark = Number.isFinite(maxEventTime) ? Math.max(0, maxEventTime - g.delaySeconds) : -Infinity;
    const rows = rowsReachingAggregation(
      testCase.job,
      names.flatMap((n) => byName.get(n) ?? []),
      seen,
    );
    for (const row of rows) {
      if (row.ts === null) continue;
      const windowEnd = Math.floor(row.ts / g.windowSeconds) * g.windowSeconds + g.windowSeconds;
      if (Number.isFinite(watermark) && windowEnd <= watermark) late++;
    }
    for (const row of rows) if (row.ts !== null) maxEventTime = Math.max(maxEventTime, row.ts);
  }
  return late;
}

interface JobRun {
  /** Each console.log of the job: the rows it printed, normalized and sorted. */
  readonly printed: string[][];
  readonly droppedByWatermark: number;
  readonly error?: string;
}

/**
 * Runs a job's source in `dir`. Once its queries have started (the job then awaits their termination),
 * `drive` lands input and runs them; then every query is stopped so the job's code finishes.
 */
async function runJob(
  dir: string,
  source: string,
  drive: (queries: sql.SparkSession['streams']['active']) => Promise<void>,
): Promise<JobRun> {
  const previous = process.cwd();
  const write = process.stdout.write;
  const printed: string[][] = [];
  const spark = sql.SparkSession.builder.appName('property').getOrCreate();
  let error: string | undefined;
  let settled = false;
  let droppedByWatermark = 0;
  process.chdir(dir);
  // The console sink writes to stdout; a thousand jobs' tables would drown the report.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const console = {
      log: (value: unknown) => printed.push(normalize(value)),
      error: () => undefined,
      warn: () => undefined,
    };
    const job = compileJob(source)(modules, console).then(
      () => (settled = true),
      (caught: unknown) => {
        settled = true;
        error = caught instanceof Error ? caught.message : String(caught);
      },
    );
    for (let tick = 0; tick < 1000 && !settled && spark.streams.active.length === 0; tick++)
      await new Promise((resolve) => setImmediate(resolve));
    const queries = [...spark.streams.active];
    if (queries.length > 0) {
      try {
        await drive(queries);
      } catch (caught) {
        error ??= caught instanceof Error ? caught.message : String(caught);
      }
      for (const query of queries) {
        for (const progress of query.recentProgress)
          for (const op of progress.stateOperators)
            if (op.operatorName === 'stateStoreSave') droppedByWatermark += op.numRowsDroppedByWatermark;
        await query.stop();
      }
    }
    await job;
  } finally {
    for (const query of spark.streams.active) await query.stop();
    process.chdir(previous);
    process.stdout.write = write;
  }
  return { printed, droppedByWatermark, ...(error !== undefined ? { error } : {}) };
}

/** A printed array of rows → one JSON string per row, sorted (row order across partitions is free). */
function normalize(value: unknown): string[] {
  const rows = Array.isArray(value) ? value : [value];
  return rows
    .map((row) =>
      JSON.stringify(row, (_key, v: unknown) =>
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
      ),
    )
    .sort();
}

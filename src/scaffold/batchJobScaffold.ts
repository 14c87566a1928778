// What "Streamshift: New Batch Job" writes: a batch job for the chosen API, its input CSV and a `feed/`
// folder whose parts together are that input (so after feeding every part the stream's result must equal
// the batch job's). Existing files are never overwritten: when any of the names is taken the job goes
// into a new sub-folder with a free name. Files are created with the exclusive flag, so a file that
// appears meanwhile is not overwritten either.
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type JobApi = 'rdd' | 'dataframe';

export interface ScaffoldFile {
  /** Relative to the job's folder, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export interface ScaffoldResult {
  /** The folder the job was written to (the chosen folder, or a new sub-folder of it). */
  readonly dir: string;
  readonly jobPath: string;
  readonly files: readonly string[];
  /** Where the pipeline starts in the job: the cursor goes there, where the lightbulb is offered. */
  readonly pipelineOffset: number;
}

export const jobFileName = 'batch.ts';
const partCount = 3;
const rowsPerPart = 10;

/** The files of a new job, relative to its folder. */
export function scaffoldFiles(api: JobApi): ScaffoldFile[] {
  const parts = inputParts();
  return [
    { path: jobFileName, text: api === 'rdd' ? rddJob : dataFrameJob },
    { path: 'batch_input/data.csv', text: parts.join('') },
    ...parts.map((text, i) => ({ path: `feed/part-${i + 1}.csv`, text })),
  ];
}

/** Writes the job into `folder`, or into its first free `batch-job`, `batch-job-2`, … sub-folder. */
export function writeScaffold(folder: string, api: JobApi): ScaffoldResult {
  const files = scaffoldFiles(api);
  const dir = freeFolder(folder, files);
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, ...file.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text, { flag: 'wx' });
      written.push(path);
    }
  } catch (error) {
    // No half-written job: remove what this call wrote (only files it created itself).
    for (const path of written) rmSync(path, { force: true });
    throw error;
  }
  const jobText = files[0]!.text;
  return {
    dir,
    jobPath: join(dir, jobFileName),
    files: written,
    pipelineOffset: jobText.indexOf(api === 'rdd' ? 'sc.textFile(' : 'spark.read'),
  };
}

function freeFolder(folder: string, files: readonly ScaffoldFile[]): string {
  const taken = (dir: string) => files.some((file) => existsSync(join(dir, file.path.split('/')[0]!)));
  if (!taken(folder)) return folder;
  for (let n = 1; ; n++) {
    const dir = join(folder, n === 1 ? 'batch-job' : `batch-job-${n}`);
    if (!existsSync(dir)) return dir;
  }
}

/**
 * Sensor-style rows `timestamp,key,value` (the shape of the word count seed), deterministic, split into
 * parts of equal size. Each part ends with a newline so the parts concatenate to the whole input.
 */
function inputParts(): string[] {
  const parts: string[] = [];
  for (let p = 0; p < partCount; p++) {
    let text = '';
    for (let r = 0; r < rowsPerPart; r++) {
      const i = p * rowsPerPart + r;
      const minute = String(i).padStart(2, '0');
      const key = 'ABC'[(i * 7 + p) % 3];
      const value = (i * 37 + 11) % 100;
      text += `2025-04-22 21:${minute}:00,${key},${value}\n`;
    }
    parts.push(text);
  }
  return parts;
}

const rddJob = `// A batch word count with the RDD API: keep the rows whose value is above 50, count them per key and
// write the counts. Paths are relative to this file's folder (the task runner runs the job there).
// Put the cursor on the pipeline and use the lightbulb (Ctrl+.) to convert it to a stream job; the run
// panel (Streamshift: Open Run Panel) then feeds the parts in feed/ to it.
import { SparkContext } from '@streamshift/runtime';

const sc = new SparkContext('local[2]', 'NewBatchJob');

sc.textFile('batch_input/data.csv')
  .map((line) => line.split(','))
  .filter((fields) => Number(fields[2]) > 50)
  .map((fields): [string, number] => [fields[1], 1])
  .reduceByKey((x, y) => x + y)
  .saveAsTextFile('batch_output');
`;

const dataFrameJob = `// A batch word count with the DataFrame API: keep the rows whose value is above 50, count them per key
// and write the counts. Paths are relative to this file's folder (the task runner runs the job there).
// Put the cursor on the pipeline and use the lightbulb (Ctrl+.) to convert it to a stream job; the run
// panel (Streamshift: Open Run Panel) then feeds the parts in feed/ to it.
import { SparkSession, functions as F } from '@streamshift/runtime/sql';

const spark = SparkSession.builder.appName('NewBatchJob').getOrCreate();

const counts = spark.read
  .schema('ts string, key string, value int')
  .csv('batch_input/data.csv')
  .filter(F.col('value').gt(50))
  .groupBy('key')
  .count();
counts.write.mode('overwrite').csv('batch_output');
`;

// Child process for the Structured Streaming crash test: two checkpointed queries over a folder of CSV
// files (the JSON file sink, and a count + sum per key in complete mode whose result is written to
// agg.json) run until everything available is processed. The parent names a kill point; this process
// SIGKILLs itself the n-th time it reaches it — half-way through writing an offset, commit or state file,
// just before renaming one into place, while writing a sink part file or the sink's log, or while the
// aggregation's result is written — so the kill lands exactly inside the write it targets.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SparkSession } from '@streamshift/runtime/sql';
import type { DataFrame } from '@streamshift/runtime/sql';
import { count, sum } from '@streamshift/runtime/sql/functions';

export type StructuredKillPoint =
  | 'none'
  | 'offsetWrite'
  | 'offsetRename'
  | 'commitWrite'
  | 'commitRename'
  | 'stateWrite'
  | 'sinkPartWrite'
  | 'sinkPartRename'
  | 'sinkLogWrite'
  | 'resultWrite';

export interface StructuredKillPlan {
  readonly point: StructuredKillPoint;
  readonly occurrence: number;
}

/** Which write a path belongs to (checkpoint files, sink files), for the kill hooks. */
export function classify(path: string, rename: boolean): StructuredKillPoint | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.includes('/offsets/')) return rename ? 'offsetRename' : 'offsetWrite';
  if (p.includes('/commits/')) return rename ? 'commitRename' : 'commitWrite';
  if (p.includes('/state/')) return rename ? undefined : 'stateWrite';
  if (p.includes('/_spark_metadata/')) return rename ? undefined : 'sinkLogWrite';
  if (p.includes('/out/')) return rename ? 'sinkPartRename' : 'sinkPartWrite';
  if (p.endsWith('agg.json.tmp')) return rename ? undefined : 'resultWrite';
  return undefined;
}

const [workDir, planJson] = process.argv.slice(2) as [string, string];
if (workDir) {
  const plan = JSON.parse(planJson) as StructuredKillPlan;
  let seen = 0;
  const reached = (point: StructuredKillPoint | undefined): boolean =>
    point !== undefined && point === plan.point && ++seen === plan.occurrence;
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable');
  };
  const fs = createRequire(__filename)('node:fs') as typeof import('node:fs');
  const realWrite = fs.writeFileSync;
  fs.writeFileSync = ((
    path: Parameters<typeof realWrite>[0],
    data: Parameters<typeof realWrite>[1],
    ...rest: unknown[]
  ) => {
    if (reached(classify(String(path), false))) {
      // A torn write: half the bytes reach the disk, then the process dies.
      const bytes = Buffer.from(data as string);
      realWrite(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
      die();
    }
    return (realWrite as (...args: unknown[]) => void)(path, data, ...rest);
  }) as typeof fs.writeFileSync;
  const realRename = fs.renameSync;
  fs.renameSync = ((from: string, to: string) => {
    if (reached(classify(String(to), true))) die();
    realRename(from, to);
  }) as typeof fs.renameSync;

  const spark = SparkSession.builder.appName('structured-crash').getOrCreate();
  const input = spark.readStream
    .schema('k STRING, v INT')
    .option('maxFilesPerTrigger', 2)
    .csv(join(workDir, 'in'));
  const files = input.writeStream
    .format('json')
    .option('checkpointLocation', join(workDir, 'cp-files'))
    .start(join(workDir, 'out'));
  const totals = input
    .groupBy('k')
    .agg(count('v').alias('n'), sum('v').alias('total'))
    .writeStream.outputMode('complete')
    .option('checkpointLocation', join(workDir, 'cp-agg'))
    .foreachBatch((df: DataFrame) => {
      const tmp = join(workDir, 'agg.json.tmp');
      fs.writeFileSync(tmp, JSON.stringify(df.orderBy('k').collectArrays()));
      fs.renameSync(tmp, join(workDir, 'agg.json'));
    })
    .start();
  void (async () => {
    try {
      await files.processAllAvailable();
      await totals.processAllAvailable();
      await files.stop();
      await totals.stop();
      process.stdout.write('DONE\n');
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  })();
}

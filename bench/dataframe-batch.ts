// Benchmark (not a test): the DataFrame batch pipeline
//   spark.read.schema("id INT, key STRING, value INT").csv(path, {header: true})
//     .filter(col("value").gt(50)).groupBy("key").count()
// over a generated 2M-row `id,key,value` CSV (1000 keys), side by side in one run with the tuned hand
// loop (one pass, indexOf/charCodeAt, no per-row arrays) from ../shared/notes/perf-anchors.md, Arquero
// 7 (fromCSV → filter → groupby → count) and DuckDB (@duckdb/node-api, 2 threads; query only, with the
// instance created beforehand). The DataFrame runs as one generated function per file (scan, filter
// and hash aggregation fused). Each method runs 3 times, interleaved, each run in a fresh process
// (work time measured inside it); the median is reported with rows/s and ratios. Query compilation
// is part of the DataFrame's measured time.
// Then whole-process figures: a fresh `node` process per run (the DataFrame job bundled by esbuild,
// DuckDB creating its instance), wall time from spawn to exit, median of 3.
//
//   npx tsx bench/dataframe-batch.ts [rows]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkSession } from '@streamshift/runtime/sql';
import { col } from '@streamshift/runtime/sql/functions';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import * as aq from 'arquero';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generateKeyValueCsv, KEYS, type Counts } from './lib/keyValueCsv';
import { tunedHandLoop } from './lib/tunedHandLoop';
import { median, timed } from './lib/measure';

const ROWS = Number(process.argv[2] ?? 2_000_000);
const ROUNDS = 3;

function dataFrame(spark: SparkSession, path: string): Counts {
  const rows = spark.read
    .schema('id INT, key STRING, value INT')
    .csv(path, { header: true })
    .filter(col('value').gt(50))
    .groupBy('key')
    .count()
    .collectArrays();
  return new Map(rows as [string, number][]);
}

function dataFrameInferred(spark: SparkSession, path: string): Counts {
  const rows = spark.read
    .csv(path, { header: true, inferSchema: true })
    .filter(col('value').gt(50))
    .groupBy('key')
    .count()
    .collectArrays();
  return new Map(rows as [string, number][]);
}

function arquero(path: string): Counts {
  const table = aq
    .fromCSV(readFileSync(path, 'utf8'))
    .filter((d: { value: number }) => d.value > 50)
    .groupby('key')
    .count();
  const out: Counts = new Map();
  for (const row of table.objects() as { key: string; count: number }[]) out.set(row.key, row.count);
  return out;
}

const DUCKDB_QUERY = (path: string): string =>
  `SELECT key, count(*)::INTEGER AS n FROM read_csv('${path.replace(/'/g, "''")}', header = true, columns = {'id': 'INTEGER', 'key': 'VARCHAR', 'value': 'INTEGER'}) WHERE value > 50 GROUP BY key`;

async function duckdb(connection: DuckDBConnection, path: string): Promise<Counts> {
  const reader = await connection.runAndReadAll(DUCKDB_QUERY(path));
  return new Map(reader.getRows() as [string, number][]);
}

async function timedAsync<T>(task: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await task();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Wall time of a fresh node process running `script` (spawn → exit), median of 3. */
function wholeProcess(script: string, path: string): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${script} exited with ${r.status}`);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'streamshift-bench-'));
  const path = join(dir, 'data.csv');
  try {
    generateKeyValueCsv(path, ROWS, { header: true });
    const megabytes = statSync(path).size / 1e6;
    // Every measurement runs in a fresh process (as in perf-anchors.md: work time from file path to
    // the key → count map, measured inside the process), so no method profits from another's warm JIT
    // or suffers from another's heap (Arquero builds 600+ MB), and DuckDB's threads stop between runs.
    const methods = ['dataframe', 'tuned', 'inferSchema', 'arquero', 'duckdb'];
    const times: Record<string, number[]> = Object.fromEntries(methods.map((k) => [k, []]));
    let reference: string | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of methods) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', process.argv[1]!, '--child', name, path], {
          stdio: ['ignore', 'pipe', 'inherit'],
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`${name} run failed (exit ${r.status})`);
        const { ms, counts } = JSON.parse(r.stdout) as { ms: number; counts: string };
        reference ??= counts;
        if (counts !== reference) throw new Error(`${name} disagrees with the other methods`);
        times[name]!.push(ms);
      }
    }

    // Whole process: our job bundled to plain JS (as the extension ships it) vs DuckDB in plain JS.
    const jobTs = join(dir, 'job.ts');
    writeFileSync(
      jobTs,
      `import { SparkSession } from '@streamshift/runtime/sql';\nimport { col } from '@streamshift/runtime/sql/functions';\n` +
        `const spark = SparkSession.builder.getOrCreate();\n` +
        `const rows = spark.read.schema('id INT, key STRING, value INT').csv(process.argv[2], { header: true }).filter(col('value').gt(50)).groupBy('key').count().collectArrays();\n` +
        `process.stdout.write(String(rows.length));\nspark.stop();\n`,
    );
    const jobJs = join(dir, 'job.cjs');
    buildSync({
      entryPoints: [jobTs],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: jobJs,
      tsconfig: join(process.cwd(), 'tsconfig.json'),
      logLevel: 'error',
    });
    const duckJs = join(dir, 'duck.mjs');
    writeFileSync(
      duckJs,
      `import { DuckDBInstance } from ${JSON.stringify(pathToFileURL(createRequire(join(process.cwd(), 'package.json')).resolve('@duckdb/node-api')).href)};\n` +
        `const instance = await DuckDBInstance.create(':memory:', { threads: '2' });\nconst c = await instance.connect();\n` +
        `const r = await c.runAndReadAll(${JSON.stringify(DUCKDB_QUERY('__PATH__'))}.replace('__PATH__', process.argv[2].replace(/'/g, "''")));\n` +
        `process.stdout.write(String(r.getRows().length));\n`,
    );
    const whole = { dataframe: wholeProcess(jobJs, path), duckdb: wholeProcess(duckJs, path) };

    const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
    console.log(
      `rows: ${ROWS.toLocaleString('en-US')} (${megabytes.toFixed(1)} MB), keys: ${KEYS}, median of ${ROUNDS}`,
    );
    for (const name of methods) {
      const ms = medians[name]!;
      console.log(
        `${name.padEnd(11)} ${ms.toFixed(0).padStart(6)} ms  ${(((ROWS / ms) * 1000) / 1e6).toFixed(2)} M rows/s  ` +
          `runs: ${times[name]!.map((t) => t.toFixed(0)).join(', ')}`,
      );
    }
    const vsTuned = medians.dataframe! / medians.tuned!;
    const vsArquero = medians.arquero! / medians.dataframe!;
    const vsDuck = medians.dataframe! / medians.duckdb!;
    const vsDuckWhole = whole.dataframe / whole.duckdb;
    console.log(
      `dataframe / tuned: ${vsTuned.toFixed(2)}x (goal <= 1.25x)   inferSchema / tuned: ${(medians.inferSchema! / medians.tuned!).toFixed(2)}x (schema inference reads the data twice, as Spark does)`,
    );
    console.log(
      `arquero / dataframe: ${vsArquero.toFixed(2)}x faster (goal >= 4x)   dataframe / duckdb (query only): ${vsDuck.toFixed(2)}x`,
    );
    console.log(
      `whole process (spawn → exit): dataframe ${whole.dataframe.toFixed(0)} ms, duckdb ${whole.duckdb.toFixed(0)} ms, ratio ${vsDuckWhole.toFixed(2)}x (goal <= 1.0x)`,
    );
    console.log(
      JSON.stringify({
        bench: 'dataframe-batch',
        rows: ROWS,
        keys: KEYS,
        rounds: ROUNDS,
        medianMs: medians,
        ratioDataFrameToTuned: Number(vsTuned.toFixed(3)),
        ratioInferSchemaToTuned: Number((medians.inferSchema! / medians.tuned!).toFixed(3)),
        arqueroSlowerBy: Number(vsArquero.toFixed(3)),
        ratioDataFrameToDuckDbQuery: Number(vsDuck.toFixed(3)),
        wholeProcessMs: whole,
        ratioDataFrameToDuckDbWholeProcess: Number(vsDuckWhole.toFixed(3)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Child mode: one method, once, in this fresh process; prints its work time and its result. */
async function child(name: string, path: string): Promise<void> {
  let counts: Counts;
  let ms: number;
  if (name === 'duckdb') {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    ({ result: counts, ms } = await timedAsync(() => duckdb(connection, path)));
    connection.closeSync();
  } else {
    const spark = SparkSession.builder.appName('dataframe-batch-bench').getOrCreate();
    const run: Record<string, () => Counts> = {
      dataframe: () => dataFrame(spark, path),
      tuned: () => tunedHandLoop(path, { header: true }),
      inferSchema: () => dataFrameInferred(spark, path),
      arquero: () => arquero(path),
    };
    ({ result: counts, ms } = timed(run[name]!));
    spark.stop();
  }
  const digest = JSON.stringify([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  process.stdout.write(JSON.stringify({ ms, counts: digest }));
}

if (process.argv[2] === '--child') void child(process.argv[3]!, process.argv[4]!);
else void main();

// Benchmark (not a test): the DataFrame batch pipeline
//   spark.read.schema("id INT, key STRING, value INT").csv(path, {header: true})
//     .filter(col("value").gt(50)).groupBy("key").count()
// over a generated 2M-row `id,key,value` CSV (1000 keys), side by side in one run with the tuned hand
// loop (one pass, indexOf/charCodeAt, no per-row arrays) from ../shared/notes/perf-anchors.md. The
// DataFrame runs as one generated function per file (scan, filter and hash aggregation fused). Each
// method runs 3 times, interleaved; the median is reported with rows/s and ratios, then one JSON line.
// A fresh DataFrame is built for every run, so query compilation is part of the measured time.
//
//   npx tsx bench/dataframe-batch.ts [rows]
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkSession } from '@streamshift/runtime/sql';
import { col } from '@streamshift/runtime/sql/functions';
import { median, settle, timed } from './lib/measure';

const ROWS = Number(process.argv[2] ?? 2_000_000);
const KEYS = 1000;
const ROUNDS = 3;

type Counts = Map<string, number>;

function generateCsv(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  let chunk = 'id,key,value\n';
  for (let id = 0; id < rows; id++) {
    chunk += `${id},key${Math.floor(random() * KEYS)},${Math.floor(random() * 100)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

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

function tunedLoop(path: string): Counts {
  const text = readFileSync(path, 'utf8');
  const counts: Counts = new Map();
  let start = text.indexOf('\n') + 1; // header
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const comma1 = text.indexOf(',', start);
    const comma2 = text.indexOf(',', comma1 + 1);
    let value = 0;
    for (let i = comma2 + 1; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
    if (value > 50) {
      const key = text.slice(comma1 + 1, comma2);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    start = end + 1;
  }
  return counts;
}

function sameCounts(a: Counts, b: Counts): boolean {
  if (a.size !== b.size) return false;
  for (const [key, count] of a) if (b.get(key) !== count) return false;
  return true;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'streamshift-bench-'));
  const path = join(dir, 'data.csv');
  try {
    generateCsv(path, ROWS);
    const megabytes = statSync(path).size / 1e6;
    const spark = SparkSession.builder.appName('dataframe-batch-bench').master('local[*]').getOrCreate();
    const methods: Record<string, () => Counts> = {
      dataframe: () => dataFrame(spark, path),
      tuned: () => tunedLoop(path),
      inferSchema: () => dataFrameInferred(spark, path),
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(methods).map((k) => [k, []]));
    let reference: Counts | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(methods)) {
        settle();
        const { result, ms } = timed(run);
        reference ??= result;
        if (!sameCounts(reference, result)) throw new Error(`${name} disagrees with the other methods`);
        times[name]!.push(ms);
      }
    }
    spark.stop();
    const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
    console.log(
      `rows: ${ROWS.toLocaleString('en-US')} (${megabytes.toFixed(1)} MB), keys: ${KEYS}, median of ${ROUNDS}`,
    );
    for (const name of Object.keys(methods)) {
      const ms = medians[name]!;
      console.log(
        `${name.padEnd(11)} ${ms.toFixed(0).padStart(6)} ms  ${(((ROWS / ms) * 1000) / 1e6).toFixed(2)} M rows/s  ` +
          `runs: ${times[name]!.map((t) => t.toFixed(0)).join(', ')}`,
      );
    }
    const vsTuned = medians.dataframe! / medians.tuned!;
    console.log(
      `dataframe / tuned: ${vsTuned.toFixed(2)}x (goal <= 1.25x)   inferSchema / tuned: ${(medians.inferSchema! / medians.tuned!).toFixed(2)}x (schema inference reads the data twice, as Spark does)`,
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
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();

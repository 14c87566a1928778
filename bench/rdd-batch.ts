// Benchmark (not a test): the seed's batch pipeline — textFile → map(split) → filter(value > 50) →
// map(pair) → reduceByKey(+) — over a generated 2M-row `id,key,value` CSV (1000 keys), side by side in
// one run with the naive hand loop (split lines, split fields, Map) and the tuned hand loop (one pass,
// indexOf/charCodeAt, no per-row arrays) from ../shared/notes/perf-anchors.md.
//
// Two measurements, each the median of 3 interleaved runs: "fresh" runs every method in a new process
// (work time from file path to the key -> count map, as the perf anchors were measured: this includes
// the JIT warming up, which is what a one-shot batch job pays), and "warm" runs them again and again in
// this process. Prints rows/s and ratios, then one JSON line of results.
//
//   npx tsx bench/rdd-batch.ts [rows]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '@streamshift/runtime';
import { generateKeyValueCsv, KEYS, type Counts } from './lib/keyValueCsv';
import { tunedHandLoop } from './lib/tunedHandLoop';
import { median, settle, timed } from './lib/measure';

const ROWS = Number(process.argv[2] === '--child' ? 0 : (process.argv[2] ?? 2_000_000));
const CHILD_FLAG = '--child';
const ROUNDS = 3;

function rddPipeline(sc: SparkContext, path: string): Counts {
  const pairs = sc
    .textFile(path)
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields) => [fields[1]!, 1])
    .reduceByKey((x, y) => x + y)
    .collect();
  return new Map(pairs);
}

function naiveLoop(path: string): Counts {
  const counts: Counts = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const fields = line.split(',');
    if (Number(fields[2]) > 50) counts.set(fields[1]!, (counts.get(fields[1]!) ?? 0) + 1);
  }
  return counts;
}

function sameCounts(a: Counts, b: Counts): boolean {
  if (a.size !== b.size) return false;
  for (const [key, count] of a) if (b.get(key) !== count) return false;
  return true;
}

type Method = 'rdd' | 'naive' | 'tuned';
const METHODS: Method[] = ['rdd', 'naive', 'tuned'];

function runMethod(method: Method, sc: SparkContext, path: string): Counts {
  if (method === 'rdd') return rddPipeline(sc, path);
  return method === 'naive' ? naiveLoop(path) : tunedHandLoop(path, { header: false });
}

/** In a child process: runs one method once and prints its time and a digest of its result. */
function child(method: Method, path: string): void {
  const sc = new SparkContext('local[*]', 'rdd-batch-bench');
  const { result, ms } = timed(() => runMethod(method, sc, path));
  sc.stop();
  console.log(JSON.stringify({ ms, counts: [...result].sort() }));
}

function freshRun(method: Method, path: string): { ms: number; counts: Counts } {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, CHILD_FLAG, method, path], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${method} child failed: ${run.stderr}`);
  const { ms, counts } = JSON.parse(run.stdout) as { ms: number; counts: [string, number][] };
  return { ms, counts: new Map(counts) };
}

function report(label: string, times: Record<Method, number[]>): Record<Method, number> {
  const medians = Object.fromEntries(METHODS.map((name) => [name, median(times[name])])) as Record<
    Method,
    number
  >;
  console.log(`${label}:`);
  for (const name of METHODS) {
    const ms = medians[name];
    console.log(
      `  ${name.padEnd(6)} ${ms.toFixed(0).padStart(6)} ms  ${(((ROWS / ms) * 1000) / 1e6).toFixed(2)} M rows/s  ` +
        `runs: ${times[name].map((t) => t.toFixed(0)).join(', ')}`,
    );
  }
  console.log(
    `  rdd / naive: ${(medians.rdd / medians.naive).toFixed(2)}x (goal <= 1.2x)   ` +
      `rdd / tuned: ${(medians.rdd / medians.tuned).toFixed(2)}x`,
  );
  return medians;
}

function summary(medians: Record<Method, number>): object {
  return {
    medianMs: Object.fromEntries(METHODS.map((name) => [name, Math.round(medians[name])])),
    rowsPerSecond: Object.fromEntries(
      METHODS.map((name) => [name, Math.round((ROWS / medians[name]) * 1000)]),
    ),
    ratioRddToNaive: Number((medians.rdd / medians.naive).toFixed(3)),
    ratioRddToTuned: Number((medians.rdd / medians.tuned).toFixed(3)),
  };
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'streamshift-bench-'));
  const path = join(dir, 'data.csv');
  try {
    generateKeyValueCsv(path, ROWS, { header: false });
    const megabytes = statSync(path).size / 1e6;
    console.log(
      `rows: ${ROWS.toLocaleString('en-US')} (${megabytes.toFixed(1)} MB), keys: ${KEYS}, median of ${ROUNDS}`,
    );
    let reference: Counts | undefined;
    const check = (name: string, result: Counts): void => {
      reference ??= result;
      if (!sameCounts(reference, result)) throw new Error(`${name} disagrees with the other methods`);
    };

    const fresh: Record<Method, number[]> = { rdd: [], naive: [], tuned: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of METHODS) {
        const { ms, counts } = freshRun(name, path);
        check(name, counts);
        fresh[name].push(ms);
      }
    }
    const freshMedians = report('fresh process (one-shot job)', fresh);

    const sc = new SparkContext('local[*]', 'rdd-batch-bench');
    const warm: Record<Method, number[]> = { rdd: [], naive: [], tuned: [] };
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const name of METHODS) {
        settle();
        const { result, ms } = timed(() => runMethod(name, sc, path));
        check(name, result);
        if (round > 0) warm[name].push(ms); // round 0 warms the JIT up
      }
    }
    sc.stop();
    const warmMedians = report('warm (same process, after one warm-up round)', warm);

    console.log(
      JSON.stringify({
        bench: 'rdd-batch',
        rows: ROWS,
        keys: KEYS,
        rounds: ROUNDS,
        fresh: summary(freshMedians),
        warm: summary(warmMedians),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) child(process.argv[3] as Method, process.argv[4]!);
else main();

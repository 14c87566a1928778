// Benchmark (not a test): the seed's batch pipeline — textFile → map(split) → filter(value > 50) →
// map(pair) → reduceByKey(+) — over a generated 2M-row `id,key,value` CSV (1000 keys), side by side in
// one run with the naive hand loop (split lines, split fields, Map) and the tuned hand loop (one pass,
// indexOf/charCodeAt, no per-row arrays) from ../shared/notes/perf-anchors.md. Each method runs 3 times,
// interleaved; the median is reported with rows/s and ratios, then one JSON line of results.
//
//   npx tsx bench/rdd-batch.ts [rows]
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '@streamshift/runtime';
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
  let chunk = '';
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

function tunedLoop(path: string): Counts {
  const text = readFileSync(path, 'utf8');
  const counts: Counts = new Map();
  let start = 0;
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
    const sc = new SparkContext('local[*]', 'rdd-batch-bench');
    const methods: Record<string, () => Counts> = {
      rdd: () => rddPipeline(sc, path),
      naive: () => naiveLoop(path),
      tuned: () => tunedLoop(path),
    };
    const times: Record<string, number[]> = { rdd: [], naive: [], tuned: [] };
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
    sc.stop();
    const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
    console.log(
      `rows: ${ROWS.toLocaleString('en-US')} (${megabytes.toFixed(1)} MB), keys: ${KEYS}, median of ${ROUNDS}`,
    );
    for (const name of Object.keys(methods)) {
      const ms = medians[name]!;
      const rowsPerSecond = (ROWS / ms) * 1000;
      console.log(
        `${name.padEnd(6)} ${ms.toFixed(0).padStart(6)} ms  ${(rowsPerSecond / 1e6).toFixed(2)} M rows/s  ` +
          `runs: ${times[name]!.map((t) => t.toFixed(0)).join(', ')}`,
      );
    }
    const vsNaive = medians.rdd! / medians.naive!;
    const vsTuned = medians.rdd! / medians.tuned!;
    console.log(`rdd / naive: ${vsNaive.toFixed(2)}x (goal <= 1.2x)   rdd / tuned: ${vsTuned.toFixed(2)}x`);
    console.log(
      JSON.stringify({
        bench: 'rdd-batch',
        rows: ROWS,
        keys: KEYS,
        rounds: ROUNDS,
        medianMs: medians,
        rowsPerSecond: Object.fromEntries(
          Object.entries(medians).map(([name, ms]) => [name, Math.round((ROWS / ms) * 1000)]),
        ),
        ratioRddToNaive: Number(vsNaive.toFixed(3)),
        ratioRddToTuned: Number(vsTuned.toFixed(3)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();

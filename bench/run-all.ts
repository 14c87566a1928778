// Benchmark roll-up (not a test): `npm run bench [-- --quick]`.
// Runs every benchmark in bench/ in its own process (one after the other, so they do not compete for the
// two cores), reads the one JSON line each prints at its end, and prints ONE table: each figure next to
// the baseline measured in the same run and their ratio. Writes everything to bench/results.json.
//
// Why child processes: each bench measures fresh-process costs of its own and some start children; a
// shared process would warm the JIT for the next one and blur the figures.
// --quick: smaller inputs (200k rows instead of 2M, 50 files instead of 150) for a run of a few minutes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of the roll-up table. */
export interface BenchFigure {
  readonly bench: string;
  readonly figure: string;
  readonly value: number;
  readonly baselineName: string;
  readonly baseline: number;
  readonly unit: string;
  /** value / baseline (lower is better for every row). */
  readonly ratio: number;
  readonly goal?: string;
}

interface BenchSpec {
  readonly file: string;
  readonly args: (quick: boolean) => string[];
  readonly figures: (result: Record<string, unknown>) => BenchFigure[];
}

const quick = process.argv.includes('--quick');

const specs: readonly BenchSpec[] = [
  {
    file: 'rdd-batch.ts',
    args: (q) => (q ? ['200000'] : []),
    figures: (r) => {
      const fresh = (r.fresh as { medianMs: Record<string, number> }).medianMs;
      const warm = (r.warm as { medianMs: Record<string, number> }).medianMs;
      return [
        figure(
          'rdd-batch',
          'RDD job, fresh process',
          fresh.rdd!,
          'naive hand loop',
          fresh.naive!,
          'ms',
          '<= 1.2x',
        ),
        figure('rdd-batch', 'RDD job, fresh process', fresh.rdd!, 'tuned hand loop', fresh.tuned!, 'ms'),
        figure('rdd-batch', 'RDD job, warm', warm.rdd!, 'naive hand loop', warm.naive!, 'ms', '<= 1.2x'),
        figure('rdd-batch', 'RDD job, warm', warm.rdd!, 'tuned hand loop', warm.tuned!, 'ms'),
      ];
    },
  },
  {
    file: 'dataframe-batch.ts',
    args: (q) => (q ? ['200000'] : []),
    figures: (r) => {
      const m = r.medianMs as Record<string, number>;
      const whole = r.wholeProcessMs as Record<string, number>;
      return [
        figure(
          'dataframe-batch',
          'DataFrame job',
          m.dataframe!,
          'tuned hand loop',
          m.tuned!,
          'ms',
          '<= 1.25x',
        ),
        figure(
          'dataframe-batch',
          'DataFrame job (inferSchema)',
          m.inferSchema!,
          'tuned hand loop',
          m.tuned!,
          'ms',
        ),
        figure('dataframe-batch', 'DataFrame job', m.dataframe!, 'Arquero', m.arquero!, 'ms', '<= 0.25x'),
        figure('dataframe-batch', 'DataFrame job', m.dataframe!, 'DuckDB query only', m.duckdb!, 'ms'),
        figure(
          'dataframe-batch',
          'DataFrame job, whole process',
          whole.dataframe!,
          'DuckDB whole process',
          whole.duckdb!,
          'ms',
          '<= 1.0x',
        ),
      ];
    },
  },
  {
    file: 'streaming-latency.ts',
    args: (q) => (q ? ['50'] : []),
    figures: (r) => [
      figure(
        'streaming-latency',
        'DStream batch → result p50',
        num(r.batchToResultP50Ms),
        'fs.watch → read → count p50',
        num(r.baselineP50Ms),
        'ms',
      ),
      figure(
        'streaming-latency',
        'DStream landed → result p50',
        num(r.landedToResultP50Ms),
        'fs.watch → read → count p50',
        num(r.baselineP50Ms),
        'ms',
      ),
      figure(
        'streaming-latency',
        'checkpoint write (fsync) p50',
        num(r.checkpointWriteP50Ms),
        'same write without fsync p50',
        num(r.checkpointNoSyncP50Ms),
        'ms',
      ),
    ],
  },
  {
    file: 'structured-streaming.ts',
    args: () => [],
    figures: (r) => [
      figure(
        'structured-streaming',
        'landed → memory sink p99',
        num(r.latencyP99Ms),
        'same, p50',
        num(r.latencyP50Ms),
        'ms',
        'p50 <= 3 ms, p99 <= 20 ms',
      ),
      figure(
        'structured-streaming',
        '10^5 groups: batches 95-99',
        num(r.incrementalLastMs),
        'batches 1-5',
        num(r.incrementalFirstMs),
        'ms',
        '<= 1.2x',
      ),
    ],
  },
  {
    file: 'convert.ts',
    args: () => [],
    figures: (r) => {
      const floor = r.parseFloor as { p95: number };
      return [
        figure(
          'convert',
          'detect after an edit p95',
          (r.detectEdited as { p95: number }).p95,
          'ts.createSourceFile p95',
          floor.p95,
          'ms',
          'detect p95 <= 15 ms',
        ),
        figure(
          'convert',
          'convert + preview p95',
          (r.convertPreview as { p95: number }).p95,
          'ts.createSourceFile p95',
          floor.p95,
          'ms',
          '<= 150 ms',
        ),
      ];
    },
  },
];

function num(value: unknown): number {
  if (typeof value !== 'number')
    throw new Error(`expected a number in the bench's JSON line, got ${String(value)}`);
  return value;
}

function figure(
  bench: string,
  name: string,
  value: number,
  baselineName: string,
  baseline: number,
  unit: string,
  goal?: string,
): BenchFigure {
  return {
    bench,
    figure: name,
    value,
    baselineName,
    baseline,
    unit,
    ratio: value / baseline,
    ...(goal ? { goal } : {}),
  };
}

/** Runs one bench file in a child process and returns the JSON line it printed last. */
export function runBench(
  file: string,
  args: readonly string[],
): { result: Record<string, unknown>; seconds: number } {
  const start = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, file), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = (Date.now() - start) / 1000;
  process.stdout.write(run.stdout ?? '');
  if (run.status !== 0) throw new Error(`bench/${file} exited with ${run.status ?? run.signal}`);
  const line = (run.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench/${file} printed no JSON result line`);
  return { result: JSON.parse(line) as Record<string, unknown>, seconds };
}

function table(figures: readonly BenchFigure[]): string {
  const rows = figures.map((f) => [
    f.bench,
    f.figure,
    `${f.value.toFixed(2)} ${f.unit}`,
    f.baselineName,
    `${f.baseline.toFixed(2)} ${f.unit}`,
    `${f.ratio.toFixed(2)}x`,
    f.goal ?? '',
  ]);
  const header = ['bench', 'figure', 'value', 'baseline (same run)', 'baseline', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function main(): void {
  const figures: BenchFigure[] = [];
  const raw: Record<string, unknown> = {};
  const failures: string[] = [];
  for (const spec of specs) {
    console.log(`\n=== bench/${spec.file} ${spec.args(quick).join(' ')}`);
    try {
      const { result, seconds } = runBench(spec.file, spec.args(quick));
      raw[spec.file] = { ...result, seconds };
      figures.push(...spec.figures(result));
    } catch (error) {
      failures.push(`${spec.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\n=== roll-up${quick ? ' (--quick)' : ''}: ratio = figure / baseline measured in this run\n`);
  console.log(table(figures));
  if (failures.length > 0) console.log(`\nfailed:\n  ${failures.join('\n  ')}`);
  const out = join(__dirname, 'results.json');
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), quick, figures, raw, failures }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
  if (failures.length > 0) process.exitCode = 1;
}

main();

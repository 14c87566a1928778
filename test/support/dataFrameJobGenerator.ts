// Random DataFrame batch jobs, as TypeScript source, over random `k,ts,v` CSV data: per-row steps
// (filter, withColumn, select), dropDuplicates, a join with a static dimension table, groupBy + agg
// (count/sum/avg/min/max) by key or by an event-time window with a watermark. The data has nulls,
// duplicates, skewed keys, out-of-order and late events and malformed rows (PERMISSIVE reads them as
// nulls, the same in batch and stream). Each job also knows, as a JS function, which rows reach its
// aggregation, so the harness can compute the late rows independently of the runtime.
import fc from 'fast-check';
import type { InputFile } from './jobRuns';

export interface DataRow {
  readonly k: string | null;
  /** Seconds after 2024-01-01 00:00:00 UTC, or null; `malformed` rows are written as given. */
  readonly ts: number | null;
  readonly v: number | null;
  readonly malformed?: string;
}

export type Step =
  | { readonly kind: 'filterGt'; readonly n: number }
  | { readonly kind: 'filterKeyNotNull' }
  | { readonly kind: 'doubleV' }
  | { readonly kind: 'addW' }
  | { readonly kind: 'dropDuplicates' }
  | { readonly kind: 'select' }
  | { readonly kind: 'join'; readonly how: 'inner' | 'left' };

export type Aggregate = 'count' | 'sum' | 'avg' | 'min' | 'max';

export interface DataFrameJob {
  readonly steps: readonly Step[];
  readonly grouping:
    | { readonly kind: 'none' }
    | { readonly kind: 'key'; readonly aggregates: readonly Aggregate[] }
    | {
        readonly kind: 'window';
        readonly windowSeconds: number;
        readonly delaySeconds: number;
        readonly aggregates: readonly Aggregate[];
      };
}

export const dimensionCsv = 'a,Alpha\nb,Beta\nb,Beta2\nd,Delta\n';
const dimension: readonly [string, string][] = [
  ['a', 'Alpha'],
  ['b', 'Beta'],
  ['b', 'Beta2'],
  ['d', 'Delta'],
];

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('filterGt' as const), n: fc.integer({ min: -2, max: 12 }) }),
  fc.constant({ kind: 'filterKeyNotNull' as const }),
  fc.constant({ kind: 'doubleV' as const }),
  fc.constant({ kind: 'addW' as const }),
  fc.constant({ kind: 'dropDuplicates' as const }),
  fc.constant({ kind: 'select' as const }),
  fc.record({ kind: fc.constant('join' as const), how: fc.constantFrom('inner' as const, 'left' as const) }),
);

const aggregatesArbitrary = fc.uniqueArray(fc.constantFrom<Aggregate>('count', 'sum', 'avg', 'min', 'max'), {
  minLength: 1,
  maxLength: 5,
});

export const dataFrameJobArbitrary: fc.Arbitrary<DataFrameJob> = fc.record({
  // One join at most (the dimension's columns would be ambiguous twice).
  steps: fc
    .array(stepArbitrary, { maxLength: 4 })
    .map((steps) =>
      steps.filter((s, i) => s.kind !== 'join' || steps.findIndex((t) => t.kind === 'join') === i),
    ),
  grouping: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('key' as const), aggregates: aggregatesArbitrary }),
    fc.record({
      kind: fc.constant('window' as const),
      windowSeconds: fc.constantFrom(5, 10, 30),
      delaySeconds: fc.constantFrom(0, 5, 20),
      aggregates: aggregatesArbitrary,
    }),
  ),
});

const malformedLines = [
  'bad',
  'a,not-a-time,1',
  'b,2024-01-01 00:00:05,x',
  'c,2024-01-01 00:00:06,1,extra',
  '',
];

const rowArbitrary: fc.Arbitrary<DataRow> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      // Skewed: "a" is most rows.
      k: fc.oneof({ weight: 5, arbitrary: fc.constant('a') }, fc.constantFrom('b', 'c', 'd', null)),
      ts: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 90 }) }, fc.constant(null)),
      v: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -3, max: 15 }) }, fc.constant(null)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...malformedLines)
      .map((malformed) => ({ k: null, ts: null, v: null, malformed })),
  },
);

export interface DataFrameData {
  /** Rows per file, in landing order. */
  readonly files: readonly (readonly DataRow[])[];
  /** Number of files landing before each micro-batch (sums to the number of files). */
  readonly batchSizes: readonly number[];
}

export const dataFrameDataArbitrary: fc.Arbitrary<DataFrameData> = fc
  .array(fc.array(rowArbitrary, { maxLength: 8 }), { minLength: 1, maxLength: 5 })
  .chain((files) =>
    fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: files.length, maxLength: files.length })
      .map((sizes) => {
        const batchSizes: number[] = [];
        let left = files.length;
        for (const size of sizes) {
          if (left === 0) break;
          const take = Math.min(size, left);
          batchSizes.push(take);
          left -= take;
        }
        return { files, batchSizes };
      }),
  );

export function timestampText(seconds: number): string {
  const s = String(seconds % 60).padStart(2, '0');
  const m = String(Math.floor(seconds / 60)).padStart(2, '0');
  return `2024-01-01 00:${m}:${s}`;
}

export function rowLine(row: DataRow): string {
  if (row.malformed !== undefined) return row.malformed;
  return [
    row.k ?? '',
    row.ts === null ? '' : timestampText(row.ts),
    row.v === null ? '' : String(row.v),
  ].join(',');
}

export function renderDataFrameFiles(data: DataFrameData): InputFile[] {
  return data.files.map((rows, i) => ({
    name: `part${i}.csv`,
    content: rows.map((row) => `${rowLine(row)}\n`).join(''),
  }));
}

export function dataFrameMicroBatches(data: DataFrameData): string[][] {
  const out: string[][] = [];
  let next = 0;
  for (const size of data.batchSizes) {
    out.push(Array.from({ length: size }, (_, i) => `part${next + i}.csv`));
    next += size;
  }
  return out;
}

/** The batch job: reads `batch_input/`, prints the result's rows (and shows windowed results). */
export function renderDataFrameJob(job: DataFrameJob): string {
  const usesJoin = job.steps.some((s) => s.kind === 'join');
  const functions = new Set(['col', 'lit']);
  let chain = 'df';
  for (const step of job.steps) chain += renderStep(step);
  const g = job.grouping;
  if (g.kind !== 'none') {
    for (const a of g.aggregates) functions.add(a);
    const aggs = g.aggregates.map((a) =>
      a === 'count' ? `count(lit(1)).alias('n')` : `${a}(col('v')).alias('${a}_v')`,
    );
    if (g.kind === 'key') chain += `\n  .groupBy(col('k'))\n  .agg(${aggs.join(', ')})`;
    else {
      functions.add('window');
      chain +=
        `\n  .withWatermark('ts', '${g.delaySeconds} seconds')` +
        `\n  .groupBy(window(col('ts'), '${g.windowSeconds} seconds'), col('k'))\n  .agg(${aggs.join(', ')})`;
    }
  }
  const lines = [
    "import { SparkSession } from '@streamshift/runtime/sql';",
    `import { ${[...functions].sort().join(', ')} } from '@streamshift/runtime/sql/functions';`,
    '',
    "const spark = SparkSession.builder.appName('property').getOrCreate();",
    ...(usesJoin ? ["const dim = spark.read.schema('k STRING, name STRING').csv('dim.csv');"] : []),
    "const df = spark.read.schema('k STRING, ts TIMESTAMP, v INT').csv('batch_input');",
    `const result = ${chain};`,
    'console.log(result.collect());',
    // Watermarked windows: show() becomes an update-mode console query, which drops late rows.
    ...(g.kind === 'window' ? ['result.show();'] : []),
    '',
  ];
  return lines.join('\n');
}

function renderStep(step: Step): string {
  switch (step.kind) {
    case 'filterGt':
      return `\n  .filter(col('v').gt(lit(${step.n})))`;
    case 'filterKeyNotNull':
      return "\n  .filter('k IS NOT NULL')";
    case 'doubleV':
      return "\n  .withColumn('v', col('v').multiply(lit(2)))";
    case 'addW':
      return "\n  .withColumn('w', col('v').plus(lit(1)))";
    case 'dropDuplicates':
      return '\n  .dropDuplicates()';
    case 'select':
      return "\n  .select(col('k'), col('ts'), col('v'))";
    case 'join':
      return `\n  .join(dim, 'k', '${step.how}')`;
  }
}

/**
 * The rows (k, ts, v) that reach the aggregation, computed in plain JS from the job's steps, in input
 * order: what the late-row check needs. Malformed rows read as PERMISSIVE does for this schema.
 */
export function rowsReachingAggregation(
  job: DataFrameJob,
  rows: readonly DataRow[],
  seen = new Map<number, Set<string>>(),
): DataRow[] {
  type Reached = DataRow & { w?: number | null; name?: string | null };
  let current: Reached[] = rows.flatMap(parsedAsSpark);
  for (const [index, step] of job.steps.entries()) {
    switch (step.kind) {
      case 'filterGt':
        current = current.filter((r) => r.v !== null && r.v > step.n);
        break;
      case 'filterKeyNotNull':
        current = current.filter((r) => r.k !== null);
        break;
      case 'doubleV':
        current = current.map((r) => ({ ...r, v: r.v === null ? null : r.v * 2 }));
        break;
      case 'addW':
        current = current.map((r) => ({ ...r, w: r.v === null ? null : r.v + 1 }));
        break;
      case 'dropDuplicates': {
        // Each dropDuplicates keeps its own state, spanning batches as `seen` does across calls.
        let keys = seen.get(index);
        if (!keys) seen.set(index, (keys = new Set()));
        const out: typeof current = [];
        for (const r of current) {
          const key = JSON.stringify(r);
          if (keys.has(key)) continue;
          keys.add(key);
          out.push(r);
        }
        current = out;
        break;
      }
      case 'select':
        current = current.map((r) => ({ k: r.k, ts: r.ts, v: r.v }));
        break;
      case 'join':
        current = current.flatMap((r): Reached[] => {
          const matches = dimension.filter(([k]) => k === r.k);
          if (matches.length === 0) return step.how === 'left' ? [{ ...r, name: null }] : [];
          return matches.map(([, name]) => ({ ...r, name }));
        });
        break;
    }
  }
  return current;
}

/** How PERMISSIVE reads each malformed line for `k STRING, ts TIMESTAMP, v INT`. */
function parsedAsSpark(row: DataRow): DataRow[] {
  if (row.malformed === undefined) return [row];
  switch (row.malformed) {
    case 'bad':
      return [{ k: 'bad', ts: null, v: null }];
    case 'a,not-a-time,1':
      return [{ k: 'a', ts: null, v: 1 }];
    case 'b,2024-01-01 00:00:05,x':
      return [{ k: 'b', ts: 5, v: null }];
    case 'c,2024-01-01 00:00:06,1,extra':
      return [{ k: 'c', ts: 6, v: 1 }];
    default:
      return []; // a blank line is no record
  }
}

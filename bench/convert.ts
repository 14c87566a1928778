// Converter benchmark: `npx tsx bench/convert.ts`
//   - ts-morph cold load (fresh process), the first detect (Project + first parse);
//   - detect on a generated 1,000-line job with 12 RDD and 4 DataFrame pipelines, warm: p50/p95 when the text changed
//     (every keystroke: parse + analysis) and when it did not (cached);
//   - convert + preview text (the unified diff the CLI prints / the editor shows).
// Goals (issue 5): detect p95 ≤ 15 ms, convert + preview ≤ 150 ms. Figures are shown next to the floor
// measured in the same run: TypeScript's own parse of the same text (detect cannot beat it).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const pipelineCount = 12;
const dataFramePipelineCount = 4;
/** What the DataFrame pipelines' input files hold, for schema inference (the bench reads no files). */
const sampleCsv = 'ts,key,value\n2025-04-22 21:01:48,A,76\n2025-04-22 21:02:01,C,19\n';

/** A job of about `lines` lines: pipelines of every shape the converter handles, between unrelated code. */
export function generateJob(lines: number): string {
  const parts = [
    "import { SparkSession } from '@streamshift/runtime';",
    '',
    "const spark = SparkSession.builder.appName('bench').getOrCreate();",
    'const sc = spark.sparkContext;',
    '',
  ];
  const filler = (i: number) => [
    `function helper${i}(values: number[]): number {`,
    '  let total = 0;',
    '  for (const value of values) {',
    `    if (value > ${i}) total += value;`,
    '  }',
    `  console.log('helper ${i}', total);`,
    '  return total;',
    '}',
    '',
  ];
  for (let p = 0; p < pipelineCount; p++) {
    parts.push(
      `// pipeline ${p}`,
      `const lines${p} = sc.textFile('input/data${p}.csv');`,
      `console.log('reading ${p}');`,
      `const counts${p} = lines${p}`,
      "  .map((line) => line.split(','))",
      `  .filter((fields) => Number(fields[2]) > ${p})`,
      '  .map((fields): [string, number] => [fields[1], 1])',
      '  .reduceByKey((x, y) => x + y);',
      `counts${p}.coalesce(1).saveAsTextFile('output/out${p}', { overwrite: true });`,
      '',
    );
  }
  for (let p = 0; p < dataFramePipelineCount; p++) {
    parts.push(
      `// DataFrame pipeline ${p}`,
      `const frame${p} = spark.read.option('header', true).option('inferSchema', true).csv('input/frame${p}.csv');`,
      `const totals${p} = frame${p}.filter('value > ${p}').groupBy('key').count();`,
      `totals${p}.write.mode('overwrite').csv('output/frame${p}');`,
      '',
    );
  }
  let i = 0;
  while (parts.length < lines) parts.push(...filler(i++));
  return parts.join('\n') + '\n';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(label: string, runs: number, fn: (i: number) => void): { p50: number; p95: number } {
  for (let i = 0; i < 20; i++) fn(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p95: percentile(times, 95) };
  console.log(
    `${label.padEnd(52)} p50 ${result.p50.toFixed(2).padStart(7)} ms   p95 ${result.p95.toFixed(2).padStart(7)} ms`,
  );
  return result;
}

function coldLoad(): number {
  const script =
    "const t=process.hrtime.bigint();require('ts-morph');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))";
  const samples = [0, 1, 2].map(() =>
    Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })),
  );
  return samples.sort((a, b) => a - b)[1];
}

async function run(): Promise<void> {
  console.log(`ts-morph cold load (fresh process, median of 3): ${coldLoad().toFixed(0)} ms`);
  const firstStart = performance.now();
  const { detect, convert } = await import('../src/convert/index');
  const { unifiedDiff } = await import('../src/cli/unifiedDiff');
  const { ts } = await import('ts-morph');
  const job = generateJob(1000);
  const first = detect({ fileName: 'bench.ts', text: job });
  console.log(
    `first detect in this process (import + Project + parse): ${(performance.now() - firstStart).toFixed(0)} ms, ` +
      `${first.length} pipelines in ${job.split('\n').length} lines`,
  );
  const expected = pipelineCount + dataFramePipelineCount;
  if (first.length !== expected) throw new Error(`expected ${expected} pipelines, found ${first.length}`);

  const runs = 200;
  // Each run edits the text in the middle of the file, as typing does, so nothing is served from a cache.
  const middle = job.indexOf('// pipeline 6');
  const edited = (i: number) => `${job.slice(0, middle)}// edit ${i}\n${job.slice(middle)}`;
  const floor = measure('floor: ts.createSourceFile of the same text', runs, (i) => {
    ts.createSourceFile('bench.ts', edited(i), ts.ScriptTarget.ES2022, true);
  });
  const changed = measure('detect, text edited (every keystroke: incremental)', runs, (i) => {
    detect({ fileName: 'bench.ts', text: edited(i) });
  });
  measure('detect, a file seen for the first time (full parse)', runs, (i) => {
    detect({ fileName: `bench-${i}.ts`, text: job });
  });
  measure('detect, same text (cursor moves, cached)', runs, () => {
    detect({ fileName: 'bench.ts', text: job }, { start: 400, end: 400 });
  });
  const converted = measure('convert + preview text (unified diff)', 50, (i) => {
    const text = edited(i);
    const conversion = convert({ fileName: 'bench.ts', text }, { readDataFile: () => sampleCsv });
    if (conversion.converted.length !== expected)
      throw new Error(`converted ${conversion.converted.length} pipelines`);
    unifiedDiff(text, conversion.text, { fromFile: 'bench.ts', toFile: 'bench.stream.ts' });
  });
  console.log(
    `\ndetect p95 ${changed.p95.toFixed(2)} ms (goal ≤ 15 ms: ${changed.p95 <= 15 ? 'met' : 'NOT met'}), ` +
      `${(changed.p95 / floor.p95).toFixed(2)}× the parse floor`,
  );
  console.log(
    `convert + preview p95 ${converted.p95.toFixed(2)} ms (goal ≤ 150 ms: ${converted.p95 <= 150 ? 'met' : 'NOT met'}), ` +
      `${(converted.p95 / floor.p95).toFixed(2)}× the parse floor`,
  );
  // One machine-readable line for the roll-up (bench/run-all.ts).
  console.log(
    JSON.stringify({
      bench: 'convert',
      parseFloor: floor,
      detectEdited: changed,
      convertPreview: converted,
      ratioDetectToParse: Number((changed.p95 / floor.p95).toFixed(3)),
      ratioConvertToParse: Number((converted.p95 / floor.p95).toFixed(3)),
    }),
  );
}

if (process.argv[1]?.endsWith('convert.ts')) void run();

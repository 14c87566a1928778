// Random RDD batch jobs (as TypeScript source text) and random data for them, for the equivalence
// property tests and the converter fuzzing. The vocabulary is what the converter promises to stream:
// per-record steps, one running aggregation with associative and commutative functions (as Spark requires
// of reduceByKey: anything else gives partition-dependent results in Spark too), steps after it, a sink.
//
// The model is plain data (so fast-check can shrink it) rendered to text by `renderRddJob`. A DataFrame
// generator can sit beside this one and share `dataArbitrary` / `splitIntoMicroBatches`.
import fc from 'fast-check';
import type { InputFile } from './jobRuns';

/** true with odds trueWeight : falseWeight. */
function weightedBoolean(trueWeight: number, falseWeight: number): fc.Arbitrary<boolean> {
  return fc.oneof(
    { weight: trueWeight, arbitrary: fc.constant(true) },
    { weight: falseWeight, arbitrary: fc.constant(false) },
  );
}

/** The element type flowing between steps. */
export type ElementType = 'line' | 'fields' | 'word' | 'pair';

interface StepTemplate {
  readonly from: ElementType;
  readonly to: ElementType;
  /** The step's text (`.map(…)`), given a small random parameter. */
  readonly text: (parameter: number) => string;
}

const perRecordSteps: readonly StepTemplate[] = [
  { from: 'line', to: 'line', text: () => `.filter((line) => line.trim() !== '')` },
  { from: 'line', to: 'line', text: () => `.filter((line) => !line.startsWith('#'))` },
  { from: 'line', to: 'line', text: () => `.map((line) => line.trim())` },
  { from: 'line', to: 'line', text: () => `.map((line) => line.toLowerCase())` },
  { from: 'line', to: 'line', text: (p) => `.filter((line) => line.length % ${(p % 3) + 2} !== 0)` },
  { from: 'line', to: 'fields', text: () => `.map((line) => line.split(','))` },
  { from: 'line', to: 'fields', text: () => `.map((line) => line.split(',').map((field) => field.trim()))` },
  { from: 'line', to: 'word', text: () => `.flatMap((line) => line.split(' '))` },
  {
    from: 'line',
    to: 'word',
    text: () => `.flatMap((line) => line.split(/\\s+/).filter((word) => word !== ''))`,
  },
  { from: 'fields', to: 'fields', text: () => `.filter((fields) => fields.length >= 3)` },
  { from: 'fields', to: 'fields', text: (p) => `.filter((fields) => Number(fields[2]) > ${p - 10})` },
  { from: 'fields', to: 'fields', text: () => `.filter((fields) => fields[1] !== undefined)` },
  { from: 'word', to: 'word', text: (p) => `.filter((word) => word.length > ${p % 4})` },
  { from: 'word', to: 'word', text: () => `.map((word) => word.replace(/[^\\p{L}\\p{N}]/gu, ''))` },
  { from: 'fields', to: 'pair', text: () => `.map((fields): [string, number] => [fields[1], 1])` },
  {
    from: 'fields',
    to: 'pair',
    text: () => `.map((fields): [string, number] => [fields[1] ?? '', Number(fields[2])])`,
  },
  {
    from: 'fields',
    to: 'pair',
    text: () => `.map((fields): [string, number] => [fields[0], fields.length])`,
  },
  // Throws on a line without a comma: the batch job fails, and so must the stream.
  { from: 'fields', to: 'pair', text: () => `.map((fields): [string, number] => [fields[1].trim(), 1])` },
  { from: 'word', to: 'pair', text: () => `.map((word): [string, number] => [word, 1])` },
  {
    from: 'word',
    to: 'pair',
    text: () => `.map((word): [string, number] => [word.slice(0, 1), word.length])`,
  },
  { from: 'line', to: 'pair', text: () => `.map((line): [string, number] => [line, 1])` },
  {
    from: 'line',
    to: 'pair',
    text: () => `.map((line): [string, number] => [line.split(',')[1], Number(line.split(',')[2])])`,
  },
  { from: 'pair', to: 'pair', text: (p) => `.mapValues((value) => value * ${(p % 5) + 1})` },
  { from: 'pair', to: 'pair', text: (p) => `.filter(([, value]) => value > ${p - 10})` },
  { from: 'pair', to: 'pair', text: () => `.filter(([key]) => key !== '')` },
  { from: 'pair', to: 'pair', text: () => `.mapValues((value) => (Number.isNaN(value) ? 0 : value))` },
  {
    from: 'pair',
    to: 'pair',
    text: () => `.map(([key, value]): [string, number] => [String(key).toUpperCase(), value])`,
  },
  {
    from: 'pair',
    to: 'pair',
    text: () => `.flatMap(([key, value]): [string, number][] => [[key, value], [\`\${key}#\`, 1]])`,
  },
  { from: 'pair', to: 'pair', text: () => `.flatMapValues((value) => [value, -value])` },
  {
    from: 'pair',
    to: 'pair',
    text: () =>
      `.mapPartitions((pairs) => [...pairs].map(([key, value]): [string, number] => [key, value + 1]))`,
  },
  { from: 'pair', to: 'pair', text: () => `.keyBy(([key]) => key).mapValues(([, value]) => value)` },
  // Joins with a static dataset (the converter keeps it a batch read inside transform()).
  { from: 'pair', to: 'pair', text: () => `.join(lookup).mapValues(([value, weight]) => value * weight)` },
  {
    from: 'pair',
    to: 'pair',
    text: () => `.leftOuterJoin(lookup).mapValues(([value, weight]) => value * (weight ?? 1))`,
  },
  { from: 'pair', to: 'pair', text: () => `.subtractByKey(lookup)` },
];

/** Running aggregations: associative and commutative, zero values neutral (Spark's contract). */
const aggregations: readonly string[] = [
  `.reduceByKey((a, b) => a + b)`,
  `.reduceByKey((a, b) => Math.max(a, b))`,
  `.reduceByKey((a, b) => Math.min(a, b))`,
  `.foldByKey(0, (a, b) => a + b)`,
  `.aggregateByKey(0, (acc, value) => acc + value, (a, b) => a + b)`,
  `.aggregateByKey(-Infinity, (acc, value) => Math.max(acc, value), (a, b) => Math.max(a, b))`,
  `.combineByKey((value) => value, (acc, value) => acc + value, (a, b) => a + b)`,
];

/** How pipelines become pairs when the random walk did not get there by itself. */
const toPair: Readonly<Record<Exclude<ElementType, 'pair'>, string>> = {
  line: `.map((line): [string, number] => [line.split(',')[1], 1])`,
  fields: `.map((fields): [string, number] => [fields[1], 1])`,
  word: `.map((word): [string, number] => [word, 1])`,
};

const afterAggregation: readonly ((p: number) => string)[] = [
  (p) => `.mapValues((total) => total * ${(p % 3) + 2})`,
  (p) => `.filter(([, total]) => total > ${p - 5})`,
  () => `.map(([key, total]): [string, number] => [key, total + 1])`,
  () => `.sortBy(([, total]) => total, false)`,
  () => `.sortByKey()`,
  () => `.join(lookup).mapValues(([total, weight]) => total * weight)`,
];

export type SinkKind = 'save' | 'coalesceSave' | 'collect' | 'collectAsMap' | 'foreach';
export type ContextForm = 'sessionChain' | 'sessionThenContext' | 'contextGetOrCreate' | 'newContext';
export type StatementForm = 'chain' | 'split' | 'single' | 'asyncMain';

/** A generated job, as data. */
export interface RddJobModel {
  readonly steps: readonly { readonly template: number; readonly parameter: number }[];
  readonly aggregation?: number;
  readonly after: readonly { readonly template: number; readonly parameter: number }[];
  readonly sink: SinkKind;
  readonly context: ContextForm;
  readonly statements: StatementForm;
  /** Read `batch_input/data.txt` (all data concatenated) rather than the folder of files. */
  readonly concatenated: boolean;
}

/** Where every generated job writes (the stream job writes there too, or to `<path>-<time>` folders). */
export const sinkPath = 'batch_output/result';

export const rddJobArbitrary: fc.Arbitrary<RddJobModel> = fc
  .record({
    walk: fc.array(fc.record({ choice: fc.nat(), parameter: fc.nat({ max: 80 }) }), { maxLength: 5 }),
    aggregate: weightedBoolean(4, 1),
    aggregation: fc.nat({ max: aggregations.length - 1 }),
    after: fc.array(
      fc.record({ template: fc.nat({ max: afterAggregation.length - 1 }), parameter: fc.nat({ max: 40 }) }),
      { maxLength: 2 },
    ),
    sink: fc.constantFrom<SinkKind>('save', 'save', 'coalesceSave', 'collect', 'collectAsMap', 'foreach'),
    context: fc.constantFrom<ContextForm>(
      'sessionChain',
      'sessionThenContext',
      'contextGetOrCreate',
      'newContext',
    ),
    statements: fc.constantFrom<StatementForm>('chain', 'split', 'single', 'asyncMain'),
    concatenated: fc.boolean(),
  })
  .map(({ walk, aggregate, aggregation, after, sink, context, statements, concatenated }) => {
    // A random walk over the step templates that fit the current element type.
    let type: ElementType = 'line';
    const steps: { template: number; parameter: number }[] = [];
    for (const { choice, parameter } of walk) {
      const fitting = perRecordSteps.map((s, i) => ({ s, i })).filter(({ s }) => s.from === type);
      const { s, i } = fitting[choice % fitting.length];
      steps.push({ template: i, parameter });
      type = s.to;
    }
    const keyed = aggregate;
    return {
      steps,
      ...(keyed ? { aggregation } : {}),
      after: keyed ? after : [],
      // Maps and foreach of aggregated values: only where they make sense.
      sink: !keyed && sink === 'collectAsMap' ? 'collect' : keyed && sink === 'foreach' ? 'save' : sink,
      context,
      statements,
      concatenated,
    };
  });

/** True when the job keeps a running aggregation (its stream result is the state after the last batch). */
export function isAggregated(model: RddJobModel): boolean {
  return model.aggregation !== undefined;
}

/** The job's TypeScript source. */
export function renderRddJob(model: RddJobModel): string {
  let type: ElementType = 'line';
  const steps: string[] = [];
  for (const { template, parameter } of model.steps) {
    const step = perRecordSteps[template];
    steps.push(step.text(parameter));
    type = step.to;
  }
  if (model.aggregation !== undefined) {
    if (type !== 'pair') steps.push(toPair[type]);
    steps.push(aggregations[model.aggregation]);
    for (const { template, parameter } of model.after) steps.push(afterAggregation[template](parameter));
  }
  const path = model.concatenated ? 'batch_input/data.txt' : 'batch_input/';
  const imports =
    model.context === 'contextGetOrCreate' || model.context === 'newContext'
      ? `import { SparkContext } from '@streamshift/runtime';`
      : `import { SparkSession } from '@streamshift/runtime';`;
  const lookup = steps.some((step) => step.includes('lookup'))
    ? [`const lookup = sc.parallelize<[string, number]>([['A', 10], ['B', 2], ['ü', 3], ['', 7]]);`]
    : [];
  const context = {
    sessionChain: [`const sc = SparkSession.builder.appName('generated').getOrCreate().sparkContext;`],
    sessionThenContext: [
      `const spark = SparkSession.builder.getOrCreate();`,
      `const sc = spark.sparkContext;`,
    ],
    contextGetOrCreate: [`const sc = SparkContext.getOrCreate();`],
    newContext: [`const sc = new SparkContext('local[2]', 'generated');`],
  }[model.context];
  const sinkCall = (target: string): string => {
    switch (model.sink) {
      case 'save':
        return `await ${target}.saveAsTextFile('${sinkPath}');`;
      case 'coalesceSave':
        return `${target}.coalesce(1).saveAsTextFile('${sinkPath}');`;
      case 'collect':
        return `console.log(await ${target}.collect());`;
      case 'collectAsMap':
        return `console.log(await ${target}.collectAsMap());`;
      case 'foreach':
        return `${target}.foreach((element) => console.log(element));`;
    }
  };
  const indentSteps = (list: readonly string[], indent: string) =>
    list.map((s) => `\n${indent}${s}`).join('');
  let body: string[];
  switch (model.statements) {
    case 'chain':
      body = [`const result = sc.textFile('${path}')${indentSteps(steps, '  ')};`, sinkCall('result')];
      break;
    case 'split': {
      const cut = Math.floor(steps.length / 2);
      body = [
        `const lines = sc.textFile('${path}');`,
        `const firstPart = lines${indentSteps(steps.slice(0, cut), '  ')};`,
        `const result = firstPart${indentSteps(steps.slice(cut), '  ')};`,
        sinkCall('result'),
      ];
      break;
    }
    case 'single':
      body = [sinkCall(`sc.textFile('${path}')${indentSteps(steps, '  ')}`)];
      break;
    case 'asyncMain':
      body = [
        `async function main(): Promise<void> {`,
        `  const result = sc.textFile('${path}')${indentSteps(steps, '    ')};`,
        `  ${sinkCall('result')}`,
        `}`,
        ``,
        `await main();`,
      ];
      break;
  }
  return [`// A generated batch job.`, imports, ``, ...context, ...lookup, ``, ...body, ``].join('\n');
}

// ------------------------------------------------------------------------------------------------ data

const commonKeys = ['A', 'B', 'C'];
const oddKeys = [
  'a',
  'D',
  'ü',
  '😀',
  "it's",
  '"q"',
  '\\',
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  '',
  ' A',
];
const oddValues = ['', 'abc', '1e2', ' 7', 'NaN', '-0', '0x1F', 'Infinity', '3.5', '-12'];
const oddLines = [
  '',
  ' ',
  '#comment',
  'just some words',
  'a,b',
  ',,',
  'x,y,z,w',
  '\t',
  'ÀÉÎ,ü,5',
  'A B  C',
  '1,A',
  ',A,60,extra',
];

const keyArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...commonKeys) },
  { weight: 2, arbitrary: fc.constantFrom(...oddKeys) },
);
const valueArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -20, max: 120 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...oddValues) },
);
const lineArbitrary = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.nat({ max: 999 }), keyArbitrary, valueArbitrary)
      .map(([id, key, value]) => `${id},${key},${value}`),
  },
  { weight: 2, arbitrary: fc.constantFrom(...oddLines) },
);

/** One input file, as lines plus how they are written. */
export interface FileModel {
  readonly lines: readonly string[];
  readonly crlf: boolean;
  readonly trailingNewline: boolean;
  readonly bom: boolean;
}

export const fileArbitrary: fc.Arbitrary<FileModel> = fc.record({
  lines: fc.array(lineArbitrary, { maxLength: 12 }),
  crlf: weightedBoolean(1, 4),
  trailingNewline: weightedBoolean(4, 1),
  bom: weightedBoolean(1, 9),
});

/** The data of one case: the files, and how many land before each micro-batch. */
export interface DataModel {
  readonly files: readonly FileModel[];
  /** Files landing before micro-batch i (0 = an empty batch); files left over land before a last batch. */
  readonly batchSizes: readonly number[];
}

export const dataArbitrary: fc.Arbitrary<DataModel> = fc.record({
  files: fc.array(fileArbitrary, { maxLength: 6 }),
  batchSizes: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 5 }),
});

/**
 * The files' names and bytes. When the batch job reads them concatenated into one file, each must end
 * its last line and carry no byte-order mark, or concatenation would change the lines.
 */
export function renderFiles(data: DataModel, concatenated: boolean): InputFile[] {
  return data.files.map((file, i) => {
    const eol = file.crlf ? '\r\n' : '\n';
    const trailing = concatenated || file.trailingNewline;
    const text = file.lines.join(eol) + (trailing && file.lines.length > 0 ? eol : '');
    return {
      name: `part-${String(i).padStart(3, '0')}.txt`,
      content: (file.bom && !concatenated ? '\uFEFF' : '') + text,
    };
  });
}

/** The file names landing before each micro-batch. */
export function splitIntoMicroBatches(data: DataModel): string[][] {
  const names = data.files.map((_, i) => `part-${String(i).padStart(3, '0')}.txt`);
  const batches: string[][] = [];
  let next = 0;
  for (const size of data.batchSizes) {
    batches.push(names.slice(next, next + size));
    next = Math.min(names.length, next + size);
  }
  if (next < names.length) batches.push(names.slice(next));
  return batches;
}

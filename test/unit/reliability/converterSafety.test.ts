// Converter safety fuzzing: random jobs made hostile (comments between any two nodes, unicode identifiers,
// unusual aliasing, very long chains, unrelated look-alike code, huge files, syntax damage).
// - detect() never throws, and finds the pipeline from a cursor inside it only;
// - convert() never throws for a convertible pipeline, its edits are ordered, apply to its text, and
//   change nothing outside the converted pipelines (beyond the documented insertions: import, context,
//   start/await; the statements that use the sink's result, moved into foreachRDD; `T` → `Promise<T>` of
//   a function made async); every comment survives; converting the result again offers nothing;
// - the converted job still equals the batch job on data (equivalence), and type-checks (a sample: each
//   type-check costs ~0.1–1 s).
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Project, ts } from 'ts-morph';
import { convert, detect, type Conversion, type Pipeline } from '../../../src/convert/index';
import { checkEquivalence, scratchRoot, type EquivalenceCase } from '../../support/equivalence';
import {
  withAliasing,
  withCommentsEverywhere,
  withLongChain,
  withUnicodeIdentifiers,
  withUnrelatedCode,
  type AliasForm,
} from '../../support/hostileSource';
import { propertySettings } from '../../support/propertySettings';
import { rddJobArbitrary, renderRddJob, isAggregated, type RddJobModel } from '../../support/rddJobGenerator';
import { random } from '../../support/seededRandom';

const repoRoot = join(__dirname, '..', '..', '..');

interface HostileJob {
  readonly model: RddJobModel;
  readonly text: string;
  readonly markers: readonly string[];
  readonly transformations: readonly string[];
}

const hostileArbitrary: fc.Arbitrary<HostileJob> = fc
  .record({
    model: rddJobArbitrary,
    seed: fc.nat(),
    alias: fc.option(
      fc.constantFrom<AliasForm>('renamedImport', 'namespaceImport', 'contextAlias', 'destructuredContext'),
    ),
    unicode: fc.boolean(),
    comments: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true })),
    longChain: fc.option(fc.integer({ min: 20, max: 250 })),
    unrelated: fc.boolean(),
  })
  .map(({ model, seed, alias, unicode, comments, longChain, unrelated }) => {
    const next = random(seed);
    const transformations: string[] = [];
    let text = renderRddJob(model);
    if (alias !== null) {
      text = withAliasing(text, alias);
      transformations.push(alias);
    }
    if (longChain !== null) {
      text = withLongChain(text, longChain);
      transformations.push(`chain+${longChain}`);
    }
    if (unrelated) {
      text = withUnrelatedCode(text);
      transformations.push('unrelated');
    }
    if (unicode) {
      text = withUnicodeIdentifiers(text, next);
      transformations.push('unicode');
    }
    let markers: string[] = [];
    if (comments !== null) {
      ({ text, markers } = withCommentsEverywhere(text, next, comments));
      transformations.push(`comments ${comments.toFixed(2)}`);
    }
    return { model, text, markers, transformations };
  });

/** Problems with a conversion's edits, or [] when they are safe. */
function editProblems(text: string, pipelines: readonly Pipeline[], conversion: Conversion): string[] {
  const problems: string[] = [];
  let applied = '';
  let at = 0;
  for (const edit of conversion.edits) {
    if (edit.span.start < at) problems.push(`edits overlap or are out of order at ${edit.span.start}`);
    applied += text.slice(at, edit.span.start) + edit.newText;
    at = Math.max(at, edit.span.end);
  }
  applied += text.slice(at);
  if (applied !== conversion.text)
    problems.push('the edits applied to the text do not give the converted text');

  const sf = ts.createSourceFile('job.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const converted = pipelines.filter((p) => conversion.converted.includes(p.id));
  // A pipeline owns its statements: from the statement holding its source to the end of its sink.
  const regions = converted.map((p) => ({ start: statementStart(sf, p.span.start), end: p.span.end }));
  for (const edit of conversion.edits) {
    if (edit.span.end === edit.span.start) continue; // an insertion
    const old = text.slice(edit.span.start, edit.span.end);
    if (regions.some((r) => edit.span.start >= r.start && edit.span.end <= r.end)) continue;
    if (edit.newText === `Promise<${old}>`) continue; // the return type of a function made async
    const movedAfterSink =
      edit.newText === '' && converted.some((p) => edit.span.start >= p.span.end && /\S/.test(old));
    if (movedAfterSink && conversion.text.includes(old.trim())) continue; // moved into foreachRDD, kept
    problems.push(
      `an edit outside the pipelines changes ${JSON.stringify(old)} to ${JSON.stringify(edit.newText)}`,
    );
  }
  return problems;
}

/** Start of the statement (directly in a block or the file) that contains `position`. */
function statementStart(sf: ts.SourceFile, position: number): number {
  let node: ts.Node | undefined = findInnermost(sf, position);
  while (node && node.parent && !ts.isBlock(node.parent) && !ts.isSourceFile(node.parent)) node = node.parent;
  return node ? node.getFullStart() : position;
}

function findInnermost(node: ts.Node, position: number): ts.Node | undefined {
  for (const child of node.getChildren()) {
    if (position >= child.getFullStart() && position < child.getEnd())
      return findInnermost(child, position) ?? child;
  }
  return undefined;
}

/** Counts each comment marker's occurrences (every marker must survive the conversion exactly once). */
function markerCounts(text: string, markers: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const marker of markers)
    counts[marker] = text.split(new RegExp(`(?:/\\*|// )${marker}(?![0-9])`)).length - 1;
  return counts;
}

// Every file ends its last line, so that a job reading them concatenated sees the same lines.
const smallData: Pick<EquivalenceCase, 'files' | 'microBatches' | 'triggerSeconds'> = {
  files: [
    { name: 'a.txt', content: '1,A,60\n2,B,70\n#c\n3,A,-5\n' },
    { name: 'b.txt', content: 'x y  z\n4,😀,99\r\n' },
    { name: 'c.txt', content: '5,B,NaN\n6,C,100\n' },
  ],
  microBatches: [['a.txt'], [], ['b.txt', 'c.txt']],
  triggerSeconds: 1,
};

describe('converter safety: hostile jobs', function () {
  this.timeout(300_000);
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const settings = propertySettings(200);

  it(`${settings.numRuns} hostile jobs: detect, safe edits, comments kept, still equivalent (seed ${settings.seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileArbitrary, async (job) => {
        const fileName = join(root, 'batch.ts');
        const file = { fileName, text: job.text };
        const pipelines = detect(file);
        assert.equal(
          pipelines.length,
          1,
          `one pipeline expected (${job.transformations.join(', ')})\n${job.text}`,
        );
        assert.notEqual(pipelines[0].verdict.status, 'blocked', JSON.stringify(pipelines[0].verdict));
        // The lightbulb's range query: the pipeline's middle finds it, the header comment does not.
        const middle = Math.floor((pipelines[0].span.start + pipelines[0].span.end) / 2);
        assert.deepEqual(
          detect(file, { start: middle, end: middle }).map((p) => p.id),
          [pipelines[0].id],
        );
        assert.deepEqual(detect(file, { start: 0, end: 5 }), []);
        const conversion = convert(file, { triggerSeconds: 1 });
        assert.deepEqual(conversion.converted, [pipelines[0].id]);
        // Idempotent: the stream job offers nothing more to convert.
        const again = { fileName, text: conversion.text };
        assert.deepEqual(detect(again), []);
        assert.deepEqual(convert(again).edits, []);
        assert.deepEqual(
          editProblems(job.text, pipelines, conversion),
          [],
          `${job.text}\n---\n${conversion.text}`,
        );
        const kept = job.markers;
        assert.deepEqual(
          markerCounts(conversion.text, kept),
          markerCounts(job.text, kept),
          `every comment kept exactly once\n${job.text}\n---\n${conversion.text}`,
        );
        const result = await checkEquivalence(root, {
          ...smallData,
          concatenated: job.model.concatenated,
          jobSource: job.text,
          aggregated: isAggregated(job.model),
        });
        assert.deepEqual(result.differences, [], `${job.transformations.join(', ')}\n${result.streamSource}`);
      }),
      settings,
    );
  });

  it('detect never throws, convert never throws on convertible pipelines: syntax damage to hostile jobs', () => {
    const samples = fc.sample(hostileArbitrary, { seed: settings.seed, numRuns: 150 });
    const tokens = [
      '(',
      ')',
      '{',
      '}',
      '.',
      ',',
      ';',
      '=>',
      '`',
      "'",
      '/*',
      '//',
      '\n',
      '/',
      '\\',
      '${',
      '<',
      '\u2028',
      '\uFEFF',
    ];
    samples.forEach((job, index) => {
      const next = random(index + 1);
      let text = job.text;
      for (let edit = 0; edit < 1 + Math.floor(next() * 3); edit++) {
        const at = Math.floor(next() * text.length);
        text =
          next() < 0.5
            ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 10))
            : text.slice(0, at) + tokens[Math.floor(next() * tokens.length)] + text.slice(at);
      }
      const file = { fileName: 'damaged.ts', text };
      let pipelines: Pipeline[] = [];
      assert.doesNotThrow(() => {
        pipelines = detect(file);
        detect(file, { start: Math.floor(text.length / 2), end: Math.floor(text.length / 2) });
      }, `sample ${index}\n${text}`);
      if (pipelines.some((p) => p.verdict.status !== 'blocked'))
        assert.doesNotThrow(() => convert(file), `sample ${index}\n${text}`);
    });
  });

  it('a huge file: 150 hostile pipelines in functions, detected and converted together', () => {
    const samples = fc.sample(hostileArbitrary, { seed: settings.seed + 1, numRuns: 150 });
    const bodies = samples.map((job, i) => {
      const body = job.text
        .split('\n')
        .filter((line) => !/^(\/\*c\d+\*\/ )*import /.test(line))
        .join('\n')
        .replace(/await main\(\);/g, '')
        .replace(/\bmain\b/g, `inner${i}`);
      return `export async function job${i}(): Promise<void> {\n${body}\n}`;
    });
    const imports = [
      `import { SparkSession, SparkContext } from '@streamshift/runtime';`,
      `import { SparkSession as Ｒｕｎｔｉｍｅ } from '@streamshift/runtime';`,
      `import * as ѕрагк from '@streamshift/runtime';`,
    ].join('\n');
    const text = `${imports}\n\n${bodies.join('\n\n')}\n`;
    const file = { fileName: 'huge.ts', text };
    const pipelines = detect(file);
    assert.ok(text.split('\n').length > 1500);
    // Ｒｕｎｔｉｍｅ is imported as SparkSession here: jobs that used it as SparkContext have no pipeline.
    const expected = samples.filter(
      (job) =>
        !(
          job.transformations.includes('renamedImport') &&
          (job.model.context === 'contextGetOrCreate' || job.model.context === 'newContext')
        ),
    ).length;
    assert.equal(pipelines.length, expected);
    const conversion = convert(file);
    assert.equal(conversion.converted.length, expected);
    assert.deepEqual(editProblems(text, pipelines, conversion), []);
  });

  describe('converted hostile jobs type-check against the runtime', () => {
    const project = new Project({
      tsConfigFilePath: join(repoRoot, 'tsconfig.json'),
      skipAddingFilesFromTsConfig: true,
    });
    const samples = fc.sample(hostileArbitrary, { seed: settings.seed + 2, numRuns: 12 });
    samples.forEach((job, index) => {
      it(`sample ${index} (${job.transformations.join(', ') || 'plain'})`, () => {
        const dir = join(repoRoot, 'test', 'unit', 'reliability');
        const conversion = convert(
          { fileName: join(dir, 'batch.ts'), text: job.text },
          { triggerSeconds: 1 },
        );
        const diagnostics = (text: string, kind: string) => {
          const sf = project.createSourceFile(join(dir, `__hostile_${kind}_${index}.ts`), text, {
            overwrite: true,
          });
          const found = sf
            .getPreEmitDiagnostics()
            .map(
              (d) =>
                `${kind} line ${d.getLineNumber() ?? '?'}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`,
            );
          project.removeSourceFile(sf);
          return found;
        };
        assert.deepEqual(diagnostics(job.text, 'batch'), [], job.text);
        assert.deepEqual(diagnostics(conversion.text, 'stream'), [], conversion.text);
      });
    });
  });
});

// Converter bugs found by the fuzzing and property suites of issue 8, each pinned by its minimal case.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { convert } from '../../../src/convert/index';

const repoRoot = join(__dirname, '..', '..', '..');

describe('converter regressions found by the issue 8 fuzzing', function () {
  this.timeout(120_000);
  const project = new Project({
    tsConfigFilePath: join(repoRoot, 'tsconfig.json'),
    skipAddingFilesFromTsConfig: true,
  });
  const dir = join(repoRoot, 'test', 'unit', 'reliability');

  function streamDiagnostics(batch: string, name: string): { text: string; diagnostics: string[] } {
    const text = convert({ fileName: join(dir, 'batch.ts'), text: batch }).text;
    const sf = project.createSourceFile(join(dir, `__regression_${name}.ts`), text, { overwrite: true });
    const diagnostics = sf
      .getPreEmitDiagnostics()
      .map(
        (d) =>
          `line ${d.getLineNumber() ?? '?'}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`,
      );
    project.removeSourceFile(sf);
    return { text, diagnostics };
  }

  // Found by converterSafety.test.ts: the zero value `-Infinity` (a max aggregation's neutral element) was
  // not read as a number, so the hoisted merge function took `any`, the running state's type became
  // `unknown`, and `.mapValues((total) => total * 3)` after the aggregation no longer type-checked.
  for (const zero of ['-Infinity', 'Infinity', 'Number.NEGATIVE_INFINITY', 'NaN']) {
    it(`aggregateByKey with the zero value ${zero}: the merge function is typed number and the job type-checks`, () => {
      const { text, diagnostics } = streamDiagnostics(
        `import { SparkSession } from '@streamshift/runtime';
const sc = SparkSession.builder.getOrCreate().sparkContext;
const result = sc
  .textFile('batch_input/')
  .map((line): [string, number] => [line.split(',')[1], Number(line.split(',')[2])])
  .aggregateByKey(${zero}, (acc, value) => Math.max(acc, value), (a, b) => Math.max(a, b))
  .mapValues((total) => total * 3);
await result.saveAsTextFile('out');
`,
        `zero_${zero.replace(/\W/g, '_')}`,
      );
      assert.match(text, /const mergeResult = \(a: number, b: number\) => Math\.max\(a, b\);/);
      assert.deepEqual(diagnostics, [], text);
    });
  }
});

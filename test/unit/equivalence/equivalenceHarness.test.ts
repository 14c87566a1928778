// The equivalence check must be able to fail: a stream job that is *not* equivalent (state forgotten, a
// micro-batch's output lost) is reported, with what differs.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { checkEquivalence, scratchRoot, type EquivalenceCase } from '../../support/equivalence';

const wordCount = `import { SparkSession } from '@streamshift/runtime';

const sc = SparkSession.builder.getOrCreate().sparkContext;
const counts = sc
  .textFile('batch_input/')
  .map((line): [string, number] => [line.split(',')[1], 1])
  .reduceByKey((a, b) => a + b);
await counts.saveAsTextFile('batch_output/result');
`;

const twoBatches: Omit<EquivalenceCase, 'jobSource' | 'aggregated'> = {
  files: [
    { name: 'a.txt', content: '1,A,5\n2,B,6\n' },
    { name: 'b.txt', content: '3,A,7\n' },
  ],
  microBatches: [['a.txt'], ['b.txt']],
  concatenated: false,
  triggerSeconds: 1,
};

describe('equivalence harness', () => {
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the converted word count is equivalent: totals over both micro-batches', async () => {
    const result = await checkEquivalence(root, { ...twoBatches, jobSource: wordCount, aggregated: true });
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.batch.outputs['batch_output/result'], ["('A', 2)", "('B', 1)"]);
  });

  it('reports a stream job that forgets its running totals', async () => {
    const result = await checkEquivalence(
      root,
      { ...twoBatches, jobSource: wordCount, aggregated: true },
      // Everything from `.updateStateByKey(` to the end of its statement goes (however it is laid out).
      (text) => text.replace(/\n\s*\.updateStateByKey\([\s\S]*?\);\n/, ';\n'),
    );
    assert.equal(result.differences.length, 1, result.streamSource);
    assert.match(
      result.differences[0],
      /batch_output\/result: batch \["\('A', 2\)","\('B', 1\)"\], stream \["\('A', 1\)"\]/,
    );
  });

  it('reports a stateless stream job that loses a micro-batch', async () => {
    const stateless = `import { SparkSession } from '@streamshift/runtime';

const sc = SparkSession.builder.getOrCreate().sparkContext;
const rows = sc.textFile('batch_input/').filter((line) => line.includes('A'));
await rows.saveAsTextFile('batch_output/result');
`;
    const result = await checkEquivalence(
      root,
      { ...twoBatches, jobSource: stateless, aggregated: false },
      (text) =>
        text.replace(
          ".filter((line) => line.includes('A'))",
          ".filter((line) => line.includes('A') && !line.startsWith('3'))",
        ),
    );
    assert.equal(result.differences.length, 1, result.streamSource);
    assert.match(result.differences[0], /stream \["1,A,5"\]/);
  });

  it('reports a stream job that fails where the batch job does not', async () => {
    const result = await checkEquivalence(
      root,
      { ...twoBatches, jobSource: wordCount, aggregated: true },
      (text) =>
        text.replace(
          '(a: number, b: number) => a + b',
          '(a: number, b: number) => { if (b > 0) throw new Error("boom"); return a + b; }',
        ),
    );
    assert.equal(result.differences.length, 1, result.streamSource);
    assert.match(result.differences[0], /batch error: \(none\); stream error: .*boom/);
  });
});

// Before/after fixtures: test/fixtures/convert/rdd/<case>/input.ts converts to expected.ts exactly.
// Each case is one rewrite rule or one way of writing a job (aliases, split chains, functions...).
import { strict as assert } from 'node:assert';
import { convert, detect } from '../../../src/convert/index';
import { applyEdits } from '../../../src/convert/edits';
import { fixtureCases, fixtureJobPath, fixtureRoot, loadFixture } from './fixtureFiles';
import { rddJob } from './jobText';

describe('convert: RDD → DStream fixtures', () => {
  const cases = fixtureCases();

  it('has fixtures to run', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} fixtures found in ${fixtureRoot}`);
  });

  for (const name of cases) {
    describe(name, () => {
      const { input, expected, options } = loadFixture(name);
      const file = { fileName: fixtureJobPath(name), text: input };

      it('converts to the expected text', () => {
        const conversion = convert(file, options);
        assert.equal(conversion.text, expected);
        assert.ok(conversion.converted.length > 0);
      });

      it('edits are ordered, disjoint, and leave everything else byte-for-byte', () => {
        const { edits, text } = convert(file, options);
        for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].span.end <= edits[i].span.start);
        assert.equal(applyEdits(input, edits), text);
        // Outside the edits the original text is kept verbatim.
        let at = 0;
        let outAt = 0;
        for (const edit of edits) {
          const kept = input.slice(at, edit.span.start);
          assert.equal(text.slice(outAt, outAt + kept.length), kept);
          outAt += kept.length + edit.newText.length;
          at = edit.span.end;
        }
        assert.equal(text.slice(outAt), input.slice(at));
      });

      it('offers nothing on its own output (idempotent)', () => {
        const converted = { fileName: fixtureJobPath(name), text: expected };
        assert.deepEqual(detect(converted), []);
        assert.deepEqual(convert(converted).edits, []);
      });
    });
  }
});

describe('convert: formatting preservation', () => {
  for (const name of [
    'rdd/wordcount',
    'rdd/single-statement',
    'rdd/bound-result',
    'dataframe/aggregate-write',
  ]) {
    it(`${name} with CRLF line endings converts to the same text with CRLF line endings`, () => {
      const { input, expected } = loadFixture(name);
      const crlf = (text: string) => text.replace(/\n/g, '\r\n');
      const conversion = convert({ fileName: fixtureJobPath(name), text: crlf(input) });
      assert.equal(conversion.text, crlf(expected));
    });
  }
});

describe('convert: choosing pipelines', () => {
  it('a requested pipeline that is blocked is not converted, and the notes say why', () => {
    const file = rddJob(
      `sc.textFile('a.csv').saveAsTextFile('copy');\nconsole.log(sc.textFile('b.csv').count());`,
    );
    const [copy, count] = detect(file);
    assert.equal(count.verdict.status, 'blocked');
    const conversion = convert(file, { pipelineIds: [count.id] });
    assert.deepEqual(conversion.edits, []);
    assert.match(conversion.notes.join('\n'), /cannot stream: count\(\) of a stream/);
    const only = convert(file, { pipelineIds: [copy.id] });
    assert.deepEqual(only.converted, [copy.id]);
    assert.match(
      only.text,
      /console\.log\(sc\.textFile\('b\.csv'\)\.count\(\)\);/,
      'the other pipeline stays a batch pipeline',
    );
  });

  it('an unknown pipeline id is an error naming the file', () => {
    assert.throws(
      () => convert(rddJob(`sc.textFile('a').saveAsTextFile('b');`), { pipelineIds: ['rdd:0:0'] }),
      /jobs\/batch\.ts: no pipeline with id rdd:0:0/,
    );
  });

  it('by default every convertible pipeline is converted and blocked ones are left alone', () => {
    const file = rddJob(
      `sc.textFile('a.csv').saveAsTextFile('copy');\nconsole.log(sc.textFile('b.csv').count());`,
    );
    const conversion = convert(file);
    assert.equal(conversion.converted.length, 1);
    assert.match(conversion.text, /textFileStream/);
    assert.match(conversion.text, /sc\.textFile\('b\.csv'\)\.count\(\)/);
  });
});

describe('convert: one StreamingContext per job', () => {
  it('a job made of functions that each create their context gets one StreamingContext in each', () => {
    const body = (n: number) =>
      `export async function job${n}(): Promise<void> {\n  const sc = SparkSession.builder.getOrCreate().sparkContext;\n  const counts = sc.textFile('in${n}.csv').map((l): [string, number] => [l, 1]).reduceByKey((a, b) => a + b);\n  counts.saveAsTextFile('out${n}');\n}`;
    const file = {
      fileName: 'jobs/batch.ts',
      text: `import { SparkSession } from '@streamshift/runtime';\n\n${body(1)}\n\n${body(2)}\n`,
    };
    const { text } = convert(file);
    const functions = text.split('export async function').slice(1);
    assert.equal(functions.length, 2);
    for (const [index, fn] of functions.entries()) {
      assert.match(
        fn,
        new RegExp(
          `\\n {2}const ssc = StreamingContext\\.getOrCreate\\('checkpoint/batch/job${index + 1}', `,
        ),
      );
      assert.match(fn, /\n {4}const ssc = new StreamingContext\(sc, 5\);\n/);
      assert.match(fn, new RegExp(`ssc\\.checkpoint\\('checkpoint/batch/job${index + 1}'\\)`));
      assert.match(fn, /ssc\.start\(\);\n {2}await ssc\.awaitTermination\(\);\n\}/);
    }
    assert.equal(text.match(/^import \{ StreamingContext \}/gm)?.length, 1);
  });

  it('an alias of the context that only the source used is the one the StreamingContext is made from', () => {
    const { text } = convert(
      rddJob(`const ctx = sc;\nconst ctx2 = ctx;\nctx2.textFile('a.csv').foreach((l) => console.log(l));`),
    );
    assert.match(text, /const ctx2 = ctx;\nconst ssc = new StreamingContext\(ctx2, 5\);\n/);
  });

  it('a comment between the dot and a step wrapped in transform() survives', () => {
    const { text } = convert(
      rddJob(
        `const c = sc.textFile('a.csv').map((l): [string, number] => [l, 1]).reduceByKey((a, b) => a + b)./*c*/ sortBy((p) => p[1]);\nc.saveAsTextFile('o');`,
      ),
    );
    assert.match(text, /\.transform\(\(rdd\) => rdd\.\/\*c\*\/ sortBy\(\(p\) => p\[1\]\)\)/);
  });

  it('comments in a stateless sink statement survive', () => {
    const { text } = convert(
      rddJob(`sc.textFile('a.csv').map((l) => l)/*c2*/.saveAsTextFile(/*c3*/ 'o' /*c4*/);`),
    );
    assert.match(text, /stream\/\*c2\*\/\.saveAsTextFiles\(\/\*c3\*\/ 'o' \/\*c4\*\/\);/);
  });

  it('comments inside the source call survive', () => {
    const { text } = convert(
      rddJob(`sc.textFile(/* the input */ 'a.csv' /* a file */).foreach((l) => console.log(l));`),
    );
    assert.match(text, /ssc\.textFileStream\(\/\* the input \*\/ 'stream_input\/' \/\* a file \*\/\)/);
  });

  it('pipelines in different functions share it; start() follows the last and the notes say so', () => {
    const file = rddJob(
      `sc.textFile('a.csv').foreach((l) => console.log(l));\nfunction later(): void {\n  sc.textFile('b.csv').foreach((l) => console.log(l));\n}\nlater();`,
    );
    const conversion = convert(file);
    assert.equal(conversion.converted.length, 2);
    assert.equal(conversion.text.match(/new StreamingContext/g)?.length, 1);
    assert.equal(conversion.text.match(/ssc\.start\(\)/g)?.length, 1);
    assert.match(
      conversion.text,
      /async function later\(\): Promise<void> \{[\s\S]*ssc\.start\(\);\n {2}await ssc\.awaitTermination\(\);\n\}/,
    );
    assert.match(
      conversion.notes.join('\n'),
      /different functions: ssc\.start\(\) follows the last one \(line 6\)/,
    );
  });
});

// detect(): pipelines found by following values, whatever the names, and only those.
import { strict as assert } from 'node:assert';
import { convert, detect, type JobFile } from '../../../src/convert/index';
import { rddJob, withCursor } from './jobText';

const job = (text: string): JobFile => ({ fileName: 'jobs/batch.ts', text });

describe('convert: detect', () => {
  it('finds the seed pipeline with a label, spans and a convertible verdict', () => {
    const file = rddJob(
      `const rdd = sc.textFile('batch_input/data.csv');\nconst out = rdd\n  .map((l) => l.split(','))\n  .map((f): [string, number] => [f[1], 1])\n  .reduceByKey((x, y) => x + y);\nout.saveAsTextFile('batch_output');`,
    );
    const [pipeline] = detect(file);
    assert.equal(pipeline.api, 'rdd');
    assert.equal(pipeline.label, 'textFile("batch_input/data.csv") → reduceByKey → saveAsTextFile');
    assert.equal(
      file.text.slice(pipeline.source.span.start, pipeline.source.span.end),
      "sc.textFile('batch_input/data.csv')",
    );
    assert.equal(pipeline.source.path, 'batch_input/data.csv');
    assert.deepEqual(
      pipeline.steps.map((s) => [s.name, s.kind]),
      [
        ['map', 'stateless'],
        ['map', 'stateless'],
        ['reduceByKey', 'aggregation'],
      ],
    );
    assert.equal(pipeline.sink?.method, 'saveAsTextFile');
    assert.equal(pipeline.sink?.path, 'batch_output');
    assert.ok(
      file.text.slice(pipeline.span.start, pipeline.span.end).endsWith("out.saveAsTextFile('batch_output');"),
    );
    assert.deepEqual(pipeline.verdict, { status: 'convertible' });
  });

  it('ids are stable for the same text and distinct per pipeline', () => {
    const file = rddJob(
      `const lines = sc.textFile('a.csv');\nlines.saveAsTextFile('x');\nlines.foreach((l) => console.log(l));`,
    );
    const first = detect(file).map((p) => p.id);
    assert.equal(new Set(first).size, 2);
    assert.deepEqual(
      detect({ ...file }).map((p) => p.id),
      first,
    );
  });

  describe('follows values, not names', () => {
    it('SparkSession imported under another name', () => {
      const file = job(
        `import { SparkSession as S } from '@streamshift/runtime';\nconst s = S.builder.getOrCreate();\ns.sparkContext.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.equal(detect(file).length, 1);
    });

    it('SparkContext.getOrCreate() and new SparkContext()', () => {
      const a = job(
        `import { SparkContext } from '@streamshift/runtime';\nconst c = SparkContext.getOrCreate();\nc.textFile('a').saveAsTextFile('b');\n`,
      );
      const b = job(
        `import { SparkContext as Ctx } from '@streamshift/runtime';\nconst c = new Ctx();\nc.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.equal(detect(a).length, 1);
      assert.equal(detect(b).length, 1);
    });

    it('a namespace import', () => {
      const file = job(
        `import * as spark from '@streamshift/runtime';\nconst sc = spark.SparkContext.getOrCreate();\nsc.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.equal(detect(file).length, 1);
    });

    it('destructuring sparkContext, with and without renaming', () => {
      const renamed = job(
        `import { SparkSession } from '@streamshift/runtime';\nconst { sparkContext: engine } = SparkSession.builder.getOrCreate();\nengine.textFile('a').saveAsTextFile('b');\n`,
      );
      const plain = job(
        `import { SparkSession } from '@streamshift/runtime';\nconst spark = SparkSession.builder.getOrCreate();\nconst { sparkContext } = spark;\nsparkContext.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.equal(detect(renamed).length, 1);
      assert.equal(detect(plain).length, 1);
    });

    it('a builder split across statements', () => {
      const file = job(
        `import { SparkSession } from '@streamshift/runtime';\nconst builder = SparkSession.builder.appName('x');\nconst spark = builder.master('local[*]').getOrCreate();\nspark.sparkContext.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.equal(detect(file).length, 1);
    });

    it('variables with any names, aliases of aliases, and re-assignment', () => {
      const file = rddJob(
        `let q = sc.textFile('a');\nconst w = q;\nq = w.filter((l) => l.length > 0);\nconst z = q.map((l): [string, number] => [l, 1]);\nz.reduceByKey((a, b) => a + b).saveAsTextFile('b');`,
      );
      const [pipeline] = detect(file);
      assert.deepEqual(
        pipeline.steps.map((s) => s.name),
        ['filter', 'map', 'reduceByKey'],
      );
    });

    it('a pipeline inside async function main(), with the context from an outer scope', () => {
      const file = rddJob(
        `async function main(): Promise<void> {\n  const counts = sc.textFile('a').map((l): [string, number] => [l, 1]).reduceByKey((a, b) => a + b);\n  counts.saveAsTextFile('b');\n}\nawait main();`,
      );
      assert.equal(detect(file).length, 1);
    });

    it('a function declared before the context it uses', () => {
      const file = job(
        `import { SparkSession } from '@streamshift/runtime';\nfunction run(): void {\n  sc.textFile('a').saveAsTextFile('b');\n}\nconst sc = SparkSession.builder.getOrCreate().sparkContext;\nrun();\n`,
      );
      assert.equal(detect(file).length, 1);
    });

    it('a shadowing parameter named like the context is not the context', () => {
      const file = rddJob(
        `function fake(sc: { textFile(p: string): { saveAsTextFile(p: string): void } }): void {\n  sc.textFile('a').saveAsTextFile('b');\n}\nfake({ textFile: () => ({ saveAsTextFile: () => undefined }) });`,
      );
      assert.deepEqual(detect(file), []);
    });

    it('several pipelines in one file, in text order', () => {
      const file = rddJob(
        `sc.textFile('a').saveAsTextFile('a_out');\nsc.textFile('b').foreach((l) => console.log(l));\nconsole.log(sc.textFile('c').map((l): [string, number] => [l, 1]).reduceByKey((x, y) => x + y).collect());`,
      );
      assert.deepEqual(
        detect(file).map((p) => p.source.path),
        ['a', 'b', 'c'],
      );
    });

    it('a source shared by two pipelines gives two pipelines, converted together', () => {
      const file = rddJob(
        `const lines = sc.textFile('a');\nlines.map((l): [string, number] => [l, 1]).reduceByKey((x, y) => x + y).saveAsTextFile('counts');\nlines.filter((l) => l.startsWith('E')).saveAsTextFile('errors');`,
      );
      const pipelines = detect(file);
      assert.equal(pipelines.length, 2);
      assert.equal(pipelines[0].source.span.start, pipelines[1].source.span.start);
      const conversion = convert(file, { pipelineIds: [pipelines[0].id] });
      assert.deepEqual([...conversion.converted].sort(), pipelines.map((p) => p.id).sort());
      assert.ok(conversion.notes.some((n) => /converted too: it reads the same source/.test(n)));
      assert.equal(conversion.text.match(/textFileStream/g)?.length, 1);
    });
  });

  describe('unrelated code never matters', () => {
    it('a file without the runtime has no pipelines', () => {
      const file = job(
        `const sc = { textFile: (p: string) => ({ saveAsTextFile: (o: string) => [p, o] }) };\nsc.textFile('a').saveAsTextFile('b');\n`,
      );
      assert.deepEqual(detect(file), []);
    });

    it('prints, loops, helpers and other calls around a pipeline are not part of it', () => {
      const file = rddJob(
        `console.log('start');\nfor (let i = 0; i < 3; i++) console.log(i);\nconst helper = (x: number) => x * 2;\nconst lines = sc.textFile('a');\nconsole.log(helper(2), [1, 2].map(helper));\nlines.saveAsTextFile('b');\nconsole.log('end');`,
      );
      const [pipeline] = detect(file);
      assert.deepEqual(pipeline.steps, []);
      assert.equal(pipeline.verdict.status, 'convertible-with-changes');
    });

    it('an already-streaming file offers nothing', () => {
      const file = job(
        `import { SparkContext } from '@streamshift/runtime';\nimport { StreamingContext } from '@streamshift/runtime/streaming';\nconst sc = SparkContext.getOrCreate();\nconst ssc = new StreamingContext(sc, 1);\nsc.textFile('static').saveAsTextFile('copy');\n`,
      );
      assert.deepEqual(detect(file), []);
      const conversion = convert(file);
      assert.deepEqual(conversion.edits, []);
      assert.match(conversion.notes.join(' '), /already uses a streaming API/);
    });
  });

  describe('range (lightbulb)', () => {
    const twoPipelines = `import { SparkSession } from '@streamshift/runtime';\nconst sc = SparkSession.builder.getOrCreate().sparkContext;\n`;

    it('a cursor inside a pipeline finds that pipeline only', () => {
      const { file, range } = withCursor(
        `${twoPipelines}sc.textFile('a').saveAsTextFile('x');\nsc.textFile('b')./*|*/saveAsTextFile('y');\n`,
      );
      assert.deepEqual(
        detect(file, range).map((p) => p.source.path),
        ['b'],
      );
    });

    it('a cursor outside every pipeline finds nothing', () => {
      const { file, range } = withCursor(
        `${twoPipelines}console.log(1);/*|*/\nsc.textFile('a').saveAsTextFile('x');\n`,
      );
      assert.deepEqual(detect(file, range), []);
    });

    it('a selection across two pipelines finds both', () => {
      const { file, range } = withCursor(
        `${twoPipelines}sc.textFile('a')/*[*/.saveAsTextFile('x');\nsc.textFile('b')/*]*/.saveAsTextFile('y');\n`,
      );
      assert.equal(detect(file, range).length, 2);
    });

    it('the lightbulb span reaches from the source to the end of the sink statement', () => {
      const { file, range } = withCursor(
        `${twoPipelines}const lines = sc.textFile('a');\nconsole.log('between');/*|*/\nlines.saveAsTextFile('x');\n`,
      );
      assert.equal(detect(file, range).length, 1);
    });
  });
});

describe('convert: detect DataFrame pipelines', () => {
  const sqlJob = (body: string): JobFile => ({
    fileName: 'jobs/batch.ts',
    text: `import { SparkSession } from '@streamshift/runtime/sql';\nconst spark = SparkSession.builder.getOrCreate();\n${body}\n`,
  });

  it('read → steps → grouped aggregation → write, with kinds and a label', () => {
    const file = sqlJob(
      `const df = spark.read.option('header', true).csv('in.csv');\nconst out = df.filter('v > 1').groupBy('k').count().orderBy('count');\nout.write.mode('overwrite').csv('out');`,
    );
    const [pipeline] = detect(file);
    assert.equal(pipeline.api, 'dataframe');
    assert.equal(pipeline.label, 'read.csv("in.csv") → groupBy → orderBy → write.csv');
    assert.deepEqual(
      pipeline.steps.map((s) => [s.name, s.kind]),
      [
        ['filter', 'stateless'],
        ['groupBy', 'aggregation'],
        ['orderBy', 'order'],
      ],
    );
    assert.equal(pipeline.sink?.path, 'out');
    assert.equal(
      file.text.slice(pipeline.source.span.start, pipeline.source.span.end),
      "spark.read.option('header', true).csv('in.csv')",
    );
  });

  it('a groupBy over a window() is a window step', () => {
    const file = sqlJob(
      `import { functions as F } from '@streamshift/runtime/sql';\nspark.read.json('e.json').withWatermark('ts', '10 minutes').groupBy(F.window('ts', '5 minutes')).count().show();`,
    );
    const [pipeline] = detect(file);
    assert.equal(pipeline.steps.find((s) => s.name === 'groupBy')?.kind, 'window');
    assert.equal(pipeline.verdict.status, 'convertible-with-changes');
  });

  it('a reader split across variables and imported from the root module', () => {
    const file: JobFile = {
      fileName: 'b.ts',
      text: `import { SparkSession as S } from '@streamshift/runtime';\nconst s = S.builder.getOrCreate();\nconst reader = s.read.format('json');\nconst df = reader.load('x.json');\nconsole.log(df.groupBy('a').count().collect());\n`,
    };
    const [pipeline] = detect(file);
    assert.equal(pipeline.label, 'read.json("x.json") → groupBy → collect');
  });

  it('a static DataFrame joined in is not a pipeline of its own', () => {
    const file = sqlJob(
      `const users = spark.read.csv('u.csv');\nspark.read.csv('v.csv').join(users, '_c0').show();`,
    );
    const pipelines = detect(file);
    assert.equal(pipelines.length, 1);
    assert.equal(pipelines[0].source.path, 'v.csv');
  });
});

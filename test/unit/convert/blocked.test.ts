// One test per reason a pipeline cannot stream. Each asserts the verdict, that the reason points at the
// offending call, and that a fix is suggested; and that convert() leaves a blocked pipeline alone.
import { strict as assert } from 'node:assert';
import { convert, detect, type BlockReason, type JobFile, type Pipeline } from '../../../src/convert/index';
import { rddJob } from './jobText';

function onlyPipeline(file: JobFile): Pipeline {
  const pipelines = detect(file);
  assert.equal(pipelines.length, 1, `expected one pipeline, got ${pipelines.map((p) => p.label).join(', ')}`);
  return pipelines[0];
}

function assertBlocked(file: JobFile, message: RegExp, at: string): BlockReason {
  const pipeline = onlyPipeline(file);
  assert.equal(pipeline.verdict.status, 'blocked', `verdict was ${pipeline.verdict.status}`);
  const reason =
    pipeline.verdict.status === 'blocked'
      ? pipeline.verdict.reasons.find((r) => message.test(r.message))
      : undefined;
  assert.ok(reason, `no reason matching ${message}: ${JSON.stringify(pipeline.verdict)}`);
  assert.ok(reason.fix.length > 20, 'a fix is suggested');
  assert.ok(
    file.text.slice(reason.span.start, reason.span.end).startsWith(at),
    `reason points at "${file.text.slice(reason.span.start, reason.span.end)}"`,
  );
  const conversion = convert(file);
  assert.deepEqual(conversion.edits, [], 'a blocked pipeline is not converted');
  assert.equal(conversion.text, file.text);
  return reason;
}

const pairs = `sc.textFile('data.csv').map((line): [string, number] => [line.split(',')[0], 1])`;

describe('convert: blocked pipelines', () => {
  it('sc.parallelize() has nothing to stream', () => {
    assertBlocked(
      rddJob(`const counts = sc.parallelize([1, 2, 3]).map((x) => x * 2);\ncounts.saveAsTextFile('out');`),
      /parallelize\(\) builds a fixed/,
      'sc.parallelize',
    );
  });

  it('distinct() only deduplicates within a micro-batch', () => {
    const reason = assertBlocked(
      rddJob(`sc.textFile('data.csv').distinct().saveAsTextFile('out');`),
      /distinct\(\) over a stream/,
      'distinct()',
    );
    assert.match(reason.fix, /reduceByKey/);
  });

  it('sortBy() before an aggregation only orders each micro-batch', () => {
    assertBlocked(
      rddJob(`sc.textFile('data.csv').sortBy((line) => line).saveAsTextFile('out');`),
      /sortBy\(\) over a stream orders each micro-batch/,
      'sortBy(',
    );
  });

  it('sortByKey() before an aggregation only orders each micro-batch', () => {
    assertBlocked(
      rddJob(`${pairs}.sortByKey().saveAsTextFile('out');`),
      /sortByKey\(\) over a stream/,
      'sortByKey()',
    );
  });

  it('zipWithIndex() restarts its numbering in every micro-batch', () => {
    assertBlocked(
      rddJob(`sc.textFile('data.csv').zipWithIndex().saveAsTextFile('out');`),
      /zipWithIndex\(\) numbers the elements of each micro-batch/,
      'zipWithIndex()',
    );
  });

  it('groupByKey() would keep every value in state', () => {
    const reason = assertBlocked(
      rddJob(`${pairs}.groupByKey().saveAsTextFile('out');`),
      /groupByKey\(\) over a stream/,
      'groupByKey()',
    );
    assert.match(reason.fix, /reduceByKey/);
  });

  it('groupBy() would keep every value in state', () => {
    assertBlocked(
      rddJob(`sc.textFile('data.csv').groupBy((line) => line[0]).saveAsTextFile('out');`),
      /groupBy\(\) over a stream/,
      'groupBy(',
    );
  });

  it('count() without an aggregation has no final value', () => {
    const reason = assertBlocked(
      rddJob(`console.log(sc.textFile('data.csv').filter((l) => l !== '').count());`),
      /count\(\) of a stream changes with every micro-batch/,
      'count()',
    );
    assert.match(reason.fix, /reduceByKey/);
  });

  it('sum() without an aggregation has no final value', () => {
    assertBlocked(
      rddJob(`console.log(sc.textFile('data.csv').map((l) => l.length).sum());`),
      /sum\(\) of a stream/,
      'sum()',
    );
  });

  it('countByValue() without an aggregation has no final value', () => {
    assertBlocked(
      rddJob(`console.log(sc.textFile('data.csv').countByValue());`),
      /countByValue\(\) of a stream/,
      'countByValue()',
    );
  });

  it('take() without an aggregation picks from a stream that never ends', () => {
    assertBlocked(
      rddJob(`console.log(sc.textFile('data.csv').take(5));`),
      /take\(\) picks elements of a dataset that, as a stream, never ends/,
      'take(5)',
    );
  });

  it('first() without an aggregation picks from a stream that never ends', () => {
    assertBlocked(
      rddJob(`console.log(sc.textFile('data.csv').first());`),
      /first\(\) picks elements/,
      'first()',
    );
  });

  it('union() with a static dataset would repeat the static elements', () => {
    assertBlocked(
      rddJob(
        `const extra = sc.textFile('extra.csv');\nsc.textFile('data.csv').union(extra).saveAsTextFile('out');`,
      ),
      /union\(\) with a static dataset/,
      'union(extra)',
    );
  });

  it('rightOuterJoin() keeps unmatched static elements', () => {
    assertBlocked(
      rddJob(
        `const users = ${pairs};\nsc.textFile('v.csv').map((l): [string, number] => [l, 1]).rightOuterJoin(users).saveAsTextFile('out');`,
      ),
      /rightOuterJoin\(\) keeps unmatched elements of the static side/,
      'rightOuterJoin(users)',
    );
  });

  it('fullOuterJoin() keeps unmatched static elements', () => {
    assertBlocked(
      rddJob(
        `const users = ${pairs};\nsc.textFile('v.csv').map((l): [string, number] => [l, 1]).fullOuterJoin(users).saveAsTextFile('out');`,
      ),
      /fullOuterJoin\(\) keeps unmatched elements/,
      'fullOuterJoin(users)',
    );
  });

  it('intersection() needs both datasets completely', () => {
    assertBlocked(
      rddJob(
        `const other = sc.textFile('b.csv');\nsc.textFile('a.csv').intersection(other).saveAsTextFile('out');`,
      ),
      /intersection\(\) removes duplicates/,
      'intersection(other)',
    );
  });

  it('cogroup() groups every value of both sides', () => {
    assertBlocked(
      rddJob(
        `const users = ${pairs};\nsc.textFile('v.csv').map((l): [string, number] => [l, 1]).cogroup(users).saveAsTextFile('out');`,
      ),
      /cogroup\(\) groups all values/,
      'cogroup(users)',
    );
  });

  it('a stream joined with itself only matches within a micro-batch', () => {
    const file = rddJob(
      `const a = ${pairs};\nconst b = a.mapValues((v) => v * 2);\na.join(b).saveAsTextFile('out');`,
    );
    const pipelines = detect(file);
    const joined = pipelines.find((p) => p.steps.some((s) => s.name === 'join'));
    assert.ok(joined && joined.verdict.status === 'blocked');
    assert.ok(joined.verdict.reasons.some((r) => /joins the stream with itself/.test(r.message)));
  });

  it('an unknown method cannot be judged', () => {
    assertBlocked(
      rddJob(`(sc.textFile('data.csv') as any).mapWithMagic((l: string) => l).saveAsTextFile('out');`),
      /mapWithMagic\(\) is not an RDD transformation the converter knows/,
      'mapWithMagic(',
    );
  });

  it('a dataset passed to a helper escapes the converter', () => {
    assertBlocked(
      rddJob(
        `function report(x: unknown): void {\n  console.log(x);\n}\nconst lines = sc.textFile('data.csv');\nreport(lines);\nlines.saveAsTextFile('out');`,
      ),
      /used at line 8 .* in a way the converter cannot follow/,
      'report(lines)',
    );
  });

  it('a source shared with a blocked pipeline stays a batch read', () => {
    const file = rddJob(
      `const lines = sc.textFile('data.csv');\nlines.saveAsTextFile('copy');\nconsole.log(lines.count());`,
    );
    const pipelines = detect(file);
    assert.equal(pipelines.length, 2);
    const save = pipelines.find((p) => p.sink?.method === 'saveAsTextFile');
    assert.ok(save && save.verdict.status === 'blocked');
    assert.ok(
      save.verdict.reasons.some((r) => /shared with another pipeline that cannot stream/.test(r.message)),
    );
    assert.deepEqual(convert(file).edits, []);
  });

  it('two results computed in one statement are blocked', () => {
    const file = rddJob(
      `const a = ${pairs}.reduceByKey((x, y) => x + y);\nconst b = sc.textFile('b.csv').map((l): [string, number] => [l, 1]).reduceByKey((x, y) => x + y);\nconsole.log(a.collect(), b.collect());`,
    );
    const pipelines = detect(file);
    assert.equal(pipelines.length, 2);
    for (const p of pipelines) {
      assert.equal(p.verdict.status, 'blocked');
      assert.ok(
        p.verdict.status === 'blocked' && p.verdict.reasons.some((r) => /several pipelines/.test(r.message)),
      );
    }
  });

  it('a source also used as the static side of a join stays a batch read', () => {
    const file = rddJob(
      `const users = ${pairs};\nconsole.log(users.count());\nconst visits = sc.textFile('v.csv').map((l): [string, number] => [l, 1]).join(users).reduceByKey((a, b) => a);\nvisits.saveAsTextFile('out');`,
    );
    const pipelines = detect(file);
    const usersPipeline = pipelines.find((p) => p.sink?.method === 'count');
    assert.ok(usersPipeline && usersPipeline.verdict.status === 'blocked');
    assert.ok(usersPipeline.verdict.reasons.some((r) => /static side of a join/.test(r.message)));
    const visits = pipelines.find((p) => p.sink?.method === 'saveAsTextFile');
    assert.equal(visits?.verdict.status, 'convertible-with-changes');
  });
});

describe('convert: blocked DataFrame pipelines', () => {
  const dfJob = (body: string): JobFile => ({
    fileName: '/nonexistent/jobs/batch.ts',
    text: `import { SparkSession } from '@streamshift/runtime/sql';\n\nconst spark = SparkSession.builder.getOrCreate();\nconst rows = spark.read.schema('key STRING, value INT').csv('data.csv');\n${body}\n`,
  });

  it('distinct() is not supported on streams', () => {
    const reason = assertBlocked(
      dfJob(`rows.distinct().show();`),
      /distinct\(\) is not supported on streaming DataFrames/,
      'distinct()',
    );
    assert.match(reason.fix, /dropDuplicates\(\) with a watermark/);
  });

  it('orderBy() before an aggregation', () => {
    assertBlocked(
      dfJob(`rows.orderBy('value').show();`),
      /orderBy\(\) is supported on streaming DataFrames only after an aggregation/,
      'orderBy(',
    );
  });

  it('an aggregation of an aggregation', () => {
    assertBlocked(
      dfJob(`rows.groupBy('key').count().groupBy('count').count().show();`),
      /Multiple streaming aggregations/,
      'groupBy(',
    );
  });

  it('a right outer join with a static DataFrame', () => {
    assertBlocked(
      dfJob(
        `const users = spark.read.schema('key STRING').csv('users.csv');\nrows.join(users, 'key', 'right').groupBy('key').count().show();`,
      ),
      /A right join keeps unmatched rows of the static side/,
      'join(',
    );
  });

  it('union() with a static DataFrame', () => {
    assertBlocked(
      dfJob(
        `const more = spark.read.schema('key STRING, value INT').csv('more.csv');\nrows.union(more).show();`,
      ),
      /union\(\) of a stream with a static DataFrame/,
      'union(more)',
    );
  });

  it('count() without an aggregation has no final value', () => {
    assertBlocked(
      dfJob(`console.log(rows.filter('value > 1').count());`),
      /count\(\) of a stream without an aggregation has no final value/,
      'count()',
    );
  });

  it('a format the stream source cannot read', () => {
    assertBlocked(
      {
        fileName: 'b.ts',
        text: `import { SparkSession } from '@streamshift/runtime/sql';\nconst spark = SparkSession.builder.getOrCreate();\nspark.read.parquet('x.parquet').show();\n`,
      },
      /The parquet format cannot be read as a stream/,
      'spark.read.parquet',
    );
  });

  it('a schema that cannot be inferred leaves the pipeline unconverted, saying why', () => {
    const file: JobFile = {
      fileName: '/nonexistent/jobs/batch.ts',
      text: `import { SparkSession } from '@streamshift/runtime/sql';\nconst spark = SparkSession.builder.getOrCreate();\nspark.read.csv('nowhere.csv').groupBy('_c0').count().show();\n`,
    };
    assert.equal(detect(file)[0].verdict.status, 'convertible-with-changes');
    const conversion = convert(file);
    assert.deepEqual(conversion.edits, []);
    assert.match(
      conversion.notes.join('\n'),
      /nowhere\.csv does not exist, so its schema cannot be inferred: add \.schema\(\.\.\.\)/,
    );
  });
});

describe('convert: results used by other pipelines', () => {
  it("a sink's result used by a statement of another pipeline blocks the pipeline", () => {
    const file = rddJob(
      `const counts = sc.textFile('a.csv').map((l): [string, number] => [l, 1]).reduceByKey((x, y) => x + y);\nconst top = counts.take(2);\nsc.textFile('b.csv').filter((l) => l !== String(top)).saveAsTextFile('rest');`,
    );
    const pipelines = detect(file);
    const take = pipelines.find((p) => p.sink?.method === 'take');
    assert.ok(take && take.verdict.status === 'blocked');
    assert.match(
      take.verdict.reasons[0].message,
      /Its result `top` is used at line 6 by a statement that is part of a pipeline/,
    );
    const conversion = convert(file);
    assert.ok(!conversion.converted.includes(take.id));
    assert.match(conversion.text, /const top = counts\.take\(2\);/, 'the blocked pipeline stays as it was');
  });
});

// What the DataFrame → Structured Streaming conversion adds beyond the rewrite itself: the file source's
// maxFilesPerTrigger, the notes that warn about late rows a watermark drops, and notes said once each.
import { strict as assert } from 'node:assert';
import { convert, detect, type JobFile } from '../../../src/convert/index';
import { main, type CliIo } from '../../../src/cli/main';

const header = `import { SparkSession, functions as F } from '@streamshift/runtime/sql';\n\nconst spark = SparkSession.builder.getOrCreate();\n`;
const schema = `'user STRING, ts TIMESTAMP, amount DOUBLE'`;

function dfJob(body: string): JobFile {
  return { fileName: 'jobs/batch.ts', text: `${header}${body}\n` };
}

const aggregate = dfJob(
  `const events = spark.read.schema(${schema}).json('events');\nevents.groupBy('user').count().write.mode('overwrite').csv('out');`,
);

describe('convert: maxFilesPerTrigger', () => {
  it('bounds each micro-batch to 1000 new files by default, and says so', () => {
    const conversion = convert(aggregate);
    assert.match(
      conversion.text,
      /spark\.readStream\s*\.schema\([^)]*\)\s*\.option\('maxFilesPerTrigger', 1000\)\s*\.json\('stream_input\/'\)/,
    );
    assert.match(conversion.notes.join('\n'), /at most 1000 per micro-batch \(maxFilesPerTrigger\)/);
  });

  it('takes the limit from the options; 0 leaves the option out (every new file in the next batch)', () => {
    assert.match(convert(aggregate, { maxFilesPerTrigger: 5 }).text, /\.option\('maxFilesPerTrigger', 5\)/);
    const unlimited = convert(aggregate, { maxFilesPerTrigger: 0 });
    assert.doesNotMatch(unlimited.text, /maxFilesPerTrigger/);
    assert.match(unlimited.notes.join('\n'), /files present at start are read in the first micro-batch/);
  });

  it("keeps the batch job's own maxFilesPerTrigger instead of adding a second one", () => {
    const own = dfJob(
      `const events = spark.read.schema(${schema}).option('maxFilesPerTrigger', 3).json('events');\nevents.groupBy('user').count().show();`,
    );
    const text = convert(own).text;
    assert.equal(text.match(/maxFilesPerTrigger/g)?.length, 1);
    assert.match(text, /\.option\('maxFilesPerTrigger', 3\)/);
  });

  it('refuses a limit that is not a whole number ≥ 0', () => {
    assert.throws(
      () => convert(aggregate, { maxFilesPerTrigger: -1 }),
      /maxFilesPerTrigger must be a whole number/,
    );
    assert.throws(
      () => convert(aggregate, { maxFilesPerTrigger: 2.5 }),
      /maxFilesPerTrigger must be a whole number/,
    );
  });

  it('the CLI passes --max-files-per-trigger through and rejects a bad value', () => {
    const files = new Map([['/w/jobs/batch.ts', aggregate.text]]);
    let out = '';
    let err = '';
    const io: CliIo = {
      cwd: '/w',
      readFile: (path) => {
        const text = files.get(path);
        if (text === undefined) throw new Error(`ENOENT: ${path}`);
        return text;
      },
      writeFile: (path, text) => void files.set(path, text),
      stdout: (text) => void (out += text),
      stderr: (text) => void (err += text),
    };
    assert.equal(
      main(['convert', 'jobs/batch.ts', '-o', 'jobs/s.ts', '--max-files-per-trigger', '7'], io),
      0,
      err,
    );
    assert.match(files.get('/w/jobs/s.ts') ?? '', /\.option\('maxFilesPerTrigger', 7\)/);
    assert.notEqual(main(['convert', 'jobs/batch.ts', '--max-files-per-trigger', 'many'], io), 0);
    assert.match(err, /--max-files-per-trigger needs a whole number/);
    assert.equal(out, '');
  });
});

describe('convert: notes about late rows', () => {
  it('dropDuplicates() after a watermark: late rows will be dropped, naming the column and the delay', () => {
    const job = dfJob(
      `const events = spark.read.schema(${schema}).json('events');\nevents.withWatermark('ts', '2 minutes').dropDuplicates(['user', 'ts']).groupBy('user').count().show();`,
    );
    const [pipeline] = detect(job);
    assert.equal(pipeline.verdict.status, 'convertible-with-changes');
    const notes = convert(job).notes.join('\n');
    assert.match(
      notes,
      /line 5: Late rows will be dropped: after withWatermark\('ts', '2 minutes'\), dropDuplicates\(\) drops a row whose ts is not after the watermark \(the latest ts of earlier micro-batches minus 2 minutes\)/,
    );
  });

  it('windows shown in update mode: late rows for closed windows will be dropped', () => {
    const job = dfJob(
      `const events = spark.read.schema(${schema}).json('events');\nevents.withWatermark('ts', '10 minutes').groupBy(F.window('ts', '5 minutes'), 'user').count().show();`,
    );
    const conversion = convert(job);
    assert.match(conversion.text, /outputMode\('update'\)/);
    assert.match(
      conversion.notes.join('\n'),
      /Late rows will be dropped: once the watermark \(the latest ts of earlier micro-batches minus 10 minutes\) passes a window's end/,
    );
  });

  it('a watermark before a complete-mode aggregation drops nothing, and the note says so', () => {
    const job = dfJob(
      `const events = spark.read.schema(${schema}).json('events');\nevents.withWatermark('ts', '10 minutes').groupBy(F.window('ts', '5 minutes'), 'user').count().write.mode('overwrite').csv('out');`,
    );
    const notes = convert(job).notes.join('\n');
    assert.match(notes, /withWatermark\('ts', '10 minutes'\) drops no rows in complete output mode/);
    assert.doesNotMatch(notes, /Late rows will be dropped/);
  });

  it('a dropDuplicates() before the watermark is not bounded by it: no late-row note, a state note', () => {
    const job = dfJob(
      `const events = spark.read.schema(${schema}).json('events');\nevents.dropDuplicates(['user', 'ts']).withWatermark('ts', '2 minutes').groupBy('user').count().show();`,
    );
    const notes = convert(job).notes.join('\n');
    assert.doesNotMatch(notes, /Late rows will be dropped/);
    assert.match(notes, /dropDuplicates\(\) without a watermark keeps every key seen so far in state/);
  });
});

describe('convert: each note once', () => {
  const shared = dfJob(
    [
      `const orders = spark.read.schema(${schema}).json('orders');`,
      `const users = spark.read.schema('user STRING, country STRING').json('users');`,
      `const joined = orders.join(users, 'user');`,
      `joined.groupBy('country').count().write.mode('overwrite').csv('by_country');`,
      `joined.groupBy('user').count().write.mode('overwrite').csv('by_user');`,
      `joined.filter(F.col('amount').gt(10)).write.mode('overwrite').csv('big');`,
      `joined.filter(F.col('amount').lt(0)).write.mode('overwrite').csv('refunds');`,
    ].join('\n'),
  );

  it('a change shared by several pipelines is one note naming its line; one for several sinks names them all', () => {
    const conversion = convert(shared);
    assert.equal(conversion.converted.length, 4);
    const joinNotes = conversion.notes.filter((n) => /join\(\) with a static DataFrame/.test(n));
    assert.deepEqual(joinNotes.length, 1);
    assert.match(joinNotes[0], /^line 6: /);
    const sinkNotes = conversion.notes.filter((n) => /The file sink appends/.test(n));
    assert.deepEqual(sinkNotes.length, 1);
    assert.match(sinkNotes[0], /^lines 9, 10: /);
  });

  it('the queries’ checkpoints are described in one note', () => {
    const notes = convert(shared).notes.filter((n) => /progress/.test(n));
    assert.deepEqual(notes, [
      "Each query keeps its progress in checkpoint/batch/<query> (query, query2, query3, query4); delete a query's folder to start it over.",
    ]);
  });

  it('no two notes are the same', () => {
    const { notes } = convert(shared);
    assert.equal(new Set(notes).size, notes.length);
  });
});

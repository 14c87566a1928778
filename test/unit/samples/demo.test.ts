// `npm run demo`'s main function end to end: a sample whose stream reaches the batch result exits 0 and
// leaves the sample folder and the temporary folder clean; a stream that misses data exits 1 with the
// differing rows; a broken sample.json exits 2 naming the problem.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DemoConsole } from '../../../src/demo/demoConsole';
import { runDemo, type DemoTimeouts } from '../../../src/demo/runDemo';
import { terminalStyle } from '../../../src/demo/terminalStyle';
import { samplesRoot, scratchDir, toolchain } from './toolchain';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every path under dir (files and folders), relative, sorted. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

async function demo(
  sampleDir: string,
  tempRoot: string,
  timeouts?: Partial<DemoTimeouts>,
): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runDemo({
    sampleDir,
    toolchain,
    tempRoot,
    ...(timeouts ? { timeouts } : {}),
    console: new DemoConsole({
      write: (text) => (output += text),
      style: terminalStyle(false),
      interactive: false,
    }),
  });
  return { code, output };
}

describe('npm run demo', function () {
  this.timeout(120_000);
  const scratch = scratchDir('demo');
  const tempRoot = join(scratch, 'tmp');

  beforeEach(() => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(tempRoot, { recursive: true });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('wordcount: stream result = batch result, exit 0, sample folder untouched, temp copy removed', async () => {
    const sampleDir = join(samplesRoot, 'wordcount');
    const before = listTree(sampleDir);
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 0, output);
    // The narration: the diff, the batch checked against Spark's output, each part's micro-batch.
    assert.match(output, /^\s*\+\s*const rdd = ssc\.textFileStream\('stream_input\/'\);$/m);
    assert.match(output, /batch result = expected\/part-00000 ✓/);
    assert.match(output, /micro-batch [\d:.]+: data1\.csv, \d+ records/);
    assert.match(output, /micro-batch [\d:.]+: data2\.csv, \d+ records/);
    assert.ok(output.indexOf('data1.csv, ') < output.indexOf('data2.csv, '), 'parts are fed in order');
    assert.match(output, /stream job stopped \(exit code 0\)/);
    assert.match(output, /^stream result = batch result ✓/m);
    assert.deepEqual(listTree(sampleDir), before);
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it('a DataFrame job: the demo follows the Structured Streaming query and the results agree', async () => {
    // The word count as a DataFrame job over the wordcount sample's rows (with a header line).
    const sampleDir = join(scratch, 'dataframe-count');
    mkdirSync(join(sampleDir, 'batch_input'), { recursive: true });
    mkdirSync(join(sampleDir, 'feed'));
    const wordcount = join(samplesRoot, 'wordcount');
    const withHeader = (file: string) => `time,key,value\n${readFileSync(join(wordcount, file), 'utf8')}`;
    writeFileSync(join(sampleDir, 'batch_input', 'data.csv'), withHeader('batch_input/data.csv'));
    writeFileSync(join(sampleDir, 'feed', 'data1.csv'), withHeader('feed/data1.csv'));
    writeFileSync(join(sampleDir, 'feed', 'data2.csv'), withHeader('feed/data2.csv'));
    writeFileSync(join(sampleDir, 'package.json'), readFileSync(join(wordcount, 'package.json')));
    writeFileSync(
      join(sampleDir, 'batch.ts'),
      "import { SparkSession } from '@streamshift/runtime/sql';\n" +
        "const spark = SparkSession.builder.appName('counts').getOrCreate();\n" +
        "const df = spark.read.option('header', 'true').option('inferSchema', 'true').csv('batch_input/data.csv');\n" +
        "df.filter('value > 50').groupBy('key').count().write.mode('overwrite').csv('batch_output/counts');\n",
    );
    writeFileSync(
      join(sampleDir, 'sample.json'),
      JSON.stringify({
        job: 'batch.ts',
        feed: 'feed',
        triggerSeconds: 0.5,
        outputs: [{ path: 'batch_output/counts' }],
      }),
    );
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 0, output);
    assert.match(output, /^\s*\+.*spark\.readStream/m);
    assert.match(output, /micro-batch #\d+: data1\.csv, 50 records/);
    assert.match(output, /micro-batch #\d+: data2\.csv, 50 records/);
    assert.match(output, /^stream result = batch result ✓/m);
  });

  it('a stream that misses a feed part: exit 1 and a table of the differing rows', async () => {
    // A copy of wordcount whose feed holds only data1.csv: the stream ends short of the batch's counts.
    const sampleDir = join(scratch, 'wordcount-short');
    cpSync(join(samplesRoot, 'wordcount'), sampleDir, {
      recursive: true,
      filter: (source) => !/(batch_output|stream_input|checkpoint)$/.test(source),
    });
    rmSync(join(sampleDir, 'feed', 'data2.csv'));
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 1, output);
    assert.match(output, /^stream result ≠ batch result ✗/m);
    assert.match(output, /^\s+key\s+│ batch\s+│ stream$/m);
    assert.match(output, /^\s+'A'\s+│ \('A', 18\) │ \('A', \d+\)$/m);
    assert.deepEqual(readdirSync(tempRoot), [], 'the temporary copy is removed on failure too');
  });

  /** A one-part sample around `jobText`, in the scratch folder. */
  function tinySample(name: string, jobText: string): string {
    const sampleDir = join(scratch, name);
    mkdirSync(join(sampleDir, 'feed'), { recursive: true });
    writeFileSync(join(sampleDir, 'batch.ts'), jobText);
    writeFileSync(join(sampleDir, 'feed', 'part-1.csv'), 'a,1\n');
    writeFileSync(
      join(sampleDir, 'sample.json'),
      JSON.stringify({ job: 'batch.ts', feed: 'feed', outputs: [{ path: 'out' }] }),
    );
    return sampleDir;
  }

  it('a job the converter refuses: exit 1 with the reason, before running anything', async () => {
    const sampleDir = tinySample(
      'refused',
      "import { SparkContext } from '@streamshift/runtime';\n" +
        'const sc = new SparkContext();\n' +
        "sc.parallelize([1, 2]).saveAsTextFile('out');\n",
    );
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 1, output);
    assert.match(output, /batch\.ts:3: parallelize.*: cannot stream: /);
    assert.match(output, /✗ batch\.ts: nothing to convert, so there is no stream job to run/);
    assert.doesNotMatch(output, /2\. Run the batch job/);
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it("a batch job that throws: exit 1 with the job's error", async () => {
    const sampleDir = tinySample(
      'throws',
      "import { SparkContext } from '@streamshift/runtime';\n" +
        'const sc = new SparkContext();\n' +
        "sc.textFile('missing_input/data.csv').saveAsTextFile('out');\n",
    );
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 1, output);
    assert.match(output, /missing_input/, "the job's own error is shown");
    // Placed at the sample's own file and line (the job ran in the temporary copy).
    const where = new RegExp(
      `✗ the batch job failed \\(exit code 1\\): ${escapeRegExp(sampleDir)}[\\\\/]batch\\.ts:3:\\d+: error: `,
    );
    assert.match(output, where);
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it('a stream job that does not get going within its time limit: exit 1 naming the wait, stopped, cleaned up', async () => {
    // A start limit of 0 ms cannot be met (a node process needs longer to start, and the first micro-batch
    // comes a trigger interval later): the limit path, not a speed, is what is tested.
    const { code, output } = await demo(join(samplesRoot, 'wordcount'), tempRoot, { streamStartMs: 0 });
    assert.equal(code, 1, output);
    assert.match(output, /✗ timed out after 0\.0 s waiting for the stream to start/);
    assert.doesNotMatch(output, /4\. Feed/);
    assert.deepEqual(readdirSync(tempRoot), [], 'the stream job was stopped and the copy removed');
  });

  it('a sample.json with a bad field: exit 2 naming the file and the field', async () => {
    const sampleDir = join(scratch, 'broken');
    mkdirSync(join(sampleDir, 'feed'), { recursive: true });
    writeFileSync(join(sampleDir, 'batch.ts'), '');
    writeFileSync(join(sampleDir, 'feed', 'part-1.csv'), 'a\n');
    writeFileSync(
      join(sampleDir, 'sample.json'),
      JSON.stringify({ job: 'batch.ts', feed: 'feed', outputs: [] }),
    );
    const { code, output } = await demo(sampleDir, tempRoot);
    assert.equal(code, 2);
    assert.match(output, /broken[\\/]sample\.json: "outputs" must be a non-empty array/);
  });
});

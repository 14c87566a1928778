// The promise of the converter, end to end: the seed wordcount as a batch job, converted, run as a stream
// over data1.csv then data2.csv, writes the same result the batch job writes over data.csv (= data1 ∪ data2).
// Both jobs run as child processes with tsx, in a scratch folder under test-artifacts/ (git-ignored).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../../src/convert/index';

const repoRoot = join(__dirname, '..', '..', '..');
const sample = join(repoRoot, 'samples', 'wordcount');
const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** The seed's batch.py with DataFrames: the same filter and count, written as CSV. */
const dataFrameWordcount = `import { SparkSession } from '@streamshift/runtime/sql';

const spark = SparkSession.builder.appName('ExampleDF').getOrCreate();
const rows = spark.read.option('inferSchema', true).csv('batch_input/data.csv');
const counts = rows.filter('_c2 > 50').groupBy('_c1').count();
counts.write.mode('overwrite').csv('batch_output/output.csv');
`;

/** The lines of every part file of a Spark output folder, sorted (Spark's order across keys is not defined). */
function readSparkOutput(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

async function until<T>(
  what: string,
  probe: () => T | undefined,
  child: ChildProcess,
  log: () => string,
): Promise<T> {
  // A liveness deadline, not a speed assertion: the stream runs 1 s micro-batches.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (child.exitCode !== null)
      assert.fail(`the stream exited (${child.exitCode}) while waiting for ${what}\n${log()}`);
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cases = [
  {
    api: 'RDD → DStream',
    batchText: () => readFileSync(join(sample, 'batch.ts'), 'utf8'),
    expected: ["('A', 18)", "('B', 16)", "('C', 10)"],
  },
  {
    api: 'DataFrame → Structured Streaming',
    batchText: () => dataFrameWordcount,
    expected: ['A,18', 'B,16', 'C,10'],
  },
];

for (const { api, batchText, expected } of cases) {
  describe(`convert (${api}): the converted wordcount stream reaches the batch result`, function () {
    this.timeout(120_000);
    const work = join(
      repoRoot,
      'test-artifacts',
      `convert-wordcount-${api.startsWith('RDD') ? 'rdd' : 'df'}-${process.pid}`,
    );
    let stream: ChildProcess | undefined;

    before(() => {
      rmSync(work, { recursive: true, force: true });
      mkdirSync(join(work, 'batch_input'), { recursive: true });
      writeFileSync(
        join(work, 'batch_input', 'data.csv'),
        readFileSync(join(sample, 'batch_input', 'data.csv')),
      );
    });

    after(() => {
      if (stream?.pid !== undefined && stream.exitCode === null) process.kill(-stream.pid, 'SIGKILL');
      rmSync(work, { recursive: true, force: true });
    });

    it('stream over data1.csv then data2.csv equals batch over data.csv', async () => {
      const text = batchText();
      // .mts: the converted job awaits the stream at top level, which needs an ES module.
      writeFileSync(join(work, 'batch.mts'), text);
      const batch = spawnSync(process.execPath, [tsxCli, 'batch.mts'], { cwd: work, encoding: 'utf8' });
      assert.equal(batch.status, 0, batch.stderr);
      const batchResult = readSparkOutput(join(work, 'batch_output', 'output.csv'));
      assert.deepEqual(batchResult, expected);
      rmSync(join(work, 'batch_output'), { recursive: true });

      const conversion = convert({ fileName: join(work, 'batch.ts'), text }, { triggerSeconds: 1 });
      assert.equal(conversion.converted.length, 1, conversion.notes.join('\n'));
      writeFileSync(join(work, 'stream.mts'), conversion.text);
      mkdirSync(join(work, 'stream_input'));
      let output = '';
      const child = spawn(process.execPath, [tsxCli, 'stream.mts'], { cwd: work, detached: true });
      stream = child;
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const log = () => output;

      if (api.startsWith('RDD')) {
        // A DStream ignores files already in the folder when it starts (as in Spark): wait for a batch first.
        await until('the first micro-batch', () => (/^Time: /m.test(output) ? true : undefined), child, log);
      }
      const drop = (name: string) => {
        const hidden = join(work, 'stream_input', `.${name}.tmp`);
        writeFileSync(hidden, readFileSync(join(sample, 'feed', name)));
        renameSync(hidden, join(work, 'stream_input', name));
      };
      const resultDir = join(work, 'batch_output', 'output.csv');
      const current = (): string[] | undefined => {
        // The stream overwrites the folder after every batch: a read can race with that, so retry.
        try {
          return existsSync(join(resultDir, '_SUCCESS')) ? readSparkOutput(resultDir) : undefined;
        } catch {
          return undefined;
        }
      };

      drop('data1.csv');
      const afterFirst = await until('the result of data1.csv', current, child, log);
      assert.notDeepEqual(afterFirst, batchResult, 'data1.csv alone must not already give the full result');

      drop('data2.csv');
      await until(
        'the running totals to reach the batch result',
        () => {
          const now = current();
          return now && now.join('\n') === batchResult.join('\n') ? now : undefined;
        },
        child,
        log,
      );
      if (api.startsWith('RDD')) assert.match(output, /\('A', 18\)/, 'pprint shows the running totals');
    });
  });
}

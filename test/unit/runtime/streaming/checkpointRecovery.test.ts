import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SparkContext } from '../../../../runtime/src/sparkContext';
import type { RDD } from '../../../../runtime/src/rdd';
import { ManualClock, StreamingContext } from '@streamshift/runtime/streaming';
import { sorted, stopEverything, tempDir } from './streamingTestKit';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const fixtures = join(repoRoot, 'test', 'fixtures', 'wordcount');

/** The seed's expected batch output, `('C', 10)` lines, as pairs. */
function expectedBatchTotals(): [string, number][] {
  return readFileSync(join(fixtures, 'expected_batch_output_part-00000.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^\('(\w+)', (\d+)\)$/.exec(line.trim());
      assert.ok(match, `unexpected line ${line}`);
      return [match[1]!, Number(match[2])] as [string, number];
    });
}

/** Rows of a seed data file that pass the seed's filter. */
function rowsOver50(name: string): number {
  return readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .filter((line) => line && Number(line.split(',')[2]) > 50).length;
}

/** Moves a file into the watched directory atomically (written under a hidden name, then renamed). */
function landAtomically(source: string, dir: string, name: string): void {
  const temporary = join(dir, `.${name}.tmp`);
  writeFileSync(temporary, readFileSync(source));
  const past = new Date(Date.now() - 60_000);
  utimesSync(temporary, past, past);
  renameSync(temporary, join(dir, name));
}

describe('checkpointing and StreamingContext.getOrCreate', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  interface RunOutput {
    readonly batches: [number, [string, number][], number[]][];
  }

  /** A word count with state and a window, on a manual clock, checkpointed into `checkpointDir`. */
  function wordCountJob(
    inputDir: string,
    checkpointDir: string,
    clock: ManualClock,
    output: RunOutput,
    duringBatch?: (time: number) => void,
  ): () => StreamingContext {
    return () => {
      const sc = new SparkContext('local[2]', 'recovery');
      const ssc = new StreamingContext(sc, 1, { clock });
      ssc.checkpoint(checkpointDir);
      const pairs = ssc
        .textFileStream(inputDir, { rescanSeconds: 0 })
        .map((line) => line.split(','))
        .filter((fields) => Number(fields[2]) > 50)
        .map((fields): [string, number] => [fields[1]!, 1]);
      const totals = pairs.updateStateByKey((values: number[], last: number | null) =>
        values.reduce((a, b) => a + b, last ?? 0),
      );
      const windowed = pairs.map(([, n]) => n).window(2);
      totals
        .transformWith(
          (time: Date, state: RDD<[string, number]>, recent: RDD<number>) =>
            sc.parallelize([[time.getTime(), state.collect(), recent.collect()]]),
          windowed,
        )
        .foreachRDD((rdd: RDD<[number, [string, number][], number[]]>) => {
          const [entry] = rdd.collect();
          duringBatch?.(entry![0]);
          output.batches.push([entry![0], sorted(entry![1]), entry![2]]);
        });
      return ssc;
    };
  }

  it('resumes a batch interrupted mid-way with the same time and files, and its state and window intact', async () => {
    const input = tempDir();
    const checkpoint = tempDir();
    const crashSnapshot = join(tempDir(), 'checkpoint-at-crash');
    const first: RunOutput = { batches: [] };
    const clock1 = new ManualClock();
    // What a crash during batch 2 (after its input was claimed, before it completed) leaves on disk.
    const ssc1 = StreamingContext.getOrCreate(
      checkpoint,
      wordCountJob(input, checkpoint, clock1, first, (time) => {
        if (time === 2000) cpSync(checkpoint, crashSnapshot, { recursive: true });
      }),
    );
    ssc1.start();
    landAtomically(join(fixtures, 'data1.csv'), input, 'data1.csv');
    await clock1.advance(1000);
    landAtomically(join(fixtures, 'data2.csv'), input, 'data2.csv');
    await clock1.advance(1000);
    await ssc1.stop();
    assert.equal(first.batches.length, 2);

    const second: RunOutput = { batches: [] };
    const clock2 = new ManualClock(2000);
    const ssc2 = StreamingContext.getOrCreate(
      crashSnapshot,
      wordCountJob(input, crashSnapshot, clock2, second),
    );
    ssc2.start();
    await clock2.advance(0); // the interrupted batch runs again, at its own time
    assert.deepEqual(second.batches, [first.batches[1]]);
    assert.deepEqual(second.batches[0]![1], sorted(expectedBatchTotals()));
    await clock2.advance(1000); // no new file: nothing read twice, state carried over
    assert.deepEqual(second.batches[1]![1], sorted(expectedBatchTotals()));
    // The window (2 batches) restored from the checkpoint: batch 3 still sees batch 2's rows (data2.csv's).
    assert.equal(second.batches[1]![2].length, rowsOver50('data2.csv'));
  });

  it('files that land while the job is down are picked up after the restart; files already processed are not', async () => {
    const input = tempDir();
    const checkpoint = tempDir();
    const first: RunOutput = { batches: [] };
    const ssc1 = StreamingContext.getOrCreate(
      checkpoint,
      wordCountJob(input, checkpoint, new ManualClock(), first),
    );
    ssc1.start();
    const clock1 = ssc1.clock as ManualClock;
    landAtomically(join(fixtures, 'data1.csv'), input, 'data1.csv');
    await clock1.advance(1000);
    await ssc1.stop();

    landAtomically(join(fixtures, 'data2.csv'), input, 'data2.csv'); // while down
    const second: RunOutput = { batches: [] };
    const clock2 = new ManualClock(1500);
    const ssc2 = StreamingContext.getOrCreate(checkpoint, wordCountJob(input, checkpoint, clock2, second));
    ssc2.start();
    await clock2.advance(500);
    assert.equal(second.batches.length, 1);
    assert.equal(second.batches[0]![0], 2000);
    assert.deepEqual(second.batches[0]![1], sorted(expectedBatchTotals()));
    // The 2-batch window holds batch 1's rows, restored from the checkpoint, and batch 2's.
    assert.equal(second.batches[0]![2].length, rowsOver50('data1.csv') + rowsOver50('data2.csv'));
  });

  it('a file that landed before the first batch of a job that then died is processed after the restart', async () => {
    const input = tempDir();
    const checkpoint = tempDir();
    landAtomically(join(fixtures, 'data1.csv'), input, 'present-at-start.csv');
    const ssc1 = StreamingContext.getOrCreate(
      checkpoint,
      wordCountJob(input, checkpoint, new ManualClock(), { batches: [] }),
    );
    ssc1.start();
    landAtomically(join(fixtures, 'data2.csv'), input, 'data2.csv');
    await ssc1.stop(); // dies before any batch ran
    const second: RunOutput = { batches: [] };
    const clock2 = new ManualClock(0);
    const ssc2 = StreamingContext.getOrCreate(checkpoint, wordCountJob(input, checkpoint, clock2, second));
    ssc2.start();
    await clock2.advance(1000);
    assert.equal(second.batches[0]![2].length, rowsOver50('data2.csv')); // data2 only: the other was there at start
  });

  it('a file of an interrupted batch that is gone at restart fails the batch with its path', async () => {
    const input = tempDir();
    const checkpoint = tempDir();
    const snapshot = join(tempDir(), 'snap');
    const clock1 = new ManualClock();
    const ssc1 = StreamingContext.getOrCreate(
      checkpoint,
      wordCountJob(input, checkpoint, clock1, { batches: [] }, (time) => {
        if (time === 1000) cpSync(checkpoint, snapshot, { recursive: true });
      }),
    );
    ssc1.start();
    landAtomically(join(fixtures, 'data1.csv'), input, 'data1.csv');
    await clock1.advance(1000);
    await ssc1.stop();
    rmSync(join(input, 'data1.csv'));
    const clock2 = new ManualClock(1000);
    const ssc2 = StreamingContext.getOrCreate(
      snapshot,
      wordCountJob(input, snapshot, clock2, { batches: [] }),
    );
    ssc2.start();
    const terminated = ssc2.awaitTermination();
    await clock2.advance(0);
    await assert.rejects(terminated, (error: Error) =>
      error.message.includes(`Cannot read input file ${join(input, 'data1.csv')}`),
    );
  });

  it('refuses a checkpoint written by a different job or batch duration, and queueStream recovery (Spark)', async () => {
    const checkpoint = tempDir();
    const input = tempDir();
    const ssc1 = StreamingContext.getOrCreate(
      checkpoint,
      wordCountJob(input, checkpoint, new ManualClock(), { batches: [] }),
    );
    ssc1.start();
    await (ssc1.clock as ManualClock).advance(1000);
    await ssc1.stop();
    const different = (): StreamingContext => {
      const ssc = new StreamingContext(new SparkContext('local[1]', 'x'), 1, { clock: new ManualClock() });
      ssc
        .textFileStream(input)
        .count()
        .foreachRDD(() => undefined);
      return ssc;
    };
    assert.throws(
      () => StreamingContext.getOrCreate(checkpoint, different),
      /was written by a different streaming job: DStream #1 was map, now mapPartitions/,
    );
    SparkContext.getActive()?.stop();
    const otherDuration = (): StreamingContext => {
      const ssc = new StreamingContext(new SparkContext('local[1]', 'x'), 2, { clock: new ManualClock() });
      ssc.textFileStream(input).foreachRDD(() => undefined);
      return ssc;
    };
    assert.throws(
      () => StreamingContext.getOrCreate(checkpoint, otherDuration),
      /batch duration of 1000 ms; this context has 2000 ms/,
    );
    SparkContext.getActive()?.stop();

    const queueCheckpoint = tempDir();
    const queueJob = (): StreamingContext => {
      const ssc = new StreamingContext(new SparkContext('local[1]', 'q'), 1, { clock: new ManualClock() });
      ssc.queueStream([[1]]).foreachRDD(() => undefined);
      return ssc;
    };
    const q = StreamingContext.getOrCreate(queueCheckpoint, queueJob);
    q.start();
    await (q.clock as ManualClock).advance(1000);
    await q.stop();
    assert.throws(
      () => StreamingContext.getOrCreate(queueCheckpoint, queueJob),
      /queueStream doesn't support checkpointing/,
    );
  });

  describe('crash of a real process (SIGKILL mid-batch) and restart', function () {
    this.timeout(60_000);

    it('the restarted job re-runs the interrupted batch once; final state = the batch result; no duplicate batch', async () => {
      const input = tempDir();
      const checkpoint = join(tempDir(), 'checkpoint');
      const output = tempDir();
      mkdirSync(checkpoint);
      const first = startJob([input, checkpoint, output], { HANG_ON_FILE: 'data2.csv' });
      await first.waitFor(/^STARTED$/);
      landAtomically(join(fixtures, 'data1.csv'), input, 'data1.csv');
      const [, firstBatch] = await first.waitFor(/^BATCH (\d+) data1\.csv$/);
      landAtomically(join(fixtures, 'data2.csv'), input, 'data2.csv');
      const [, hungBatch] = await first.waitFor(/^HANGING (\d+)$/);
      first.child.kill('SIGKILL');
      await first.exited;

      const second = startJob([input, checkpoint, output], {});
      await second.waitFor(/^STARTED$/);
      const [, rerunBatch] = await second.waitFor(/^BATCH (\d+) data2\.csv$/);
      assert.equal(rerunBatch, hungBatch, 'the interrupted batch runs again with its own time');
      second.child.stdin.write('stop\n');
      assert.equal(await second.exited, 0);
      assert.ok(!second.lines.some((line) => line.includes('data1.csv')), 'data1.csv was processed again');

      const records = readdirSync(output)
        .filter((name) => name.endsWith('.json'))
        .map(
          (name) =>
            JSON.parse(readFileSync(join(output, name), 'utf8')) as {
              batch: number;
              files: string[];
              state: [string, number][];
            },
        )
        .sort((a, b) => a.batch - b.batch);
      assert.deepEqual(
        records.map((r) => [String(r.batch), r.files]),
        [
          [firstBatch, ['data1.csv']],
          [hungBatch, ['data2.csv']],
        ],
      );
      assert.deepEqual(sorted(records[1]!.state), sorted(expectedBatchTotals()));
    });
  });
});

interface JobProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Runs crashRecoveryJob.ts in a child process and follows its stdout line by line. */
function startJob(args: string[], env: Record<string, string>): JobProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'crashRecoveryJob.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, STREAMSHIFT_EVENTS: '' },
    },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  let stderr = '';
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    buffer += text;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        const match = waiter.pattern.exec(line);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    }
  });
  child.stderr.on('data', (text: Buffer) => (stderr += text.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor(pattern) {
      for (const line of lines) {
        const match = pattern.exec(line);
        if (match) return Promise.resolve(match);
      }
      return new Promise<RegExpExecArray>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) =>
          reject(
            new Error(
              `job exited (${code}) before printing ${pattern}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`,
            ),
          ),
        );
      });
    },
  };
}

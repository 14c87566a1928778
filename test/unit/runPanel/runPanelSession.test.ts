// The session's orchestration with a fake job runner: the "batch job" is the wordcount computed in
// TypeScript over whatever its input path holds in the folder it runs in; the "stream job" is driven by
// the test, which writes the progress records and the output the runtime would.
import { strict as assert } from 'node:assert';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../../src/convert/api';
import type { PanelState } from '../../../src/runPanel/protocol';
import {
  RunPanelSession,
  type JobRunRequest,
  type RunPanelPorts,
  type RunningJob,
} from '../../../src/runPanel/runPanelSession';

const repo = join(__dirname, '..', '..', '..');
const span = { start: 0, end: 1 };
const wordcountPipeline = {
  id: 'p',
  api: 'rdd',
  label: 'wordcount',
  span,
  source: { method: 'textFile', path: 'batch_input/data.csv', span },
  steps: [],
  sink: { method: 'saveAsTextFile', path: 'batch_output/output.csv', span },
  verdict: { status: 'convertible' },
} as unknown as Pipeline;

/** The sample's batch job: count rows whose value is above 50, per key, as saveAsTextFile lines. */
function wordcount(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const fields = line.split(',');
    if (Number(fields[2]) > 50) counts.set(fields[1]!, (counts.get(fields[1]!) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `('${key}', ${count})`);
}

function inputLines(path: string): string[] {
  const files = statSync(path).isDirectory() ? readdirSync(path).map((name) => join(path, name)) : [path];
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
}

function writeOutput(dir: string, lines: readonly string[]): void {
  const out = join(dir, 'batch_output', 'output.csv');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'part-00000'), lines.map((line) => `${line}\n`).join(''));
}

class FakeStream implements RunningJob {
  private finish!: (code: number) => void;
  readonly done = new Promise<number>((resolve) => (this.finish = resolve));
  constructor(readonly request: JobRunRequest) {}
  outputTail(): string {
    return '';
  }
  async stop(): Promise<void> {
    this.finish(0);
  }
  emit(...records: unknown[]): void {
    this.request.onRecords?.(records);
  }
}

describe('RunPanelSession', () => {
  let root: string;
  let jobDir: string;
  let stream: FakeStream | undefined;
  let batchRuns: string[];
  let states: PanelState[];
  let session: RunPanelSession;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-session-'));
    jobDir = join(root, 'wordcount');
    cpSync(join(repo, 'samples', 'wordcount', 'batch.ts'), join(jobDir, 'batch.ts'));
    cpSync(join(repo, 'test', 'fixtures', 'wordcount', 'batch_input'), join(jobDir, 'batch_input'), {
      recursive: true,
    });
    mkdirSync(join(jobDir, 'feed'));
    cpSync(join(repo, 'test', 'fixtures', 'wordcount', 'data1.csv'), join(jobDir, 'feed', 'data1.csv'));
    cpSync(join(repo, 'test', 'fixtures', 'wordcount', 'data2.csv'), join(jobDir, 'feed', 'data2.csv'));
    cpSync(
      join(repo, 'test', 'fixtures', 'convert', 'rdd', 'wordcount', 'expected.ts'),
      join(jobDir, 'batch.stream.ts'),
    );
    stream = undefined;
    batchRuns = [];
    states = [];
    const ports: RunPanelPorts = {
      runJob: (request) => {
        if (request.mode === 'stream') return (stream = new FakeStream(request));
        const runIn = request.runIn!;
        const input = join(runIn, 'batch_input', 'data.csv');
        batchRuns.push(statSync(input).isDirectory() ? readdirSync(input).join(',') : 'whole input');
        return {
          done: (async () => {
            writeOutput(runIn, wordcount(inputLines(join(runIn, 'batch_input', 'data.csv'))));
            return 0;
          })(),
          outputTail: () => '',
          stop: async () => undefined,
        };
      },
      detect: () => [wordcountPipeline],
      scratchRoot: join(root, 'scratch'),
      settings: () => ({
        inputFolder: 'stream_input/',
        checkpointFolder: 'checkpoint/',
        newFileSuffix: '.stream.ts',
        autoFeedIntervalSeconds: 3,
      }),
      streamJobFor: (path) => path.replace(/\.ts$/, '.stream.ts'),
      onState: (state) => states.push(state),
      log: () => undefined,
    };
    session = new RunPanelSession(join(jobDir, 'batch.ts'), ports);
  });
  afterEach(() => {
    session.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /** What the stream would do for a batch that read these files: add them to its running total. */
  function streamBatch(files: string[], time: number): void {
    const read = readdirSync(join(jobDir, 'stream_input')).filter((name) => !name.startsWith('.'));
    const consumed = new Set([...(streamBatch.consumed ?? []), ...files]);
    streamBatch.consumed = consumed;
    assert.ok(files.every((file) => read.includes(file)));
    writeOutput(
      jobDir,
      wordcount([...consumed].flatMap((name) => inputLines(join(jobDir, 'stream_input', name)))),
    );
    stream!.emit({
      type: 'batchCompleted',
      batchTime: time,
      inputFiles: files.map((file) => join(jobDir, 'stream_input', file)),
      numRecords: files.reduce((n, file) => n + inputLines(join(jobDir, 'stream_input', file)).length, 0),
      totalDelayMs: 12,
    });
  }
  streamBatch.consumed = undefined as Set<string> | undefined;
  beforeEach(() => (streamBatch.consumed = undefined));

  it('lists the feed folder and the stream job beside the batch job', () => {
    assert.equal(session.state.stream.jobName, 'batch.stream.ts');
    assert.equal(session.state.feed.folder, 'feed');
    assert.equal(session.state.feed.watched, 'stream_input/');
    assert.deepEqual(session.state.feed.files, [
      { name: 'data1.csv', fed: false },
      { name: 'data2.csv', fed: false },
    ]);
  });

  it('runs the batch job on its whole input in a scratch copy, never writing into the job folder', async () => {
    await session.runBatch();
    const batch = session.state.batch;
    assert.equal(batch.status, 'done');
    assert.equal(batch.inputRows, 100);
    assert.equal(batch.outputRows, 3);
    assert.deepEqual(batch.result?.rows, [
      ['A', '18'],
      ['B', '16'],
      ['C', '10'],
    ]);
    assert.ok(!existsSync(join(jobDir, 'batch_output')), 'the stream output path is left alone');
  });

  it('checks each micro-batch against the batch job over the files read so far, then against the full run', async () => {
    const running = session.startStream();
    stream!.emit({ type: 'streamingStarted', time: 0, batchDurationMs: 5000, recovered: false });
    assert.equal(session.state.stream.status, 'running');

    assert.equal(session.feedNext(), true);
    assert.deepEqual(
      session.state.feed.files.map((f) => f.fed),
      [true, false],
    );
    streamBatch(['data1.csv'], 5000);
    await session.settled();
    assert.deepEqual(session.state.equivalence, {
      status: 'equal',
      against: 'fed-files',
      files: ['data1.csv'],
      differences: [],
    });
    assert.deepEqual(batchRuns, ['data1.csv'], 'the batch job ran over exactly the one file read');

    assert.equal(session.feedAll(), 1);
    streamBatch(['data2.csv'], 10000);
    await session.settled();
    assert.equal(session.state.equivalence.status, 'equal');
    assert.equal(session.state.equivalence.against, 'full-run');
    assert.equal(session.state.batch.status, 'done', 'the full run was made for the check');
    assert.deepEqual(
      session.state.stream.batches.map((b) => [b.rows, b.files]),
      [
        [50, ['data1.csv']],
        [50, ['data2.csv']],
      ],
    );
    assert.deepEqual(session.state.stream.result?.rows, [
      ['A', '18'],
      ['B', '16'],
      ['C', '10'],
    ]);

    await session.stopStream();
    await running;
    assert.equal(session.state.stream.status, 'stopped');
  });

  it('shows the differing keys when the stream result is wrong', async () => {
    void session.startStream();
    session.feedNext();
    writeOutput(jobDir, ["('A', 1)", "('Z', 2)"]);
    stream!.emit({
      type: 'batchCompleted',
      batchTime: 1,
      inputFiles: ['stream_input/data1.csv'],
      numRecords: 49,
      totalDelayMs: 3,
    });
    await session.settled();
    const equivalence = session.state.equivalence;
    assert.equal(equivalence.status, 'different');
    const expected = wordcount(inputLines(join(jobDir, 'feed', 'data1.csv')));
    assert.equal(
      equivalence.differences?.length,
      new Set([...expected.map((l) => l.slice(2, 3)), 'A', 'Z']).size,
    );
    assert.deepEqual(
      equivalence.differences?.find((d) => d.key === 'Z'),
      { key: 'Z', stream: '2' },
    );
  });

  it('reset stops the stream and clears the watched folder, checkpoint and output but not the samples', async () => {
    const running = session.startStream();
    session.feedAll();
    mkdirSync(join(jobDir, 'checkpoint', 'batch'), { recursive: true });
    writeOutput(jobDir, ["('A', 1)"]);
    await session.reset();
    await running;
    assert.equal(session.state.stream.status, 'stopped');
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), []);
    assert.ok(!existsSync(join(jobDir, 'checkpoint', 'batch')));
    assert.ok(!existsSync(join(jobDir, 'batch_output', 'output.csv')));
    assert.deepEqual(readdirSync(join(jobDir, 'feed')), ['data1.csv', 'data2.csv']);
    assert.deepEqual(
      session.state.feed.files.map((f) => f.fed),
      [false, false],
    );
  });

  it('reports a missing stream job instead of starting anything', async () => {
    rmSync(join(jobDir, 'batch.stream.ts'));
    await session.startStream();
    assert.equal(stream, undefined);
    assert.equal(session.state.stream.status, 'failed');
    assert.match(session.state.stream.error ?? '', /convert the batch job first/);
  });

  it('auto-feeds one file per interval and turns itself off when every file is fed', async () => {
    session.setAutoFeed(true, 0.1);
    assert.deepEqual(session.state.feed.autoFeed, { enabled: true, seconds: 0.1 });
    assert.deepEqual(
      session.state.feed.files.map((f) => f.fed),
      [true, false],
      'the first file right away',
    );
    for (let i = 0; i < 50 && session.state.feed.autoFeed.enabled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(
      session.state.feed.files.map((f) => f.fed),
      [true, true],
    );
    assert.equal(session.state.feed.autoFeed.enabled, false);
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')).sort(), ['data1.csv', 'data2.csv']);
  });

  it('feeds from a folder the user picked', () => {
    const other = join(root, 'parts');
    mkdirSync(other);
    writeFileSync(join(other, 'p1.csv'), 'x,A,99\n');
    session.useFeedFolder(other);
    assert.equal(session.state.feed.folder, other);
    assert.equal(session.feedNext(), true);
    assert.equal(readFileSync(join(jobDir, 'stream_input', 'p1.csv'), 'utf8'), 'x,A,99\n');
  });
});

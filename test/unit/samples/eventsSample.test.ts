// samples/events: the batch job (counts per event type, and the raw log) writes its checked-in results;
// the converted stream, fed the ten generator files one by one, writes the same; the stream-only socket
// word count prints the seed's own sample output for the seed's two lines.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { convert, detect } from '../../../src/convert/index';
import { StreamJob } from '../../../src/demo/demoJobs';
import { compareRows } from '../../../src/demo/rowComparison';
import { feedParts, readSampleSpec } from '../../../src/demo/sampleSpec';
import { readOutputRows } from '../../../src/demo/sparkOutput';
import { copySample, runBatch, runStream } from './sampleRun';
import { samplesRoot, scratchDir, toolchain } from './toolchain';

const sampleDir = join(samplesRoot, 'events');
const spec = readSampleSpec(sampleDir);

/** The event rows of CSV files with a header line. */
function eventRows(dir: string, names: readonly string[]): string[] {
  return names.flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== ''),
  );
}

describe('samples/events', function () {
  this.timeout(180_000);
  const work = scratchDir('events');
  after(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(scratchDir('events-socket'), { recursive: true, force: true });
  });

  it('the feed parts are the batch input, file for file; the expected results are its counts and rows', () => {
    const inputs = readdirSync(join(sampleDir, 'batch_input')).sort();
    assert.deepEqual(
      feedParts(spec),
      [...inputs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
    const rows = eventRows(join(sampleDir, 'batch_input'), inputs);
    assert.equal(rows.length, 100);
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.split(',')[2], (counts.get(row.split(',')[2]) ?? 0) + 1);
    const expectedCounts = [...counts].map(([event, n]) => `${event},${n}`);
    assert.ok(
      compareRows(expectedCounts, readOutputRows(join(sampleDir, 'expected', 'event_counts')) ?? []).equal,
    );
    assert.ok(compareRows(rows, readOutputRows(join(sampleDir, 'expected', 'event_log')) ?? []).equal);
  });

  it('the converter: the count is convertible, the log convertible with changes (the file sink appends)', () => {
    const batchPath = join(sampleDir, 'batch.ts');
    const file = { fileName: batchPath, text: readFileSync(batchPath, 'utf8') };
    assert.deepEqual(
      detect(file).map((p) => p.verdict.status),
      ['convertible', 'convertible-with-changes'],
    );
    const conversion = convert(file);
    assert.equal(conversion.converted.length, 2);
    assert.equal(
      readFileSync(join(sampleDir, 'batch.stream.ts'), 'utf8'),
      conversion.text,
      'samples/events/batch.stream.ts is stale: regenerate it with `npx streamshift convert samples/events/batch.ts -o samples/events/batch.stream.ts`',
    );
  });

  it('the socket word count is already a stream: the converter offers nothing', () => {
    const path = join(sampleDir, 'socket_wordcount.ts');
    assert.deepEqual(detect({ fileName: path, text: readFileSync(path, 'utf8') }), []);
  });

  it('the batch job writes the checked-in results', async () => {
    copySample(spec, work);
    await runBatch(spec, work);
    for (const output of spec.outputs) {
      const check = compareRows(
        readOutputRows(join(sampleDir, output.expected ?? '')) ?? [],
        readOutputRows(join(work, output.path)) ?? [],
      );
      assert.ok(check.equal, `${output.path}: ${JSON.stringify(check.differences)}`);
    }
  });

  it('the converted stream, fed the ten files one by one, reaches the batch results', async () => {
    copySample(spec, work);
    const run = await runStream(spec, work);
    assert.deepEqual([...run.batchesPerQuery.values()], [10, 10], 'each query read one file per micro-batch');
    assert.equal(run.droppedByWatermark, 0);
    for (const output of spec.outputs) {
      const check = compareRows(
        readOutputRows(join(sampleDir, output.expected ?? '')) ?? [],
        readOutputRows(join(work, output.path)) ?? [],
      );
      assert.ok(check.equal, `${output.path}: ${JSON.stringify(check.differences)}`);
    }
  });

  describe('socket_wordcount.ts', () => {
    let server: Server | undefined;
    let job: StreamJob | undefined;
    afterEach(async () => {
      if (job?.isRunning) await job.stop();
      server?.close();
    });

    it("prints the seed's sample output for the seed's two lines, typed one after the other", async () => {
      const clients: Socket[] = [];
      server = createServer((socket) => clients.push(socket));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      assert.ok(address && typeof address === 'object');
      let stdout = '';
      job = await StreamJob.start(
        {
          ...toolchain,
          env: { ...process.env, SOCKET_HOST: '127.0.0.1', SOCKET_PORT: String(address.port) },
        },
        {
          jobPath: join(sampleDir, 'socket_wordcount.ts'),
          cwd: sampleDir,
          scratchDir: scratchDir('events-socket'),
          onStdout: (t) => (stdout += t),
          onStderr: () => {},
        },
        15_000,
      );
      const running = job;
      const until = async (what: string, done: () => boolean) => {
        const deadline = Date.now() + 60_000;
        while (!done()) {
          if (!running.isRunning)
            assert.fail(`the job exited while waiting for ${what}:\n${running.recentOutput}`);
          if (Date.now() > deadline) assert.fail(`no ${what} within 60 s:\n${stdout}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await until('a connection', () => clients.length > 0);
      clients[0].write('hello world spark streaming\n');
      await until('the first table', () => /\|streaming\|\s*1\|/.test(stdout));
      clients[0].write('spark is amazing\n');
      await until('the second table', () => /\|\s*spark\|\s*2\|/.test(stdout));
      const lastTable = stdout.slice(stdout.lastIndexOf('+---------+-----+\n|     word|count|'));
      assert.equal(
        lastTable.split('\n').slice(0, 10).join('\n'),
        [
          '+---------+-----+',
          '|     word|count|',
          '+---------+-----+',
          '|  amazing|    1|',
          '|    hello|    1|',
          '|       is|    1|',
          '|    spark|    2|',
          '|streaming|    1|',
          '|    world|    1|',
          '+---------+-----+',
        ].join('\n'),
      );
      assert.equal(await running.stop(), 0);
    });
  });
});

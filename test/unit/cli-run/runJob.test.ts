// `streamshift run`: the task runner's bundling outside VS Code. Jobs are the ones "New Batch Job"
// scaffolds, run from another folder (paths resolve against the job's folder), against the runtime's
// sources; the stream job is the converter's output for them, stopped by an interrupt like Ctrl+C.
import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runJobCommand, type RunEnvironment } from '../../../src/cli/runJob';
import { convert } from '../../../src/convert/index';
import { writeScaffold } from '../../../src/scaffold/batchJobScaffold';

const runtimeRoot = join(__dirname, '..', '..', '..', 'runtime', 'src');

interface Harness {
  env: RunEnvironment;
  out: () => string;
  err: () => string;
  interrupt: (signal: string) => void;
}

function harness(cwd: string, tempRoot: string, env: NodeJS.ProcessEnv = process.env): Harness {
  let out = '';
  let err = '';
  let handler: ((signal: string) => void) | undefined;
  return {
    env: {
      cwd,
      loadEsbuild: () => build,
      runtimeRoot,
      execPath: process.execPath,
      env,
      tempRoot,
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      onInterrupt: (h) => {
        handler = h;
        return () => (handler = undefined);
      },
    },
    out: () => out,
    err: () => err,
    interrupt: (signal) => handler?.(signal),
  };
}

/** Spark's saveAsTextFile lines in a folder, sorted. */
function savedLines(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

/** The counts the scaffolded job computes, from its input: rows with value > 50 per key. */
function expectedCounts(csv: string): string[] {
  const counts = new Map<string, number>();
  for (const line of csv.split('\n').filter((l) => l !== '')) {
    const [, key, value] = line.split(',');
    if (Number(value) > 50) counts.set(key!, (counts.get(key!) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `('${key}', ${n})`).sort();
}

async function eventually(what: string, check: () => boolean, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('streamshift run', function () {
  this.timeout(60_000);
  let root: string;
  let elsewhere: string;
  let temp: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-cli-run-'));
    elsewhere = join(root, 'elsewhere');
    temp = join(root, 'tmp');
    mkdirSync(elsewhere);
    mkdirSync(temp);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs a batch job in its own folder, whatever the current folder, and cleans up its bundle', async () => {
    const job = writeScaffold(join(root, 'project'), 'rdd');
    const h = harness(elsewhere, temp);
    const code = await runJobCommand(['../project/batch.ts'], h.env);
    assert.equal(code, 0, h.err());
    assert.deepEqual(
      savedLines(join(job.dir, 'batch_output')),
      expectedCounts(readFileSync(join(job.dir, 'batch_input', 'data.csv'), 'utf8')),
    );
    assert.equal(existsSync(join(elsewhere, 'batch_output')), false, 'nothing written in the current folder');
    assert.deepEqual(readdirSync(temp), [], 'the bundle folder is removed');
  });

  it('runs the converted stream job until interrupted, creating its watched folder, and stops gracefully', async () => {
    const job = writeScaffold(join(root, 'project'), 'rdd');
    const text = readFileSync(job.jobPath, 'utf8');
    const conversion = convert({ fileName: job.jobPath, text }, { triggerSeconds: 0.3 });
    assert.equal(conversion.converted.length, 1, conversion.notes.join('\n'));
    const streamJob = join(job.dir, 'batch.stream.ts');
    writeFileSync(streamJob, conversion.text);
    const watched = /textFileStream\('([^']+)'\)/.exec(conversion.text)?.[1];
    assert.ok(watched, 'the stream job watches a folder');
    assert.equal(existsSync(join(job.dir, watched)), false);

    // The runtime's progress records say when the stream has started: files placed earlier are not new.
    const events = join(root, 'events.jsonl');
    const h = harness(elsewhere, temp, { ...process.env, STREAMSHIFT_EVENTS: events });
    const done = runJobCommand([streamJob], h.env);
    await eventually('the watched folder', () => existsSync(join(job.dir, watched)));
    await eventually(
      'the stream to start',
      () => existsSync(events) && readFileSync(events, 'utf8').includes('streamingStarted'),
    );
    // Feed the parts the way the run panel does: a dot-file, renamed in.
    for (const part of readdirSync(join(job.dir, 'feed')).sort()) {
      const hidden = join(job.dir, watched, `.${part}.tmp`);
      writeFileSync(hidden, readFileSync(join(job.dir, 'feed', part)));
      renameSync(hidden, join(job.dir, watched, part));
    }
    const expected = expectedCounts(readFileSync(join(job.dir, 'batch_input', 'data.csv'), 'utf8'));
    await eventually('the stream result over every part', () => {
      return savedLines(join(job.dir, 'batch_output')).join('|') === expected.join('|');
    });
    h.interrupt('SIGINT');
    const code = await done;
    assert.equal(code, 0, h.err());
    assert.match(h.err(), /SIGINT: stopping gracefully/);
    assert.match(h.err(), /stopping the stream gracefully/, 'the job saw exactly one interrupt');
    assert.ok(existsSync(join(job.dir, 'checkpoint')), 'the graceful stop leaves the checkpoint');
  });

  it("reports a build error at the job's line and exits 1", async () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'job.ts'),
      "// a job\nimport { nothing } from '@streamshift/runtime/nope';\nnothing();\n",
    );
    const h = harness(dir, temp);
    assert.equal(await runJobCommand(['job.ts'], h.env), 1);
    assert.match(
      h.err(),
      new RegExp(
        `${join(dir, 'job.ts').replace(/[\\/.]/g, '\\$&')}:2:\\d+: error: .*not a module of @streamshift/runtime`,
      ),
    );
    assert.match(h.err(), /build failed/);
  });

  it("places a job's uncaught error on its own line and returns node's exit code", async () => {
    const dir = join(root, 'throws');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'job.ts'),
      "import { SparkContext } from '@streamshift/runtime';\nconst sc = new SparkContext('local', 'x');\n" +
        "sc.parallelize([1, 2]).collect();\nthrow new Error('bad input row');\n",
    );
    const h = harness(dir, temp);
    assert.equal(await runJobCommand(['job.ts'], h.env), 1);
    assert.match(h.err(), new RegExp(`job\\.ts:4:\\d+: error: Error: bad input row`));
  });

  it('refuses bad usage with exit code 2 and the usage text', async () => {
    const h = harness(root, temp);
    assert.equal(await runJobCommand([], h.env), 2);
    assert.match(h.err(), /run needs a job file/);
    assert.equal(await runJobCommand(['job.ts', '--fast'], h.env), 2);
    assert.match(h.err(), /unknown option "--fast"/);
    assert.equal(await runJobCommand(['missing.ts'], h.env), 2);
    assert.match(h.err(), /cannot read missing\.ts/);
    assert.equal(await runJobCommand(['--help'], h.env), 0);
    assert.match(h.out(), /usage: streamshift run <job\.ts>/);
  });
});

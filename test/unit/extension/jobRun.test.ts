// The task runner end to end without VS Code: bundle a job with the real esbuild, run it with node,
// report problems at the user's line, stop a stream gracefully, refuse untrusted workspaces.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { JobRun, untrustedMessage, type JobDefinition, type JobRunDependencies } from '../../../src/jobRun';
import type { ProblemLocation } from '../../../src/problemFormat';
import type { ProgressSummary } from '../../../src/progressRecords';

const fixtures = join(__dirname, 'fixtures');
const jobs = join(fixtures, 'jobs');

class FakeTerminal {
  text = '';
  exitCode: number | undefined;
  write(text: string): void {
    this.text += text;
  }
  close(code: number): void {
    this.exitCode = code;
  }
}

describe('JobRun', () => {
  let workDir: string;
  const progress: { summary: ProgressSummary; finished: boolean }[] = [];
  const reported: (readonly ProblemLocation[])[] = [];

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'streamshift-jobrun-'));
    progress.length = 0;
    reported.length = 0;
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  function deps(overrides: Partial<JobRunDependencies> = {}): JobRunDependencies {
    return {
      isTrusted: () => true,
      loadEsbuild: async () => build,
      runtimeRoot: join(fixtures, 'runtime'),
      workDir,
      execPath: process.execPath,
      env: process.env,
      nonUserRoots: [join(fixtures, 'runtime'), workDir],
      onProgress: (_definition, summary, finished) => progress.push({ summary, finished }),
      onProblems: (_definition, problems) => reported.push(problems),
      progressPollMs: 20,
      ...overrides,
    };
  }

  async function run(definition: JobDefinition, overrides?: Partial<JobRunDependencies>) {
    const terminal = new FakeTerminal();
    const code = await new JobRun(definition, deps(overrides), terminal).start();
    return { code, terminal };
  }

  it('bundles a batch job against the shipped runtime and runs it in the job folder', async () => {
    const { code, terminal } = await run({ jobPath: join(jobs, 'batch.ts'), mode: 'batch' });
    assert.equal(code, 0, terminal.text);
    assert.equal(terminal.exitCode, 0);
    assert.match(terminal.text, /\('A', 3\)\n\('B', 1\)\n\('C', 1\)/);
    assert.match(terminal.text, /streamshift: job exited with code 0/);
  });

  it('runs a job that uses top-level await (as converted stream jobs do)', async () => {
    const { code, terminal } = await run({ jobPath: join(jobs, 'top-level-await.ts'), mode: 'batch' });
    assert.equal(code, 0, terminal.text);
    assert.match(terminal.text, /\[\["x",2\],\["y",1\]\]/);
  });

  it('reports a syntax error at the job file and line, in the problem matcher format', async () => {
    const file = join(jobs, 'syntax-error.ts');
    const { code, terminal } = await run({ jobPath: file, mode: 'batch' });
    assert.equal(code, 1);
    assert.equal(terminal.exitCode, 1);
    assert.ok(terminal.text.includes(`${file}:3:`), terminal.text);
    assert.match(terminal.text, /: error: /);
    assert.match(terminal.text, /streamshift: build failed/);
    assert.equal(reported.length, 2, 'cleared at the start, then the build error');
    assert.deepEqual(reported[0], []);
    assert.equal(reported[1]![0]!.file, file);
    assert.equal(reported[1]![0]!.line, 3);
  });

  it('names an unknown runtime sub-path as a build error', async () => {
    const file = join(jobs, 'unknown-subpath.ts');
    const { code, terminal } = await run({ jobPath: file, mode: 'batch' });
    assert.equal(code, 1);
    assert.ok(terminal.text.includes(`${file}:1:`), terminal.text);
    assert.match(terminal.text, /"@streamshift\/runtime\/nope" is not a module of @streamshift\/runtime/);
  });

  it("places an uncaught error on the user's line, not inside the runtime", async () => {
    const file = join(jobs, 'throws.ts');
    const { code, terminal } = await run({ jobPath: file, mode: 'batch' });
    assert.equal(code, 1);
    assert.ok(terminal.text.includes(`${file}:5:3: error: Error: runtime refused the input`), terminal.text);
    assert.deepEqual(reported.at(-1), [
      { file, line: 5, column: 3, severity: 'error', message: 'Error: runtime refused the input' },
    ]);
  });

  it('stops the Structured Streaming queries of a stream job gracefully', async () => {
    const terminal = new FakeTerminal();
    const jobRun = new JobRun(
      { jobPath: join(jobs, 'structured-stream.ts'), mode: 'stream' },
      deps(),
      terminal,
    );
    const finished = jobRun.start();
    await waitFor(() => terminal.text.includes('micro-batch'));
    await jobRun.stop();
    assert.equal(await finished, 0, terminal.text);
    assert.match(terminal.text, /query stopped after its batch/);
    assert.match(terminal.text, /the structured job ran to its end/);
  });

  it('refuses to run in an untrusted workspace and says why', async () => {
    const { code, terminal } = await run(
      { jobPath: join(jobs, 'batch.ts'), mode: 'batch' },
      { isTrusted: () => false },
    );
    assert.equal(code, 1);
    assert.ok(terminal.text.includes(untrustedMessage));
    assert.ok(!existsSync(join(workDir, 'jobs')), 'nothing may be bundled for an untrusted workspace');
  });

  it('stops a stream job gracefully and reports its progress records', async () => {
    const terminal = new FakeTerminal();
    const jobRun = new JobRun({ jobPath: join(jobs, 'stream.ts'), mode: 'stream' }, deps(), terminal);
    const finished = jobRun.start();
    await waitFor(() => progress.some((p) => p.summary.batches >= 2));
    await jobRun.stop();
    const code = await finished;
    assert.equal(code, 0, terminal.text);
    assert.match(terminal.text, /streamshift: SIGINT received: stopping the stream gracefully/);
    assert.match(terminal.text, /stopped gracefully/);
    assert.match(terminal.text, /the job ran to its end after the stream stopped/);
    assert.match(terminal.text, /streamshift: job stopped/);
    const last = progress.at(-1)!;
    assert.equal(last.finished, true);
    assert.equal(last.summary.stopped, true);
    assert.ok(last.summary.batches >= 2);
    assert.equal(last.summary.lastRows, 3);
    assert.equal(last.summary.lastLatencyMs, 12);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

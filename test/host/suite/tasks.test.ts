// The `streamshift` task type: discovered jobs, running the batch job with the runtime shipped in the
// extension, errors placed in the Problems panel exactly once (by the problem matcher, or by the runner
// where VS Code would drop the matcher's), also for tasks written in tasks.json, and no runs in an
// untrusted workspace.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertOutcome } from '../../../src/convertFlow';
import { caseFolder, closeAllEditors, eventually, sleep, streamshift, workspaceFolder } from './hostKit';

async function streamshiftTasks(): Promise<vscode.Task[]> {
  return vscode.tasks.fetchTasks({ type: 'streamshift' });
}

function rel(path: string): string {
  return relative(workspaceFolder().uri.fsPath, path).split('\\').join('/');
}

/** Runs the task and resolves when it has ended (custom executions have no process events). */
async function runToEnd(task: vscode.Task): Promise<void> {
  const ended = new Promise<void>((resolve) => {
    const listener = vscode.tasks.onDidEndTask((event) => {
      if (event.execution.task.name === task.name) {
        listener.dispose();
        resolve();
      }
    });
  });
  await vscode.tasks.executeTask(task);
  await ended;
}

/**
 * The Streamshift problems on `file` once the run's have arrived. Both sources publish within moments of
 * the task's end, so the list is read again a little later: a copy from the other source would show.
 */
async function settledProblems(file: string): Promise<vscode.Diagnostic[]> {
  const ours = () =>
    vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'streamshift');
  await eventually(`a problem on ${file}`, () => ours().length > 0);
  await sleep(1500);
  return ours();
}

/**
 * Who placed a problem: VS Code's matcher gives a line and column only, an empty range; the runner's
 * collection (jobProblems.ts) marks one character.
 */
function placedBy(problem: vscode.Diagnostic): 'matcher' | 'runner' {
  return problem.range.isEmpty ? 'matcher' : 'runner';
}

/** The rows of the CSV part files a DataFrame job wrote, sorted. */
function csvRows(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-') && name.endsWith('.csv'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

/** The counts a batch job wrote, as Spark's saveAsTextFile lines, sorted. */
function savedLines(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

describe('streamshift tasks', () => {
  afterEach(closeAllEditors);

  it('lists the batch job and, after a conversion, the stream job beside it', async () => {
    await streamshift();
    const dir = await caseFolder('tasks-pair', { wordcount: true });
    const batch = join(dir, 'batch.ts');
    let names = (await streamshiftTasks()).map((t) => t.name);
    assert.ok(names.includes(`Run batch job: ${rel(batch)}`), names.join('\n'));

    const outcome = await vscode.commands.executeCommand<ConvertOutcome>(
      'streamshift.convertToStreaming',
      vscode.Uri.file(batch),
      { apply: 'newFile' },
    );
    assert.equal(outcome.status, 'applied');
    const tasks = await streamshiftTasks();
    names = tasks.map((t) => t.name);
    assert.ok(names.includes(`Run batch job: ${rel(batch)}`), names.join('\n'));
    assert.ok(names.includes(`Run stream job: ${rel(join(dir, 'batch.stream.ts'))}`), names.join('\n'));
    const stream = tasks.find((t) => t.name === `Run stream job: ${rel(join(dir, 'batch.stream.ts'))}`)!;
    assert.equal(stream.isBackground, true);
    // The runner's problem lines are read by the contributed matchers (the stream's with begin/end).
    assert.deepEqual(stream.problemMatchers, ['$streamshift-watch']);
    const batchTask = tasks.find((t) => t.name === `Run batch job: ${rel(batch)}`)!;
    assert.deepEqual(batchTask.problemMatchers, ['$streamshift']);
    assert.deepEqual(stream.definition, {
      type: 'streamshift',
      job: rel(join(dir, 'batch.stream.ts')),
      mode: 'stream',
    });
  });

  it("runs the batch job in its folder against the extension's runtime and writes Spark's result", async () => {
    const dir = await caseFolder('tasks-run-batch', { wordcount: true });
    const task = (await streamshiftTasks()).find(
      (t) => t.name === `Run batch job: ${rel(join(dir, 'batch.ts'))}`,
    );
    assert.ok(task, 'the batch task is listed');
    await runToEnd(task);
    const output = join(dir, 'batch_output');
    assert.ok(existsSync(join(output, '_SUCCESS')), 'saveAsTextFile marks success');
    assert.deepEqual(savedLines(output), ["('A', 18)", "('B', 16)", "('C', 10)"]);
  });

  it("puts a job's run-time error on the job's line in the Problems panel, once, by the matcher", async () => {
    const dir = await caseFolder('tasks-failing', { cases: ['fails.ts'] });
    const job = join(dir, 'fails.ts');
    const task = (await streamshiftTasks()).find((t) => t.name === `Run batch job: ${rel(job)}`);
    assert.ok(task, 'the failing job is listed');
    await runToEnd(task);
    const problems = await settledProblems(job);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0]!.range.start.line, 6, 'line 7 of fails.ts');
    assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0]!.message, /expected 3 columns/);
    assert.equal(placedBy(problems[0]!), 'matcher');
  });

  it('places the error of a job run from tasks.json once, with the default or the named matcher', async () => {
    const jobs = {
      default: join(await caseFolder('tasks-json-default', { cases: ['fails.ts'] }), 'fails.ts'),
      named: join(await caseFolder('tasks-json-named', { cases: ['fails.ts'] }), 'fails.ts'),
    };
    const tasksJson = join(workspaceFolder().uri.fsPath, '.vscode', 'tasks.json');
    mkdirSync(join(tasksJson, '..'), { recursive: true });
    const entry = (label: string, job: string) => ({
      label,
      type: 'streamshift',
      job: rel(job),
      mode: 'batch',
    });
    writeFileSync(
      tasksJson,
      JSON.stringify({
        version: '2.0.0',
        tasks: [
          entry('fails, no problemMatcher written', jobs.default),
          // VS Code resolves a named matcher in tasks.json itself and does not tell the extension about it.
          { ...entry('fails, $streamshift written', jobs.named), problemMatcher: '$streamshift' },
        ],
      }),
    );
    try {
      for (const [label, job] of [
        ['fails, no problemMatcher written', jobs.default],
        ['fails, $streamshift written', jobs.named],
      ] as const) {
        const task = await eventually(`the tasks.json task "${label}"`, async () =>
          (await streamshiftTasks()).find((t) => t.name === label),
        );
        await runToEnd(task);
        const problems = await settledProblems(job);
        assert.equal(problems.length, 1, `${label}: ${JSON.stringify(problems)}`);
        assert.equal(problems[0]!.range.start.line, 6, `${label}: line 7 of fails.ts`);
        assert.match(problems[0]!.message, /expected 3 columns/);
        assert.equal(placedBy(problems[0]!), 'matcher', label);
      }
    } finally {
      rmSync(join(tasksJson, '..'), { recursive: true, force: true });
    }
  });

  it("keeps a stream job's crash in the Problems panel, once, after its background task ended", async () => {
    const dir = await caseFolder('tasks-stream-fails', { cases: ['fails-stream.ts'] });
    const job = join(dir, 'fails-stream.ts');
    const task = (await streamshiftTasks()).find((t) => t.name === `Run stream job: ${rel(job)}`);
    assert.ok(task, 'the failing stream job is listed');
    assert.equal(task.isBackground, true);
    await runToEnd(task);
    // VS Code has removed the matcher's copy with the task; the runner's stays.
    const problems = await settledProblems(job);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0]!.range.start.line, 8, 'line 9 of fails-stream.ts');
    assert.match(problems[0]!.message, /expected 3 columns, found 2/);
    assert.equal(placedBy(problems[0]!), 'runner');
  });

  it('tells VS Code when a stream task is up, so a task that dependsOn it runs while the stream does', async () => {
    const dir = await caseFolder('tasks-stream-ready', { cases: ['stream-idle.ts'] });
    const job = join(dir, 'stream-idle.ts');
    const tasksJson = join(workspaceFolder().uri.fsPath, '.vscode', 'tasks.json');
    mkdirSync(join(tasksJson, '..'), { recursive: true });
    writeFileSync(
      tasksJson,
      JSON.stringify({
        version: '2.0.0',
        tasks: [
          { label: 'stream up', type: 'streamshift', job: rel(job), mode: 'stream' },
          { label: 'after the stream is up', type: 'shell', command: 'echo ready', dependsOn: 'stream up' },
        ],
      }),
    );
    try {
      const after = await eventually('the tasks.json task "after the stream is up"', async () =>
        (await vscode.tasks.fetchTasks()).find((t) => t.name === 'after the stream is up'),
      );
      // The dependent task can only end while the stream runs if `$streamshift-watch` saw "running".
      await runToEnd(after);
      const stream = vscode.tasks.taskExecutions.find((e) => e.task.name === 'stream up');
      assert.ok(stream, 'the stream task still runs after the dependent task ended');
      const stopped = new Promise<void>((resolve) => {
        const listener = vscode.tasks.onDidEndTask((event) => {
          if (event.execution.task.name === 'stream up') {
            listener.dispose();
            resolve();
          }
        });
      });
      stream.terminate();
      await stopped;
    } finally {
      rmSync(join(tasksJson, '..'), { recursive: true, force: true });
    }
  });

  it('streams fed files to the same result as the batch job, and stops gracefully', async () => {
    const { api } = await streamshift();
    const dir = await caseFolder('tasks-stream', { wordcount: true });
    const config = vscode.workspace.getConfiguration('streamshift');
    await config.update('triggerIntervalSeconds', 0.5, vscode.ConfigurationTarget.Workspace);
    try {
      const outcome = await vscode.commands.executeCommand<ConvertOutcome>(
        'streamshift.convertToStreaming',
        vscode.Uri.file(join(dir, 'batch.ts')),
        { apply: 'newFile' },
      );
      assert.equal(outcome.status, 'applied');
    } finally {
      await config.update('triggerIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const streamJob = join(dir, 'batch.stream.ts');
    const converted = readFileSync(streamJob, 'utf8');
    const watched = /textFileStream\('([^']+)'\)/.exec(converted)?.[1];
    assert.ok(watched, 'the stream job watches a folder');
    mkdirSync(join(dir, watched), { recursive: true });

    const task = (await streamshiftTasks()).find((t) => t.name === `Run stream job: ${rel(streamJob)}`);
    assert.ok(task, 'the stream task is listed');
    const execution = await vscode.tasks.executeTask(task);
    try {
      await eventually('the first micro-batch', () => (api.progressOf(streamJob)?.summary.batches ?? 0) > 0);
      // Feed the two sample parts the way the run panel does: write a dot-file, then rename it in.
      const { extension } = await streamshift();
      for (const part of ['data1.csv', 'data2.csv']) {
        const source = join(
          extension.extensionPath,
          'test',
          'host',
          'fixtures',
          'extension-cases',
          'feed',
          part,
        );
        writeFileSync(join(dir, watched, `.${part}`), readFileSync(source));
        renameSync(join(dir, watched, `.${part}`), join(dir, watched, part));
      }
      const output = join(dir, 'batch_output');
      await eventually(
        'the stream result to equal the batch result over both parts',
        () => existsSync(output) && savedLines(output).join('|') === "('A', 18)|('B', 16)|('C', 10)",
        60_000,
      );
      const summary = api.progressOf(streamJob)!.summary;
      assert.ok(summary.batches >= 1 && summary.lastLatencyMs !== undefined, JSON.stringify(summary));
    } finally {
      execution.terminate();
    }
    const stopped = await eventually('the stream to stop', () => {
      const last = api.progressOf(streamJob);
      return last?.finished ? last : undefined;
    });
    assert.equal(stopped.summary.stopped, true);
    assert.ok(existsSync(join(dir, 'checkpoint')), 'the graceful stop leaves the checkpoint in place');
  });

  it('runs a DataFrame job and its Structured Streaming version to the same result', async () => {
    const { api, extension } = await streamshift();
    const dir = await caseFolder('tasks-dataframe', { wordcount: true, cases: ['dataframe-wordcount.ts'] });
    const batchJob = join(dir, 'dataframe-wordcount.ts');
    const batchTask = (await streamshiftTasks()).find((t) => t.name === `Run batch job: ${rel(batchJob)}`);
    assert.ok(batchTask, 'the DataFrame batch task is listed');
    await runToEnd(batchTask);
    const batchRows = csvRows(join(dir, 'batch_output'));
    assert.deepEqual(batchRows, ['A,18', 'B,16', 'C,10']);

    const config = vscode.workspace.getConfiguration('streamshift');
    await config.update('triggerIntervalSeconds', 0.5, vscode.ConfigurationTarget.Workspace);
    try {
      const outcome = await vscode.commands.executeCommand<ConvertOutcome>(
        'streamshift.convertToStreaming',
        vscode.Uri.file(batchJob),
        { apply: 'newFile' },
      );
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    } finally {
      await config.update('triggerIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const streamJob = join(dir, 'dataframe-wordcount.stream.ts');
    assert.match(readFileSync(streamJob, 'utf8'), /readStream/);
    rmSync(join(dir, 'batch_output'), { recursive: true, force: true });
    mkdirSync(join(dir, 'stream_input'), { recursive: true });
    const task = (await streamshiftTasks()).find((t) => t.name === `Run stream job: ${rel(streamJob)}`);
    assert.ok(task, 'the Structured Streaming task is listed');
    const execution = await vscode.tasks.executeTask(task);
    try {
      await eventually('the query to start', () => api.progressOf(streamJob) !== undefined);
      for (const part of ['data1.csv', 'data2.csv']) {
        const source = join(
          extension.extensionPath,
          'test',
          'host',
          'fixtures',
          'extension-cases',
          'feed',
          part,
        );
        writeFileSync(join(dir, 'stream_input', `.${part}`), readFileSync(source));
        renameSync(join(dir, 'stream_input', `.${part}`), join(dir, 'stream_input', part));
      }
      await eventually(
        'the streamed counts to equal the batch counts',
        () =>
          existsSync(join(dir, 'batch_output')) &&
          csvRows(join(dir, 'batch_output')).join('|') === batchRows.join('|'),
        60_000,
      );
    } finally {
      execution.terminate();
    }
    const stopped = await eventually('the query to stop', () => {
      const last = api.progressOf(streamJob);
      return last?.finished ? last : undefined;
    });
    assert.equal(stopped.summary.stopped, true);
  });

  it('runs nothing in an untrusted workspace, and the command says why', async () => {
    const { api } = await streamshift();
    const dir = await caseFolder('tasks-untrusted', { wordcount: true });
    const batch = join(dir, 'batch.ts');
    api.setTrustOverride(false);
    try {
      const task = (await streamshiftTasks()).find((t) => t.name === `Run batch job: ${rel(batch)}`);
      assert.ok(task);
      await runToEnd(task);
      assert.equal(existsSync(join(dir, 'batch_output')), false, 'the job did not run');
      const ran = await vscode.commands.executeCommand<boolean>(
        'streamshift.runJob',
        vscode.Uri.file(batch),
        'batch',
      );
      assert.equal(ran, false);
    } finally {
      api.setTrustOverride(undefined);
    }
  });
});

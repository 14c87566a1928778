// The `streamshift` task type: discovered jobs, running the batch job with the runtime shipped in the
// extension, errors placed by the problem matcher, and no runs in an untrusted workspace.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertOutcome } from '../../../src/convertFlow';
import { caseFolder, closeAllEditors, eventually, streamshift, workspaceFolder } from './hostKit';

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

  it("puts a job's run-time error on the job's line in the Problems panel", async () => {
    const dir = await caseFolder('tasks-failing', { cases: ['fails.ts'] });
    const job = join(dir, 'fails.ts');
    const task = (await streamshiftTasks()).find((t) => t.name === `Run batch job: ${rel(job)}`);
    assert.ok(task, 'the failing job is listed');
    await runToEnd(task);
    const problems = await eventually('a problem on fails.ts', () => {
      const found = vscode.languages
        .getDiagnostics(vscode.Uri.file(job))
        .filter((d) => d.source === 'streamshift');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(problems[0]!.range.start.line, 6, 'line 7 of fails.ts');
    assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0]!.message, /expected 3 columns/);
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

// A user's own folder (the second workspace folder: a fresh folder outside the repository holding only
// a job file, in a sub-folder): the runtime import is an error until "Set Up Runtime Types", then clean;
// the job converts, both tasks run in the job's folder, and the run panel feeds the parts until its
// equivalence check passes. Also "New Batch Job" in that folder.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertOutcome } from '../../../src/convertFlow';
import type { ScaffoldResult } from '../../../src/scaffold/batchJobScaffold';
import { closeAllEditors, eventually, sleep, streamshift } from './hostKit';

const userFolderName = 'user-folder';

function userFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === userFolderName);
  assert.ok(
    folder,
    `the host run opens a second workspace folder "${userFolderName}" (test/harness/run-dir.ts)`,
  );
  return folder;
}

/** TypeScript's own diagnostics (not Streamshift's) on a file. */
function typeScriptErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ts' && d.severity === vscode.DiagnosticSeverity.Error);
}

function savedLines(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

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

async function userTask(name: string): Promise<vscode.Task> {
  const tasks = await vscode.tasks.fetchTasks({ type: 'streamshift' });
  const task = tasks.find(
    (t) =>
      t.name === name &&
      typeof t.scope === 'object' &&
      (t.scope as vscode.WorkspaceFolder).name === userFolderName,
  );
  assert.ok(task, `task "${name}" in ${userFolderName}: ${tasks.map((t) => t.name).join(', ')}`);
  return task;
}

describe("a user's own folder", function () {
  this.timeout(240_000);
  afterEach(closeAllEditors);

  it('type-checks the job after Set Up Runtime Types, converts it, runs both tasks and passes the panel check', async () => {
    const { api, extension } = await streamshift();
    const folder = userFolder();
    const jobDir = join(folder.uri.fsPath, 'jobs', 'wordcount');
    const job = vscode.Uri.file(join(jobDir, 'batch.ts'));
    assert.equal(existsSync(join(folder.uri.fsPath, 'node_modules')), false, 'the folder installs nothing');

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(job));
    // Before the setup TypeScript cannot resolve the import: the check below can fail.
    const missing = await eventually(
      "TypeScript's error on the runtime import",
      () => typeScriptErrors(job).find((d) => /@streamshift\/runtime/.test(d.message)),
      120_000,
    );
    assert.equal(missing.range.start.line, 2, missing.message);

    const target = await vscode.commands.executeCommand<string>('streamshift.setUpRuntimeTypes', job);
    assert.equal(target, join(folder.uri.fsPath, 'node_modules', '@streamshift', 'runtime'));
    assert.ok(existsSync(join(target, 'index.d.ts')), 'the copy has the declarations');
    await eventually(
      'no TypeScript errors on the job',
      async () => {
        // The TypeScript server watches the node_modules lookups that failed and rechecks the open file.
        const errors = typeScriptErrors(job);
        if (errors.length === 0) return true;
        await sleep(500);
        return false;
      },
      120_000,
    );
    // The hover on a runtime method shows the runtime's declaration, not `any`.
    const document = await vscode.workspace.openTextDocument(job);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      job,
      document.positionAt(document.getText().indexOf('reduceByKey') + 2),
    );
    const hoverText = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(hoverText, /reduceByKey/);
    assert.match(hoverText, /RDD/);

    // The job's data, as a user would add it: input beside the job, parts to feed in feed/.
    const fixtures = join(extension.extensionPath, 'test', 'host', 'fixtures');
    cpSync(join(fixtures, 'wordcount', 'batch_input'), join(jobDir, 'batch_input'), { recursive: true });
    cpSync(join(fixtures, 'extension-cases', 'feed'), join(jobDir, 'feed'), { recursive: true });

    const config = vscode.workspace.getConfiguration('streamshift');
    await config.update('triggerIntervalSeconds', 0.5, vscode.ConfigurationTarget.Workspace);
    try {
      const outcome = await vscode.commands.executeCommand<ConvertOutcome>(
        'streamshift.convertToStreaming',
        job,
        {
          apply: 'newFile',
        },
      );
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    } finally {
      await config.update('triggerIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const streamJob = join(jobDir, 'batch.stream.ts');
    const watched = /textFileStream\('([^']+)'\)/.exec(readFileSync(streamJob, 'utf8'))?.[1];
    assert.ok(watched, 'the stream job watches a folder');

    // Both tasks, named relative to their workspace folder and run in the job's folder.
    const rel = (path: string) => relative(folder.uri.fsPath, path).split('\\').join('/');
    await runToEnd(await userTask(`Run batch job: ${rel(job.fsPath)}`));
    const batchLines = savedLines(join(jobDir, 'batch_output'));
    assert.deepEqual(batchLines, ["('A', 18)", "('B', 16)", "('C', 10)"]);
    assert.equal(
      existsSync(join(folder.uri.fsPath, 'batch_output')),
      false,
      'not written in the folder root',
    );

    assert.equal(existsSync(join(jobDir, watched)), false);
    const execution = await vscode.tasks.executeTask(await userTask(`Run stream job: ${rel(streamJob)}`));
    try {
      await eventually(
        'the stream task to start',
        () => (api.progressOf(streamJob)?.summary.batches ?? 0) > 0,
        60_000,
      );
      assert.ok(existsSync(join(jobDir, watched)), 'the runner created the watched folder');
    } finally {
      execution.terminate();
    }
    await eventually('the stream task to stop', () => api.progressOf(streamJob)?.finished === true, 60_000);

    // The run panel: start over, run the batch job, start the stream, feed every part.
    const session = await api.runPanel.open(job);
    assert.ok(session, 'the run panel opens for the job');
    await session.reset();
    await session.runBatch();
    assert.equal(session.state.batch.status, 'done', JSON.stringify(session.state.batch));
    void session.startStream();
    await eventually('the panel stream to run', () => session.state.stream.status === 'running', 60_000);
    try {
      assert.equal(session.feedAll(), 2);
      await eventually(
        'the equivalence check over every fed part',
        async () => {
          await session.settled();
          const { equivalence } = session.state;
          return equivalence.status === 'equal' &&
            equivalence.against === 'full-run' &&
            equivalence.files?.length === 2
            ? equivalence
            : undefined;
        },
        90_000,
      );
      assert.deepEqual(savedLines(join(jobDir, 'batch_output')), batchLines);
    } finally {
      await session.stopStream();
    }
  });

  it('New Batch Job scaffolds a DataFrame job with its data and types, cursor on the pipeline, never overwriting', async () => {
    await streamshift();
    const folder = userFolder();
    const dir = vscode.Uri.file(join(folder.uri.fsPath, 'jobs'));
    writeFileSync(join(dir.fsPath, 'batch.ts'), '// a file the scaffold must not overwrite\n');
    const result = await vscode.commands.executeCommand<ScaffoldResult>('streamshift.newBatchJob', dir, {
      api: 'dataframe',
    });
    assert.ok(result, 'the command returns what it wrote');
    assert.equal(result.dir, join(dir.fsPath, 'batch-job'));
    assert.equal(
      readFileSync(join(dir.fsPath, 'batch.ts'), 'utf8'),
      '// a file the scaffold must not overwrite\n',
    );
    for (const file of [
      'batch.ts',
      'batch_input/data.csv',
      'feed/part-1.csv',
      'feed/part-2.csv',
      'feed/part-3.csv',
    ]) {
      assert.ok(existsSync(join(result.dir, file)), file);
    }
    assert.ok(
      existsSync(join(folder.uri.fsPath, 'node_modules', '@streamshift', 'runtime', 'sql', 'index.d.ts')),
    );

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, result.jobPath);
    assert.equal(editor.document.offsetAt(editor.selection.active), result.pipelineOffset);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(editor.selection.active, editor.selection.active),
    );
    assert.ok(
      actions.some((a) => a.kind?.value === 'refactor.rewrite.streamshift'),
      `the lightbulb offers the conversion at the cursor: ${actions.map((a) => a.title).join(', ')}`,
    );
    await eventually(
      'no TypeScript errors on the new job',
      () => typeScriptErrors(editor.document.uri).length === 0 || undefined,
      120_000,
    );

    // Undo of the types: only what the extension wrote goes.
    assert.equal(
      await vscode.commands.executeCommand<boolean>('streamshift.removeRuntimeTypes', editor.document.uri),
      true,
    );
    assert.equal(existsSync(join(folder.uri.fsPath, 'node_modules')), false);
  });
});

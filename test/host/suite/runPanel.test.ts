// The run panel inside VS Code: opened on a copy of samples/wordcount, it runs the real stream job (the
// task runner's bundling against the shipped runtime), feeds the sample parts atomically and checks the
// stream's result against the batch job after each micro-batch, ending with ✓ against the full run.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunPanelSession } from '../../../src/runPanel/runPanelSession';
import { closeAllEditors, eventually, streamshift, workspaceFolder } from './hostKit';

/** A fresh copy of the wordcount sample (jobs, batch input, feed parts) inside the workspace. */
async function sampleCopy(name: string): Promise<string> {
  const { extension } = await streamshift();
  const sample = join(extension.extensionPath, 'samples', 'wordcount');
  const dir = join(workspaceFolder().uri.fsPath, 'cases', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['batch.ts', 'batch.stream.ts', 'package.json', 'batch_input', 'feed']) {
    cpSync(join(sample, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

function panelTab(label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === label);
}

describe('run panel', () => {
  let session: RunPanelSession | undefined;
  afterEach(async () => {
    await session?.stopStream();
    session = undefined;
    await closeAllEditors();
  });

  it('feeds every sample file to the stream job and shows its result equal to the batch job', async function () {
    this.timeout(180_000);
    const { api } = await streamshift();
    const dir = await sampleCopy('run-panel-wordcount');
    // Opened from the stream job: the panel finds the batch job it was converted from.
    session = await api.runPanel.open(vscode.Uri.file(join(dir, 'batch.stream.ts')));
    assert.ok(session, 'the panel opened');
    assert.equal(session.batchPath, join(dir, 'batch.ts'));
    await eventually('the panel tab', () => panelTab('Run: batch.ts'));
    assert.deepEqual(
      session.state.feed.files.map((file) => [file.name, file.fed]),
      [
        ['data1.csv', false],
        ['data2.csv', false],
      ],
    );

    const stream = session;
    const streamDone = stream.startStream();
    await eventually(
      'the stream job running',
      () => {
        const { status, error } = stream.state.stream;
        if (status === 'failed') assert.fail(`the stream job failed: ${error}`);
        return status === 'running';
      },
      90_000,
    );

    assert.equal(stream.feedNext(), true);
    const first = await eventually(
      'the check after the first part',
      () => {
        const e = stream.state.equivalence;
        return e.status !== 'checking' && e.files?.includes('data1.csv') ? e : undefined;
      },
      90_000,
    );
    assert.equal(first.status, 'equal', JSON.stringify(first));
    assert.equal(first.against, 'fed-files');
    assert.deepEqual(first.files, ['data1.csv']);

    assert.equal(stream.feedAll(), 1);
    const last = await eventually(
      'the check against the full batch run',
      () => {
        const e = stream.state.equivalence;
        return e.status !== 'checking' && e.against === 'full-run' ? e : undefined;
      },
      90_000,
    );
    assert.equal(last.status, 'equal', JSON.stringify(last));
    assert.deepEqual(stream.state.batch.result?.rows, [
      ['A', '18'],
      ['B', '16'],
      ['C', '10'],
    ]);
    assert.deepEqual(stream.state.stream.result?.rows, stream.state.batch.result?.rows);
    const readFiles = stream.state.stream.batches.flatMap((batch) => batch.files).sort();
    assert.deepEqual(readFiles, ['data1.csv', 'data2.csv'], 'each part was read once, by one micro-batch');
    assert.ok(
      readdirSync(join(dir, 'stream_input')).every((name) => !name.startsWith('.')),
      'no temporary file is left in the watched folder',
    );

    await stream.stopStream();
    assert.equal(await streamDone, undefined);
    assert.equal(stream.state.stream.status, 'stopped');
  });

  it('refuses to feed through a watched folder that is a symlink out of the job folder', async () => {
    const { api } = await streamshift();
    const dir = await sampleCopy('run-panel-escape');
    const outside = join(workspaceFolder().uri.fsPath, 'cases', 'run-panel-outside');
    rmSync(outside, { recursive: true, force: true });
    mkdirSync(outside, { recursive: true });
    symlinkSync(outside, join(dir, 'stream_input'));
    session = await api.runPanel.open(vscode.Uri.file(join(dir, 'batch.ts')));
    assert.ok(session);
    assert.equal(session.feedNext(), false);
    assert.match(session.state.feed.error ?? '', /leads outside the job's folder .* symlink/);
    assert.deepEqual(readdirSync(outside), [], 'nothing was written outside');
    assert.ok(!existsSync(join(dir, 'data1.csv')));
  });
});

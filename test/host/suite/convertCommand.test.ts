// "Streamshift: Convert to Streaming": the diff preview, both apply modes, and Undo.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertOutcome } from '../../../src/convertFlow';
import { caseFolder, closeAllEditors, streamshift } from './hostKit';

const command = 'streamshift.convertToStreaming';

function previewTabs(): vscode.TabInputTextDiff[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => tab.input)
    .filter(
      (input): input is vscode.TabInputTextDiff =>
        input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'streamshift-preview',
    );
}

describe('Convert to Streaming command', () => {
  afterEach(closeAllEditors);

  it('applies as a new file beside the job, opens it, and lists the converter notes', async () => {
    await streamshift();
    const dir = await caseFolder('convert-new-file', { wordcount: true });
    const batchPath = join(dir, 'batch.ts');
    const original = readFileSync(batchPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(batchPath);
    await vscode.window.showTextDocument(document);

    const outcome = await vscode.commands.executeCommand<ConvertOutcome>(command, document.uri, {
      apply: 'newFile',
    });
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    assert.ok(outcome.status === 'applied');
    const streamPath = join(dir, 'batch.stream.ts');
    assert.equal(outcome.streamPath, streamPath);
    assert.ok(outcome.notes.length > 0, 'the converter explains what changes (watched folder, checkpoints)');
    const converted = readFileSync(streamPath, 'utf8');
    assert.match(converted, /textFileStream\(/);
    assert.match(converted, /from '@streamshift\/runtime\/streaming'/);
    assert.equal(readFileSync(batchPath, 'utf8'), original, 'the batch job is left as it was');
    assert.equal(document.getText(), original);
    assert.equal(vscode.window.activeTextEditor?.document.fileName, streamPath, 'the new file is opened');
    assert.equal(vscode.window.activeTextEditor?.viewColumn, vscode.ViewColumn.Two, 'beside the job');
    assert.deepEqual(previewTabs(), [], 'the preview closes once applied');
  });

  it('shows the conversion as a diff between the file and a streamshift-preview document', async () => {
    const dir = await caseFolder('convert-preview', { wordcount: true });
    const document = await vscode.workspace.openTextDocument(join(dir, 'batch.ts'));
    await vscode.window.showTextDocument(document);
    // Without an apply choice the command waits in its quick pick; the diff is open meanwhile.
    const pending = vscode.commands.executeCommand<ConvertOutcome>(command, document.uri);
    const diff = await waitForPreview();
    assert.equal(diff.original.toString(), document.uri.toString());
    const preview = await vscode.workspace.openTextDocument(diff.modified);
    assert.match(preview.getText(), /ssc\s*\.textFileStream\(/);
    // The apply quick pick opens right after the diff: dismiss it (Escape) once it is there.
    assert.deepEqual(await dismissQuickPickUntil(pending), { status: 'cancelled' });
    assert.equal(existsSync(join(dir, 'batch.stream.ts')), false, 'cancel writes nothing');
  });

  it('applies in place as one edit that a single Undo reverts', async () => {
    const dir = await caseFolder('convert-in-place', { wordcount: true });
    const document = await vscode.workspace.openTextDocument(join(dir, 'batch.ts'));
    const original = document.getText();
    await vscode.window.showTextDocument(document);

    const outcome = await vscode.commands.executeCommand<ConvertOutcome>(command, document.uri, {
      apply: 'inPlace',
    });
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    assert.match(document.getText(), /ssc\s*\.textFileStream\(/);
    assert.equal(existsSync(join(dir, 'batch.stream.ts')), false);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    await vscode.commands.executeCommand('redo');
    assert.match(document.getText(), /ssc\s*\.textFileStream\(/);
    await vscode.commands.executeCommand('undo');
    await document.save();
  });

  it('asks which pipeline when the file has several, and converts the choice', async () => {
    const dir = await caseFolder('convert-pick', { cases: ['two-pipelines.ts'] });
    const document = await vscode.workspace.openTextDocument(join(dir, 'two-pipelines.ts'));
    await vscode.window.showTextDocument(document);
    const pending = vscode.commands.executeCommand<ConvertOutcome>(command, document.uri, {
      apply: 'newFile',
    });
    // The quick pick lists "All 2 convertible pipelines" first, then each pipeline with its verdict.
    // Accept the first item (Enter) once the pick is open.
    const outcome = await acceptQuickPickUntil(pending);
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    const converted = readFileSync(join(dir, 'two-pipelines.stream.ts'), 'utf8');
    assert.equal(converted.match(/textFileStream\(/g)?.length, 2, converted);
  });

  it('explains a pipeline that cannot stream instead of converting it', async () => {
    const dir = await caseFolder('convert-blocked', { cases: ['blocked.ts'] });
    const document = await vscode.workspace.openTextDocument(join(dir, 'blocked.ts'));
    const original = document.getText();
    const outcome = await vscode.commands.executeCommand<ConvertOutcome>(command, document.uri, {
      apply: 'inPlace',
    });
    assert.equal(outcome.status, 'blocked');
    assert.match(outcome.status === 'blocked' ? (outcome.message ?? '') : '', /parallelize/);
    assert.equal(document.getText(), original);
  });
});

async function waitForPreview(): Promise<vscode.TabInputTextDiff> {
  for (let i = 0; i < 200; i++) {
    const [tab] = previewTabs();
    if (tab) return tab;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('no streamshift-preview diff was opened');
}

async function dismissQuickPickUntil<T>(pending: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(pending).finally(() => {
    settled = true;
  });
  for (let i = 0; i < 100 && !settled; i++) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return result;
}

async function acceptQuickPickUntil<T>(pending: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(pending).finally(() => {
    settled = true;
  });
  for (let i = 0; i < 100 && !settled; i++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return result;
}

// Shared steps of the Streamshift host tests (bundled into each *.test.js; not a test file itself).
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import packageJson from '../../../package.json';
import type { StreamshiftExtensionApi } from '../../../src/extension';

export const extensionId = `${packageJson.publisher}.${packageJson.name}`;

export async function streamshift(): Promise<{
  extension: vscode.Extension<StreamshiftExtensionApi>;
  api: StreamshiftExtensionApi;
}> {
  const extension = vscode.extensions.getExtension<StreamshiftExtensionApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded in this host`);
  const api = await extension.activate();
  return { extension, api };
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests need a workspace folder (a copy of test/host/fixtures/wordcount)');
  return folder;
}

/**
 * A fresh folder inside the workspace holding the given fixture files: the wordcount job (batch.ts and
 * its input) and/or files from test/host/fixtures/extension-cases. Each test gets its own folder.
 */
export async function caseFolder(
  name: string,
  files: { wordcount?: boolean; cases?: string[] },
): Promise<string> {
  const { extension } = await streamshift();
  const fixtures = join(extension.extensionPath, 'test', 'host', 'fixtures');
  const dir = join(workspaceFolder().uri.fsPath, 'cases', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (files.wordcount) {
    cpSync(join(fixtures, 'wordcount', 'batch.ts'), join(dir, 'batch.ts'));
    cpSync(join(fixtures, 'wordcount', 'batch_input'), join(dir, 'batch_input'), { recursive: true });
  }
  for (const file of files.cases ?? []) cpSync(join(fixtures, 'extension-cases', file), join(dir, file));
  return dir;
}

/**
 * Right after startup a request is often cancelled while the built-in TypeScript extension registers its
 * providers; VS Code then rejects with `Canceled`. Retry those.
 */
export async function retryCanceled<T>(action: () => Thenable<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('Canceled')) throw error;
      await sleep(500);
    }
  }
}

export async function codeActionsAt(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  return (
    (await retryCanceled(() =>
      vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        kind,
      ),
    )) ?? []
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a value (not undefined/false); fails with `what` after `limitMs`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

/** Closes every editor so each test starts from the same workbench. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

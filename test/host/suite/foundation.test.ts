// The frame every later feature stands on: the extension loads in a real extension host, its commands
// exist, and its code action reaches VS Code's code-action machinery on a batch pipeline.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import packageJson from '../../../package.json';

const extensionId = `${packageJson.publisher}.${packageJson.name}`;
const convertActionKind = 'refactor.rewrite.streamshift';

describe('foundation', () => {
  it('activates in the extension host', async () => {
    const extension = await activatedExtension();
    assert.ok(extension.isActive);
  });

  it('registers every command in contributes.commands', async () => {
    const extension = await activatedExtension();
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map(
      (entry) => entry.command,
    );
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands without a registered handler',
    );
  });

  it('offers "Convert to streaming" on a batch pipeline', async () => {
    await activatedExtension();
    const document = await vscode.workspace.openTextDocument(workspaceFile('batch.ts'));
    assert.equal(document.languageId, 'typescript');
    const offset = document.getText().indexOf("sc.textFile('batch_input/data.csv')");
    assert.ok(offset >= 0, 'fixture batch.ts no longer contains the pipeline source');
    const cursor = document.positionAt(offset + 'sc.text'.length);

    const actions = await codeActionsAt(document.uri, new vscode.Range(cursor, cursor));
    const convert = actions.filter((action) => action.kind?.value === convertActionKind);
    assert.deepEqual(
      convert.map((action) => action.title),
      ['Convert to streaming'],
      `actions offered: ${JSON.stringify(actions.map((action) => [action.kind?.value, action.title]))}`,
    );
  });
});

async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded in this host`);
  await extension.activate();
  return extension;
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests need a workspace folder (test/host/fixtures/wordcount)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Right after startup a code-action request is often cancelled while other extensions (the built-in
 * TypeScript one) are still registering providers; VS Code then rejects with `Canceled`. Retry those.
 */
async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          range,
        )) ?? []
      );
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('Canceled')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

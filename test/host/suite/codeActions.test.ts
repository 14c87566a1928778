// The "Convert to streaming" lightbulb: offered on a pipeline, quiet elsewhere and on broken code,
// disabled with the reason on a pipeline that cannot stream.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { caseFolder, closeAllEditors, codeActionsAt, eventually, streamshift } from './hostKit';

const refactorKind = 'refactor.rewrite.streamshift';
const quickFixKind = 'quickfix.streamshift';

async function open(path: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(path);
  await vscode.window.showTextDocument(document);
  return document;
}

function at(document: vscode.TextDocument, text: string, delta = 2): vscode.Range {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${document.fileName} does not contain ${text}`);
  const position = document.positionAt(offset + delta);
  return new vscode.Range(position, position);
}

const streamshiftActions = (actions: vscode.CodeAction[]) =>
  actions.filter((a) => a.kind?.value.startsWith(refactorKind) || a.kind?.value.startsWith(quickFixKind));

describe('code actions', () => {
  afterEach(closeAllEditors);

  it('offers one preferred "Convert to streaming" on the wordcount pipeline, running the convert command', async () => {
    const dir = await caseFolder('lightbulb-offered', { wordcount: true });
    const document = await open(join(dir, 'batch.ts'));
    const actions = streamshiftActions(await codeActionsAt(document.uri, at(document, '.reduceByKey')));
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [action] = actions;
    assert.equal(action!.title, 'Convert to streaming');
    assert.equal(action!.kind?.value, refactorKind);
    assert.equal(action!.isPreferred, true);
    assert.equal(action!.disabled, undefined);
    assert.equal(action!.command?.command, 'streamshift.convertToStreaming');
    assert.equal((action!.command?.arguments?.[0] as vscode.Uri).toString(), document.uri.toString());
    assert.match((action!.command?.arguments?.[1] as { pipelineId: string }).pipelineId, /\S/);
    const { api } = await streamshift();
    assert.equal(api.converterLoaded, true, 'the lightbulb loads the converter on first use');
  });

  it('is also listed as a quick fix when quick fixes are asked for', async () => {
    const dir = await caseFolder('lightbulb-quickfix', { wordcount: true });
    const document = await open(join(dir, 'batch.ts'));
    const actions = await codeActionsAt(document.uri, at(document, 'sc.textFile'), 'quickfix');
    assert.deepEqual(
      streamshiftActions(actions).map((a) => [a.kind?.value, a.title]),
      [[quickFixKind, 'Convert to streaming']],
    );
  });

  it('offers nothing outside a pipeline, in a file without one, or in a file with a syntax error', async () => {
    const dir = await caseFolder('lightbulb-quiet', {
      wordcount: true,
      cases: ['no-pipeline.ts', 'broken.ts'],
    });
    const batch = await open(join(dir, 'batch.ts'));
    assert.deepEqual(
      streamshiftActions(await codeActionsAt(batch.uri, at(batch, 'import { SparkContext }'))),
      [],
    );
    const plain = await open(join(dir, 'no-pipeline.ts'));
    assert.deepEqual(streamshiftActions(await codeActionsAt(plain.uri, at(plain, 'return a + b'))), []);
    const broken = await open(join(dir, 'broken.ts'));
    assert.deepEqual(streamshiftActions(await codeActionsAt(broken.uri, at(broken, '.map((line)'))), []);
  });

  it('skips files larger than streamshift.lightbulb.maxFileSize', async () => {
    const dir = await caseFolder('lightbulb-size', { wordcount: true });
    const document = await open(join(dir, 'batch.ts'));
    const config = vscode.workspace.getConfiguration('streamshift');
    await config.update('lightbulb.maxFileSize', 100, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(
        streamshiftActions(await codeActionsAt(document.uri, at(document, '.reduceByKey'))),
        [],
      );
    } finally {
      await config.update('lightbulb.maxFileSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(
      streamshiftActions(await codeActionsAt(document.uri, at(document, '.reduceByKey'))).length,
      1,
    );
  });

  it('shows a blocked pipeline disabled with the reason on Ctrl+., and nothing on automatic requests', async () => {
    const { api } = await streamshift();
    const dir = await caseFolder('lightbulb-blocked', { cases: ['blocked.ts'] });
    const document = await open(join(dir, 'blocked.ts'));
    const cursor = at(document, '.reduceByKey');
    const invoked = api.provideCodeActions(document, cursor, vscode.CodeActionTriggerKind.Invoke);
    assert.equal(invoked.length, 1, JSON.stringify(invoked.map((a) => a.title)));
    assert.equal(invoked[0]!.title, 'Convert to streaming');
    assert.equal(invoked[0]!.command, undefined);
    assert.match(invoked[0]!.disabled?.reason ?? '', /parallelize\(\) builds a fixed, in-memory dataset/);
    assert.deepEqual(api.provideCodeActions(document, cursor, vscode.CodeActionTriggerKind.Automatic), []);
    // VS Code's own request path keeps disabled actions out of the list it returns to extensions.
    assert.deepEqual(streamshiftActions(await codeActionsAt(document.uri, cursor)), []);
  });

  it('answers automatic requests on a convertible pipeline (the lightbulb appears while typing)', async () => {
    const { api } = await streamshift();
    const dir = await caseFolder('lightbulb-automatic', { wordcount: true });
    const document = await open(join(dir, 'batch.ts'));
    const offered = api.provideCodeActions(
      document,
      at(document, '.filter'),
      vscode.CodeActionTriggerKind.Automatic,
    );
    assert.deepEqual(
      offered.map((a) => [a.title, a.kind?.value, a.isPreferred]),
      [['Convert to streaming', refactorKind, true]],
    );
    const outside = api.provideCodeActions(
      document,
      at(document, 'const sc'),
      vscode.CodeActionTriggerKind.Automatic,
    );
    assert.deepEqual(outside, []);
  });

  it('offers one labelled action per pipeline when a selection spans two', async () => {
    const dir = await caseFolder('lightbulb-two', { cases: ['two-pipelines.ts'] });
    const document = await open(join(dir, 'two-pipelines.ts'));
    const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions = streamshiftActions(await codeActionsAt(document.uri, all));
    assert.equal(actions.length, 2);
    for (const action of actions) {
      assert.match(action.title, /^Convert to streaming: textFile\("batch_input\/data\.csv"\)/);
      assert.equal(action.isPreferred, false);
    }
  });

  it('adds hint diagnostics with the reason when streamshift.hintDiagnostics is on', async () => {
    const dir = await caseFolder('lightbulb-hints', { cases: ['blocked.ts'] });
    const config = vscode.workspace.getConfiguration('streamshift');
    await config.update('hintDiagnostics', true, vscode.ConfigurationTarget.Workspace);
    try {
      const document = await open(join(dir, 'blocked.ts'));
      const hints = await eventually('a streamshift hint', () => {
        const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'streamshift');
        return found.length > 0 ? found : undefined;
      });
      assert.equal(hints[0]!.severity, vscode.DiagnosticSeverity.Hint);
      assert.match(hints[0]!.message, /^Cannot convert to streaming: sc\.parallelize\(\) builds a fixed/);
      assert.equal(document.getText(hints[0]!.range).startsWith('sc.parallelize'), true);
    } finally {
      await config.update('hintDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

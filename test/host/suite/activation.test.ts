// Activation stays cheap: the converter (ts-morph) is loaded by the first conversion request, not by
// activation (ADR 0002). Runs first (files run in name order), before any test asks for a conversion.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionId, streamshift } from './hostKit';

describe('activation', () => {
  it('does not load the converter', async () => {
    const before = vscode.extensions.getExtension(extensionId);
    if (before && !before.isActive) {
      // A figure for the report, not an assertion (no timed assertions in tests).
      const started = Date.now();
      await before.activate();
      console.log(`streamshift activation (incl. extension-host round trip): ${Date.now() - started} ms`);
    }
    const { extension, api } = await streamshift();
    assert.ok(extension.isActive);
    assert.equal(api.converterLoaded, false);
  });

  it('contributes the settings, the task type and the walkthrough', async () => {
    const { extension } = await streamshift();
    const contributes = extension.packageJSON.contributes;
    const settings = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual(settings, [
      'streamshift.autoFeedIntervalSeconds',
      'streamshift.checkpointFolder',
      'streamshift.conversionTarget',
      'streamshift.hintDiagnostics',
      'streamshift.inputFolder',
      'streamshift.lightbulb.maxFileSize',
      'streamshift.maxFilesPerTrigger',
      'streamshift.newFileSuffix',
      'streamshift.triggerIntervalSeconds',
    ]);
    assert.equal(vscode.workspace.getConfiguration('streamshift').get('newFileSuffix'), '.stream.ts');
    assert.deepEqual(contributes.taskDefinitions[0].required, ['job', 'mode']);
    assert.equal(extension.packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(contributes.walkthroughs[0].steps.length, 4);
  });
});

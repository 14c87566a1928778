// The "Streamshift: Convert to Streaming" command (palette, editor context menu, editor title, and the
// lightbulb's action). Arguments, all optional: the document's uri and { pipelineId, apply }.
import * as vscode from 'vscode';
import type { LazyConverter } from './converterLoader';
import { VsCodeConvertEditor } from './convertEditor';
import { convertToStreaming, type ConvertOutcome, type ConvertRequest } from './convertFlow';
import type { PreviewDocuments } from './previewDocuments';
import type { StreamshiftSettings } from './settings';

export interface ConvertCommandDependencies {
  readonly converter: LazyConverter;
  readonly previews: PreviewDocuments;
  readonly log: vscode.LogOutputChannel;
  settings(): StreamshiftSettings;
  /** Told about each applied conversion (the task provider offers the new pair of jobs). */
  onConverted(batchPath: string, outcome: Extract<ConvertOutcome, { status: 'applied' }>): void;
}

export async function runConvertCommand(
  deps: ConvertCommandDependencies,
  uri?: vscode.Uri,
  request: ConvertRequest = {},
): Promise<ConvertOutcome> {
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : vscode.window.activeTextEditor?.document;
  if (!document) {
    const message = 'Open a batch job (a TypeScript or JavaScript file) to convert it to streaming.';
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing-to-convert', message };
  }
  const snapshot = {
    fileName: document.fileName,
    text: document.getText(),
    version: document.version,
    isUntitled: document.isUntitled || document.uri.scheme === 'untitled',
  };
  const batchPath = document.fileName;
  const outcome = await convertToStreaming(snapshot, request, {
    converter: deps.converter,
    settings: deps.settings(),
    editor: new VsCodeConvertEditor(document, deps.previews, deps.log),
    log: (message) => deps.log.info(message),
  });
  deps.log.info(
    `convert ${batchPath}: ${outcome.status}${outcome.status === 'applied' ? ` → ${outcome.streamPath}` : ''}`,
  );
  if (outcome.status === 'applied') deps.onConverted(batchPath, outcome);
  return outcome;
}

// Optional hint diagnostics (setting `streamshift.hintDiagnostics`): the reasons a pipeline cannot
// stream, shown as faint hints on the blocking operation. Off by default; when off, nothing here runs
// and the converter is not loaded by opening a file.
import * as vscode from 'vscode';
import type { LazyConverter } from './converterLoader';
import { planHintDiagnostics } from './hintDiagnosticsPlan';
import type { StreamshiftSettings } from './settings';

const languages = new Set(['typescript', 'javascript', 'typescriptreact']);

export class HintDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('streamshift');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly converter: LazyConverter,
    private readonly settings: () => StreamshiftSettings,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 500)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
  }

  /** Re-evaluates every open document, e.g. after the setting changed. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!languages.has(document.languageId) || document.uri.scheme === 'streamshift-preview') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, delayMs),
    );
  }

  private update(document: vscode.TextDocument): void {
    const settings = this.settings();
    const text = document.getText();
    if (!settings.hintDiagnostics || document.isClosed || text.length > settings.lightbulbMaxFileSize) {
      this.collection.delete(document.uri);
      return;
    }
    const pipelines = this.converter.tryDetect({ fileName: document.fileName, text });
    if (!pipelines) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(
      document.uri,
      planHintDiagnostics(pipelines).map((hint) => {
        const range = new vscode.Range(
          document.positionAt(hint.span.start),
          document.positionAt(hint.span.end),
        );
        const diagnostic = new vscode.Diagnostic(range, hint.message, vscode.DiagnosticSeverity.Hint);
        diagnostic.source = 'streamshift';
        diagnostic.code = 'cannot-stream';
        return diagnostic;
      }),
    );
  }
}

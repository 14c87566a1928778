// The right-hand side of the conversion preview: a read-only virtual document holding the converted
// text, under the `streamshift-preview` scheme, named after the file it will become.
import * as vscode from 'vscode';

export const previewScheme = 'streamshift-preview';

export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  readonly onDidChange = this.changed.event;

  /** Stores the text and returns a fresh uri for it (a new one per preview, so no stale cache). */
  add(targetPath: string, text: string): vscode.Uri {
    this.counter += 1;
    const uri = vscode.Uri.from({
      scheme: previewScheme,
      path: vscode.Uri.file(targetPath).path,
      query: `v${this.counter}`,
    });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.texts.get(uri.toString()) ??
      '// This preview is no longer available: run "Convert to Streaming" again.\n'
    );
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

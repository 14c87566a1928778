// ConvertEditorPort implemented with VS Code: quick picks, the diff preview, WorkspaceEdits.
import * as vscode from 'vscode';
import type { TextEdit } from './convert/api';
import type {
  ApplyChoice,
  ApplyPrompt,
  ConvertDocument,
  ConvertEditorPort,
  PipelinePickItem,
} from './convertFlow';
import { previewScheme, type PreviewDocuments } from './previewDocuments';

export class VsCodeConvertEditor implements ConvertEditorPort {
  private previewUri: vscode.Uri | undefined;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly previews: PreviewDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async pickPipeline(items: readonly PipelinePickItem[]): Promise<PipelinePickItem | undefined> {
    const picked = await vscode.window.showQuickPick(
      items.map((item) => ({ ...item, item })),
      {
        title: `Convert to Streaming: ${baseName(this.document.fileName)}`,
        placeHolder: 'Choose the batch pipeline to convert',
        matchOnDescription: true,
      },
    );
    return picked?.item;
  }

  async showPreview(document: ConvertDocument, convertedText: string): Promise<void> {
    this.previewUri = this.previews.add(document.fileName, convertedText);
    const name = baseName(document.fileName);
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.document.uri,
      this.previewUri,
      `${name} ↔ streaming (preview)`,
      {
        preview: true,
      },
    );
  }

  async closePreview(): Promise<void> {
    const uri = this.previewUri;
    if (!uri) return;
    this.previewUri = undefined;
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) =>
          tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString(),
      );
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    this.previews.remove(uri);
  }

  async chooseApply(prompt: ApplyPrompt): Promise<ApplyChoice | undefined> {
    const notes = prompt.notes.length > 0 ? `Notes: ${prompt.notes.join(' · ')}` : undefined;
    const options: { label: string; description?: string; detail?: string; choice: ApplyChoice }[] = [
      {
        label: '$(new-file) Apply as new file',
        description: baseName(prompt.newFileName),
        ...(notes ? { detail: notes } : {}),
        choice: 'newFile',
      },
      {
        label: '$(replace-all) Apply in place',
        description: `replace the pipeline in ${baseName(prompt.fileName)}`,
        ...(notes ? { detail: notes } : {}),
        choice: 'inPlace',
      },
      { label: '$(close) Cancel', choice: 'cancel' },
    ];
    if (!prompt.canCreateFile) options.shift();
    else if (prompt.preferred === 'inPlace') options.unshift(options.splice(1, 1)[0]!);
    const picked = await vscode.window.showQuickPick(options, {
      title: `Apply the streaming conversion of ${baseName(prompt.fileName)}?`,
      placeHolder: 'The diff shows the converted job; Escape cancels',
      ignoreFocusOut: true,
    });
    return picked?.choice;
  }

  currentVersion(): number | undefined {
    return this.document.isClosed ? undefined : this.document.version;
  }

  async applyInPlace(_document: ConvertDocument, edits: readonly TextEdit[]): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) {
      const range = new vscode.Range(
        this.document.positionAt(e.span.start),
        this.document.positionAt(e.span.end),
      );
      edit.replace(this.document.uri, range, e.newText);
    }
    return vscode.workspace.applyEdit(edit);
  }

  async fileExists(path: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(this.targetUri(path));
      return true;
    } catch {
      return false;
    }
  }

  async confirmOverwrite(path: string): Promise<boolean> {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `${baseName(path)} already exists. Replace it with the converted job?`,
      { modal: true },
      replace,
    );
    return answer === replace;
  }

  async createFile(path: string, text: string): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(this.targetUri(path), { overwrite: true, contents: new TextEncoder().encode(text) });
    return vscode.workspace.applyEdit(edit);
  }

  async openBeside(path: string): Promise<void> {
    const job = await vscode.window.showTextDocument(this.document, { preview: false });
    const created = await vscode.workspace.openTextDocument(this.targetUri(path));
    await vscode.window.showTextDocument(created, {
      viewColumn: job.viewColumn === undefined ? vscode.ViewColumn.Beside : job.viewColumn + 1,
      preview: false,
    });
  }

  info(message: string): void {
    this.log.info(message);
    void vscode.window.showInformationMessage(message);
  }

  warn(message: string): void {
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  error(message: string): void {
    this.log.error(message);
    void vscode.window.showErrorMessage(message);
  }

  /** The new file lives where the job lives, with the job's uri scheme (works in remote workspaces). */
  private targetUri(path: string): vscode.Uri {
    return this.document.uri.with({ path: vscode.Uri.file(path).path });
  }
}

export function isPreviewUri(uri: vscode.Uri): boolean {
  return uri.scheme === previewScheme;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

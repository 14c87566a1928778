// The VS Code side of runtime types in user workspaces (ADR 0005): the "Set Up Runtime Types" and
// "Remove Runtime Types" commands, and the offer made when a job that imports `@streamshift/runtime` is
// opened in a folder where the import cannot resolve. A copy written by an older extension version is
// refreshed without asking: it is ours, and stale types would disagree with the runtime that runs jobs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { importsRuntime } from '../jobDiscovery';
import {
  installRuntimeTypes,
  removeRuntimeTypes,
  runtimePackageDir,
  runtimeTypesStatus,
  type RuntimeTypesSource,
} from './runtimeTypesInstall';

export const setUpRuntimeTypesCommandId = 'streamshift.setUpRuntimeTypes';
export const removeRuntimeTypesCommandId = 'streamshift.removeRuntimeTypes';

const declinedKey = 'streamshift.runtimeTypes.declinedFolders';
const jobLanguages = new Set(['typescript', 'javascript', 'typescriptreact']);

export function registerRuntimeTypes(
  context: vscode.ExtensionContext,
  source: RuntimeTypesSource,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  /** Folders offered the setup in this session: one offer per folder, not one per opened file. */
  const offered = new Set<string>();

  function setUp(folder: vscode.WorkspaceFolder): string {
    const target = installRuntimeTypes(folder.uri.fsPath, source);
    log.info(`runtime types written to ${target} (extension ${source.extensionVersion})`);
    return target;
  }

  async function offer(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file' || !jobLanguages.has(document.languageId)) return;
    if (!importsRuntime(document.getText())) return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    const status = runtimeTypesStatus(
      folder.uri.fsPath,
      path.dirname(document.uri.fsPath),
      source.extensionVersion,
    );
    if (status.kind === 'outdated') {
      try {
        setUp(folder);
      } catch (error) {
        log.warn(`could not refresh the runtime types in ${folder.name}: ${messageOf(error)}`);
      }
      return;
    }
    if (status.kind !== 'missing' || offered.has(folder.uri.fsPath)) return;
    const declined = context.workspaceState.get<string[]>(declinedKey, []);
    if (declined.includes(folder.uri.fsPath)) return;
    offered.add(folder.uri.fsPath);
    const setUpAction = 'Set Up Runtime Types';
    const never = "Don't Ask Again";
    const answer = await vscode.window.showInformationMessage(
      `${path.basename(document.uri.fsPath)} imports @streamshift/runtime, which "${folder.name}" does not install. ` +
        `Add the runtime's types to ${runtimePackageDir.split(path.sep).join('/')} for IntelliSense and type checking? ` +
        '("Streamshift: Remove Runtime Types" undoes it.)',
      setUpAction,
      never,
    );
    if (answer === setUpAction)
      await vscode.commands.executeCommand(setUpRuntimeTypesCommandId, document.uri);
    if (answer === never) await context.workspaceState.update(declinedKey, [...declined, folder.uri.fsPath]);
  }

  for (const document of vscode.workspace.textDocuments) void offer(document);
  return [
    vscode.workspace.onDidOpenTextDocument((document) => void offer(document)),
    vscode.commands.registerCommand(setUpRuntimeTypesCommandId, async (uri?: vscode.Uri) => {
      const folder = await folderFor(uri, 'Set up the runtime types in which folder?');
      if (!folder) return undefined;
      try {
        const target = setUp(folder);
        void vscode.window.showInformationMessage(
          `Streamshift runtime types added to ${path.relative(folder.uri.fsPath, target).split(path.sep).join('/')} in "${folder.name}".`,
        );
        return target;
      } catch (error) {
        void vscode.window.showErrorMessage(`Streamshift: ${messageOf(error)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(removeRuntimeTypesCommandId, async (uri?: vscode.Uri) => {
      const folder = await folderFor(uri, 'Remove the runtime types from which folder?');
      if (!folder) return false;
      const removed = removeRuntimeTypes(folder.uri.fsPath);
      void vscode.window.showInformationMessage(
        removed
          ? `Streamshift runtime types removed from "${folder.name}".`
          : `"${folder.name}" has no runtime types written by Streamshift.`,
      );
      if (removed) log.info(`runtime types removed from ${folder.uri.fsPath}`);
      return removed;
    }),
  ];
}

/** The workspace folder of `uri`, else of the active editor, else the only folder, else the user's pick. */
async function folderFor(
  uri: vscode.Uri | undefined,
  prompt: string,
): Promise<vscode.WorkspaceFolder | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const folder = target ? vscode.workspace.getWorkspaceFolder(target) : undefined;
  if (folder) return folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(
      'Streamshift: open a folder first; the runtime types are written into it.',
    );
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: prompt });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// "Streamshift: Run Job": runs the job in the active editor (or `uri`) as its `streamshift` task. In an
// untrusted workspace it runs nothing and says why, with a way to manage trust.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { importsRuntime, jobModeOf, type JobMode } from './jobDiscovery';
import { untrustedMessage } from './jobRun';
import { jobTaskType, type JobTaskProvider } from './jobTaskProvider';

export interface RunJobDependencies {
  isTrusted(): boolean;
  readonly taskProvider: JobTaskProvider;
  readonly log: vscode.LogOutputChannel;
}

/** Resolves true when the task was started. */
export async function runJobCommand(
  deps: RunJobDependencies,
  uri: vscode.Uri | undefined,
  mode: JobMode | undefined,
): Promise<boolean> {
  if (!deps.isTrusted()) {
    deps.log.warn(untrustedMessage);
    const manage = 'Manage Workspace Trust';
    void vscode.window.showWarningMessage(untrustedMessage, manage).then((answer) => {
      if (answer === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : vscode.window.activeTextEditor?.document;
  if (!document || !importsRuntime(document.getText())) {
    void vscode.window.showInformationMessage(
      'Open a Streamshift job (a file that imports @streamshift/runtime) to run it.',
    );
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) {
    void vscode.window.showInformationMessage(
      'Streamshift runs jobs that are inside an open workspace folder.',
    );
    return false;
  }
  // The task bundles the file from disk: run what the user sees.
  if (document.isDirty) await document.save();
  const job = path.relative(folder.uri.fsPath, document.fileName).split(path.sep).join('/');
  const task = deps.taskProvider.createTask(
    { type: jobTaskType, job, mode: mode ?? jobModeOf(document.getText()) },
    folder,
  );
  await vscode.tasks.executeTask(task);
  return true;
}

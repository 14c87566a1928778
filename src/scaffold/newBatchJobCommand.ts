// "Streamshift: New Batch Job": asks for the folder (the explorer folder it was invoked on, else a
// workspace folder) and the API, writes the job (batchJobScaffold.ts), makes sure the folder resolves the
// runtime's types (ADR 0005), and opens the job with the cursor on its pipeline, where the lightbulb is.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeScaffold, type JobApi, type ScaffoldResult } from './batchJobScaffold';

export const newBatchJobCommandId = 'streamshift.newBatchJob';

export interface NewBatchJobOptions {
  /** Skips the API question (tests, links). */
  readonly api?: JobApi;
}

export interface NewBatchJobDependencies {
  /** Gives the workspace folder the runtime's types when it has none (writes only inside it). */
  ensureRuntimeTypes(folder: vscode.WorkspaceFolder, jobDir: string): void;
  readonly log: vscode.LogOutputChannel;
}

export async function runNewBatchJobCommand(
  deps: NewBatchJobDependencies,
  target: vscode.Uri | undefined,
  options: NewBatchJobOptions = {},
): Promise<ScaffoldResult | undefined> {
  const dir = await chooseFolder(target);
  if (!dir) return undefined;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  if (!workspaceFolder) {
    void vscode.window.showErrorMessage(`Streamshift: ${dir} is not in a folder of this workspace.`);
    return undefined;
  }
  const api = options.api ?? (await chooseApi());
  if (!api) return undefined;

  let result: ScaffoldResult;
  try {
    result = writeScaffold(dir, api);
  } catch (error) {
    void vscode.window.showErrorMessage(`Streamshift: could not create the job: ${messageOf(error)}`);
    return undefined;
  }
  deps.log.info(`new ${api} batch job: ${result.files.join(', ')}`);
  try {
    deps.ensureRuntimeTypes(workspaceFolder, result.dir);
  } catch (error) {
    deps.log.warn(`runtime types not set up: ${messageOf(error)}`);
  }
  const document = await vscode.workspace.openTextDocument(result.jobPath);
  const cursor = document.positionAt(result.pipelineOffset);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(cursor, cursor) });
  if (result.dir !== dir) {
    void vscode.window.showInformationMessage(
      `The folder already has a batch job or its data: the new job is in ${path.relative(dir, result.dir)}/.`,
    );
  }
  return result;
}

async function chooseFolder(target: vscode.Uri | undefined): Promise<string | undefined> {
  if (target?.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(target);
    return stat.type & vscode.FileType.Directory ? target.fsPath : path.dirname(target.fsPath);
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(
      'Streamshift: open a folder first; the new job is written into it.',
    );
    return undefined;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the batch job in which folder?' });
  return folder?.uri.fsPath;
}

async function chooseApi(): Promise<JobApi | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'RDD', description: 'SparkContext, textFile, map, reduceByKey', api: 'rdd' as const },
      {
        label: 'DataFrame',
        description: 'SparkSession, read.csv, groupBy, count',
        api: 'dataframe' as const,
      },
    ],
    { placeHolder: 'Which Spark API should the batch job use?' },
  );
  return picked?.api;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

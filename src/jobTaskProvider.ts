// Tasks of type `streamshift` ({ job, mode }): found for every job file in the workspace, and resolved
// for ones written in tasks.json. Each runs in a CustomExecution pseudoterminal (jobTerminal.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobSearchExclude, jobSearchInclude, type JobMode } from './jobDiscovery';
import type { JobDefinition, JobRunDependencies } from './jobRun';
import { jobTaskName, planJobTasks, type JustConverted } from './jobTaskPlan';
import { JobPseudoterminal } from './jobTerminal';

export const jobTaskType = 'streamshift';

/** The task definition contributed in package.json (`taskDefinitions`). */
export interface StreamshiftTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof jobTaskType;
  /** The job file, relative to the workspace folder (or absolute). */
  readonly job: string;
  readonly mode: JobMode;
}

/** Reading every candidate costs I/O: stop after this many files and say so in the log. */
const maxCandidateFiles = 2000;
/** A job file is small; a huge generated file is not a job and is not read. */
const maxJobFileBytes = 1_000_000;

export class JobTaskProvider implements vscode.TaskProvider {
  private justConverted: JustConverted | undefined;

  constructor(
    private readonly runDependencies: () => JobRunDependencies,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  rememberConversion(pair: JustConverted): void {
    this.justConverted = pair;
  }

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    const uris = await vscode.workspace.findFiles(
      jobSearchInclude,
      jobSearchExclude,
      maxCandidateFiles,
      token,
    );
    if (uris.length === maxCandidateFiles) {
      this.log.warn(`task discovery read the first ${maxCandidateFiles} script files only`);
    }
    const files: { path: string; text: string }[] = [];
    const decoder = new TextDecoder();
    await Promise.all(
      uris.map(async (uri) => {
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > maxJobFileBytes) return;
          files.push({ path: uri.fsPath, text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
        } catch {
          // Deleted between the search and the read: not a job any more.
        }
      }),
    );
    if (token.isCancellationRequested) return [];
    return planJobTasks(files, this.justConverted).flatMap((planned) => {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(planned.jobPath));
      if (!folder) return [];
      const job = path.relative(folder.uri.fsPath, planned.jobPath).split(path.sep).join('/');
      return [this.createTask({ type: jobTaskType, job, mode: planned.mode }, folder)];
    });
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as Partial<StreamshiftTaskDefinition>;
    if (typeof definition.job !== 'string' || (definition.mode !== 'batch' && definition.mode !== 'stream')) {
      return undefined;
    }
    const folder =
      typeof task.scope === 'object' && task.scope !== null && 'uri' in task.scope
        ? (task.scope as vscode.WorkspaceFolder)
        : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    return this.createTask(definition as StreamshiftTaskDefinition, folder, task.definition);
  }

  createTask(
    definition: StreamshiftTaskDefinition,
    folder: vscode.WorkspaceFolder,
    originalDefinition: vscode.TaskDefinition = definition,
  ): vscode.Task {
    // Relative to the workspace folder, as in tasks.json; the job itself then runs in its own folder.
    const jobPath = path.isAbsolute(definition.job)
      ? definition.job
      : path.join(folder.uri.fsPath, definition.job);
    const jobDefinition: JobDefinition = { jobPath, mode: definition.mode };
    const task = new vscode.Task(
      originalDefinition,
      folder,
      jobTaskName(definition.mode, definition.job),
      jobTaskType,
      new vscode.CustomExecution(async () => new JobPseudoterminal(jobDefinition, this.runDependencies())),
      // No problem matcher: the runner reports problems itself (jobProblems.ts explains why).
      [],
    );
    task.isBackground = definition.mode === 'stream';
    task.detail =
      definition.mode === 'stream'
        ? 'Streams new files in the watched folder until stopped (Ctrl+C stops gracefully)'
        : 'Runs the batch job once';
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      panel: vscode.TaskPanelKind.Dedicated,
      clear: true,
    };
    return task;
  }
}

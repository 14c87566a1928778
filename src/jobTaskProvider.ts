// Tasks of type `streamshift` ({ job, mode }): found for every job file in the workspace, and resolved
// for ones written in tasks.json. Each runs in a CustomExecution pseudoterminal (jobTerminal.ts), with
// the `$streamshift` problem matcher reading its problem lines (ADR 0006).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobSearchExclude, jobSearchInclude, type JobMode } from './jobDiscovery';
import { TaskRunProblems } from './jobProblems';
import type { JobDefinition, JobRunDependencies } from './jobRun';
import { jobTaskName, planJobTasks, type JustConverted } from './jobTaskPlan';
import { JobPseudoterminal } from './jobTerminal';
import { problemMatcherOf } from './problemFormat';

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
    const folder = folderOf(task);
    if (!folder) return undefined;
    return this.createTask(definition as StreamshiftTaskDefinition, folder, task.definition);
  }

  createTask(
    definition: StreamshiftTaskDefinition,
    folder: vscode.WorkspaceFolder,
    originalDefinition: vscode.TaskDefinition = definition,
  ): vscode.Task {
    const jobDefinition: JobDefinition = {
      jobPath: jobPathIn(folder, definition.job),
      mode: definition.mode,
    };
    const task = new vscode.Task(
      originalDefinition,
      folder,
      jobTaskName(definition.mode, definition.job),
      jobTaskType,
      new vscode.CustomExecution(async () => this.startRun(jobDefinition)),
      // A batch run's problem lines are read by `$streamshift`; a stream's matcher follows only its
      // bundling/running lines, the runner places its problems (ADR 0006). tasks.json may replace it.
      [problemMatcherOf[definition.mode]],
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

  /** One run of a task: the runner's own problems wait for the task's end (jobProblems.ts). */
  private startRun(job: JobDefinition): vscode.Pseudoterminal {
    const deps = this.runDependencies();
    const problems = new TaskRunProblems(job, (task) => runsJob(task, job), deps.onProblems);
    return new JobPseudoterminal(job, { ...deps, onProblems: problems.receive });
  }
}

/** Whether `task` is a Streamshift task of this job file and mode (however its `job` path is written). */
function runsJob(task: vscode.Task, job: JobDefinition): boolean {
  const definition = task.definition as Partial<StreamshiftTaskDefinition>;
  if (definition.type !== jobTaskType || definition.mode !== job.mode || typeof definition.job !== 'string') {
    return false;
  }
  const folder = folderOf(task);
  return folder !== undefined && jobPathIn(folder, definition.job) === job.jobPath;
}

/** The workspace folder a task belongs to (tasks.json's folder; the first folder for workspace tasks). */
function folderOf(task: vscode.Task): vscode.WorkspaceFolder | undefined {
  return typeof task.scope === 'object' && task.scope !== null && 'uri' in task.scope
    ? (task.scope as vscode.WorkspaceFolder)
    : vscode.workspace.workspaceFolders?.[0];
}

/** `job` is relative to the workspace folder, as in tasks.json; the job itself then runs in its own folder. */
function jobPathIn(folder: vscode.WorkspaceFolder, job: string): string {
  return path.isAbsolute(job) ? job : path.join(folder.uri.fsPath, job);
}

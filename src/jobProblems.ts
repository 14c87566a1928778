// Problems of job runs in the Problems panel, from two sources that never report the same problem
// (ADR 0006). In a batch task, VS Code's `$streamshift` problem matcher (package.json) reads the problem
// lines the runner prints (problemFormat.ts) and keeps them under its owner `streamshift-tasks`. The
// runner's own collection (`streamshift-jobs`, this file) holds the rest: the run panel's runs (no task,
// no matcher), problems without a place in a file, and the problems of stream tasks, which come at the
// task's end where VS Code's background matchers keep or drop them depending on timing (the
// `$streamshift-watch` matcher therefore reads only a stream's begin/end lines).
import * as vscode from 'vscode';
import type { JobDefinition } from './jobRun';
import { problemsLeftByMatcher, type ProblemLocation } from './problemFormat';

export class JobProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('streamshift-jobs');
  /** Files each job's last run reported on, so a new run clears exactly those. */
  private readonly filesByJob = new Map<string, vscode.Uri[]>();

  report(definition: JobDefinition, problems: readonly ProblemLocation[]): void {
    const key = `${definition.mode}:${definition.jobPath}`;
    for (const uri of this.filesByJob.get(key) ?? []) this.collection.delete(uri);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const file = problem.file ?? definition.jobPath;
      const position = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(position, position.translate(0, 1)),
        problem.message,
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'streamshift';
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    const uris: vscode.Uri[] = [];
    for (const [file, diagnostics] of byFile) {
      const uri = vscode.Uri.file(file);
      this.collection.set(uri, [...(this.collection.get(uri) ?? []), ...diagnostics]);
      uris.push(uri);
    }
    this.filesByJob.set(key, uris);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/**
 * The runner's problems of one task run, held until VS Code has ended the task: only then is it known
 * whether the task ran in the background (tasks.json may say so). What a batch task's matcher reads is
 * left to it, whenever it delivers; the runner publishes only the rest, so no problem shows twice.
 */
export class TaskRunProblems implements vscode.Disposable {
  private readonly held: ProblemLocation[] = [];
  private readonly ended: vscode.Disposable;

  constructor(
    private readonly definition: JobDefinition,
    /** Whether an ended task is this run (same type, job and mode). */
    isThisRun: (task: vscode.Task) => boolean,
    private readonly publish: PublishProblems | undefined,
  ) {
    this.ended = vscode.tasks.onDidEndTask((event) => {
      if (!isThisRun(event.execution.task)) return;
      this.dispose();
      const left = problemsLeftByMatcher(this.held, event.execution.task);
      if (left.length > 0) this.publish?.(this.definition, left);
    });
  }

  /** The run's `onProblems`: [] (a run starts) clears the job's earlier problems at once; the rest waits. */
  readonly receive: PublishProblems = (definition, problems) => {
    if (problems.length === 0) this.publish?.(definition, []);
    else this.held.push(...problems);
  };

  dispose(): void {
    this.ended.dispose();
  }
}

type PublishProblems = (definition: JobDefinition, problems: readonly ProblemLocation[]) => void;

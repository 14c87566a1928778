// Problems of job runs in the Problems panel. The runner publishes them itself instead of relying only
// on the `$streamshift` problem matcher: VS Code can end a custom-execution task before its last lines
// reach the matchers (microsoft/vscode#92868), and a matcher misses lines the terminal wraps, which long
// absolute paths in a narrow panel always are. The matcher stays contributed for shell tasks that run
// the CLI.
import * as vscode from 'vscode';
import type { JobDefinition } from './jobRun';
import type { ProblemLocation } from './problemFormat';

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

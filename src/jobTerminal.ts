// The pseudoterminal of a Streamshift task: forwards a JobRun's text to the terminal and the terminal's
// Ctrl+C / "Terminate Task" to a graceful stop.
import * as vscode from 'vscode';
import { JobRun, type JobDefinition, type JobRunDependencies } from './jobRun';

const closeDelayMs = 300;

export class JobPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly run: JobRun;

  constructor(definition: JobDefinition, deps: JobRunDependencies) {
    this.run = new JobRun(definition, deps, {
      // Terminals need CR LF; job output may already contain CR LF.
      write: (text) => this.writeEmitter.fire(text.replace(/\r?\n/g, '\r\n')),
      // VS Code can end a custom-execution task before the terminal has shown its last lines
      // (microsoft/vscode#92868): give it a moment before closing.
      close: (code) => setTimeout(() => this.closeEmitter.fire(code), closeDelayMs),
    });
  }

  open(): void {
    void this.run.start();
  }

  /** The user terminated the task or closed its terminal: let the stream finish its batch, then exit. */
  close(): void {
    void this.run.stop();
  }

  handleInput(data: string): void {
    if (data === '\x03') void this.run.stop();
  }
}

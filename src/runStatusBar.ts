// Status bar item for running stream jobs: batches completed and the last batch's latency.
import * as vscode from 'vscode';
import type { JobDefinition } from './jobRun';
import type { ProgressSummary } from './progressRecords';
import { statusBarText } from './statusBarText';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'streamshift.run',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private hideTimer: NodeJS.Timeout | undefined;

  constructor(private readonly clickCommand: string) {
    this.item.name = 'Streamshift stream job';
  }

  update(definition: JobDefinition, summary: ProgressSummary, finished: boolean): void {
    const name = definition.jobPath.split(/[\\/]/).pop() ?? definition.jobPath;
    const text = statusBarText(name, finished ? { ...summary, stopped: true } : summary);
    this.item.text = text.text;
    this.item.tooltip = text.tooltip;
    this.item.accessibilityInformation = { label: text.tooltip };
    // Click: the run panel of this job.
    this.item.command = {
      title: 'Open Run Panel',
      command: this.clickCommand,
      arguments: [vscode.Uri.file(definition.jobPath)],
    };
    clearTimeout(this.hideTimer);
    this.item.show();
    // The final figures stay visible for a while after the job ends, then the item goes away.
    if (finished) this.hideTimer = setTimeout(() => this.item.hide(), 15_000);
  }

  dispose(): void {
    clearTimeout(this.hideTimer);
    this.item.dispose();
  }
}

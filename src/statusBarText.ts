// The status bar item's words for a running stream job.
import type { ProgressSummary } from './progressRecords';

export interface StatusBarText {
  readonly text: string;
  readonly tooltip: string;
}

export function statusBarText(jobName: string, summary: ProgressSummary): StatusBarText {
  const batches = `${summary.batches} batch${summary.batches === 1 ? '' : 'es'}`;
  const latency = summary.lastLatencyMs === undefined ? '' : ` · ${formatMs(summary.lastLatencyMs)}`;
  const icon = summary.stopped ? '$(debug-stop)' : '$(pulse)';
  const state = summary.stopped ? 'stopped' : 'streaming';
  const rows = summary.lastRows === undefined ? '' : `, ${summary.lastRows} rows in the last batch`;
  return {
    text: `${icon} ${batches}${latency}`,
    tooltip: `Streamshift: ${jobName} ${state} — ${batches} completed${rows}${
      summary.lastLatencyMs === undefined ? '' : `, last latency ${formatMs(summary.lastLatencyMs)}`
    }`,
  };
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

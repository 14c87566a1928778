// Words for the converter's verdicts, shared by the lightbulb, the quick pick and the hint diagnostics.
import type { BlockReason, Pipeline, Verdict } from './convert/api';

/** A short verdict for pickers: "convertible", "convertible with 2 changes", "blocked: <first reason>". */
export function verdictSummary(verdict: Verdict): string {
  switch (verdict.status) {
    case 'convertible':
      return 'convertible';
    case 'convertible-with-changes': {
      const n = verdict.changes.length;
      return `convertible with ${n} change${n === 1 ? '' : 's'}`;
    }
    case 'blocked':
      return `blocked: ${verdict.reasons[0]?.message ?? 'cannot stream'}`;
  }
}

/** Every reason with its fix, as one line each: the text of a disabled action or a hint diagnostic. */
export function describeBlockReasons(reasons: readonly BlockReason[]): string {
  if (reasons.length === 0) return 'This pipeline cannot be converted to streaming.';
  return reasons.map(describeBlockReason).join('\n');
}

export function describeBlockReason(reason: BlockReason): string {
  return reason.fix ? `${reason.message} — ${reason.fix}` : reason.message;
}

/** The details shown under a pipeline in the quick pick: what changes, or why it is blocked. */
export function verdictDetail(pipeline: Pipeline): string | undefined {
  const verdict = pipeline.verdict;
  if (verdict.status === 'convertible-with-changes') return verdict.changes.map((c) => c.message).join('; ');
  if (verdict.status === 'blocked') return describeBlockReasons(verdict.reasons).replace(/\n/g, '; ');
  return undefined;
}

// The optional hint diagnostics (setting `streamshift.hintDiagnostics`): one per reason a pipeline
// cannot stream, placed on the operation that blocks it, so the reason is visible without Ctrl+.
import type { Pipeline, TextSpan } from './convert/api';
import { describeBlockReason } from './verdictText';

export interface PlannedHint {
  readonly span: TextSpan;
  readonly message: string;
  readonly pipelineId: string;
}

export function planHintDiagnostics(pipelines: readonly Pipeline[]): PlannedHint[] {
  const hints: PlannedHint[] = [];
  for (const pipeline of pipelines) {
    if (pipeline.verdict.status !== 'blocked') continue;
    for (const reason of pipeline.verdict.reasons) {
      hints.push({
        span: reason.span,
        message: `Cannot convert to streaming: ${describeBlockReason(reason)}`,
        pipelineId: pipeline.id,
      });
    }
  }
  return hints;
}

// Which "Convert to streaming" actions the lightbulb shows for a request, decided from `detect` output
// alone. Mirrors TypeScript's refactor provider: quiet on automatic requests, fuller on Ctrl+.
import type { Pipeline, TextSpan } from './convert/api';
import { describeBlockReasons } from './verdictText';

export type CodeActionTrigger = 'invoke' | 'automatic';

export interface PlannedCodeAction {
  readonly title: string;
  readonly pipelineId: string;
  readonly isPreferred: boolean;
  /** Set when the pipeline is blocked: VS Code shows the action greyed out with this reason. */
  readonly disabledReason?: string;
}

export interface CodeActionRequest {
  readonly pipelines: readonly Pipeline[];
  /** The cursor (empty span) or the selection. */
  readonly selection: TextSpan;
  readonly trigger: CodeActionTrigger;
}

/**
 * One action per pipeline the cursor or selection touches. Blocked pipelines only appear when the user
 * explicitly asked (Ctrl+.), disabled with the reason: on automatic requests they would add a lightbulb
 * that cannot do anything. The action is preferred (Shift+Alt+. applies it) when the file has exactly one
 * pipeline and it can be converted, so there is no doubt which pipeline the user means.
 */
export function planCodeActions(request: CodeActionRequest): PlannedCodeAction[] {
  const touched = request.pipelines.filter((p) => touches(p.span, request.selection));
  const convertibleInFile = request.pipelines.filter((p) => p.verdict.status !== 'blocked');
  const actions: PlannedCodeAction[] = [];
  for (const pipeline of touched) {
    const title = touched.length === 1 ? 'Convert to streaming' : `Convert to streaming: ${pipeline.label}`;
    if (pipeline.verdict.status === 'blocked') {
      if (request.trigger !== 'invoke') continue;
      actions.push({
        title,
        pipelineId: pipeline.id,
        isPreferred: false,
        disabledReason: describeBlockReasons(pipeline.verdict.reasons),
      });
      continue;
    }
    actions.push({
      title,
      pipelineId: pipeline.id,
      isPreferred: request.pipelines.length === 1 && convertibleInFile.length === 1,
    });
  }
  return actions;
}

/** A cursor at either end of the span still counts: it is where users click after selecting the chain. */
export function touches(span: TextSpan, selection: TextSpan): boolean {
  return selection.start <= span.end && selection.end >= span.start;
}

// The lightbulb: "Convert to streaming" on a batch pipeline. Decisions are in codeActionPlan.ts; this
// adapter maps VS Code's request to it and the plan back to CodeActions. The action runs the convert
// command (preview first), so the edit is only built when the user chooses it.
import * as vscode from 'vscode';
import { planCodeActions } from './codeActionPlan';
import type { LazyConverter } from './converterLoader';
import type { StreamshiftSettings } from './settings';

export const streamshiftRefactorKind = vscode.CodeActionKind.RefactorRewrite.append('streamshift');
export const streamshiftQuickFixKind = vscode.CodeActionKind.QuickFix.append('streamshift');
export const convertCommandId = 'streamshift.convertToStreaming';

export const codeActionSelector: vscode.DocumentSelector = [
  { language: 'typescript' },
  { language: 'javascript' },
  { language: 'typescriptreact' },
];

export class ConvertCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [streamshiftRefactorKind, streamshiftQuickFixKind],
    documentation: [
      {
        kind: streamshiftRefactorKind,
        command: { title: 'Learn about converting to streaming', command: 'streamshift.openWalkthrough' },
      },
    ],
  };

  constructor(
    private readonly converter: LazyConverter,
    private readonly settings: () => StreamshiftSettings,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): vscode.CodeAction[] {
    const kinds = requestedKinds(context.only);
    if (kinds.length === 0) return [];
    const text = document.getText();
    if (text.length > this.settings().lightbulbMaxFileSize) return [];
    // Cheap pre-check before loading the converter: a file without a dataset source has no pipeline.
    if (!/\.(textFile|parallelize|read\b|csv|json|load|text)\b/.test(text)) return [];
    const pipelines = this.converter.tryDetect({ fileName: document.fileName, text });
    if (!pipelines || token.isCancellationRequested) return [];
    const planned = planCodeActions({
      pipelines,
      selection: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
      trigger: context.triggerKind === vscode.CodeActionTriggerKind.Invoke ? 'invoke' : 'automatic',
    });
    const actions: vscode.CodeAction[] = [];
    for (const kind of kinds) {
      for (const plan of planned) {
        const action = new vscode.CodeAction(plan.title, kind);
        action.isPreferred = plan.isPreferred;
        if (plan.disabledReason !== undefined) {
          action.disabled = { reason: plan.disabledReason };
        } else {
          action.command = {
            title: plan.title,
            command: convertCommandId,
            arguments: [document.uri, { pipelineId: plan.pipelineId }],
          };
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

/**
 * The refactor is always listed when no kind is asked for. The quick fix variant appears when the request
 * asks for quick fixes only (e.g. the "Quick Fix" menu with a kind filter, or `editor.codeActionsOnSave`
 * style requests), so the plain lightbulb menu does not show the same action twice.
 */
function requestedKinds(only: vscode.CodeActionKind | undefined): vscode.CodeActionKind[] {
  if (!only) return [streamshiftRefactorKind];
  const kinds: vscode.CodeActionKind[] = [];
  if (only.contains(streamshiftRefactorKind) || streamshiftRefactorKind.contains(only))
    kinds.push(streamshiftRefactorKind);
  if (only.contains(streamshiftQuickFixKind) || streamshiftQuickFixKind.contains(only))
    kinds.push(streamshiftQuickFixKind);
  return kinds;
}

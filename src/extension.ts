// VS Code entry point: wires the adapters to the editor. Kept thin: the converter and the runtime
// are pure modules with no `vscode` import.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('streamshift.convertToStreaming', () => {
      void vscode.window.showInformationMessage('Streamshift: no batch pipeline found in this editor.');
    }),
  );
}

export function deactivate(): void {}

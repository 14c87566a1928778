// The handle VS Code gives a webview script: post messages to the extension and persist view state (what
// the panel serializer receives after a reload).
import type { PersistedPanelState, WebviewMessage } from '../runPanel/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PersistedPanelState | undefined;
  setState(state: PersistedPanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page load. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();

/// <reference lib="dom" />
// Script of the run panel webview: renders the state the extension posts, keeps it with setState so a
// reloaded panel shows it at once (and the panel serializer gets it back), and posts the user's actions.
import type { HostMessage, PanelState } from '../runPanel/protocol';
import { render } from './render';
import { vscodeApi } from './vscodeApi';

const root = document.getElementById('app')!;
const post = vscodeApi.postMessage.bind(vscodeApi);

function show(state: PanelState): void {
  vscodeApi.setState({ jobPath: state.jobPath, state });
  render(root, state, post);
}

const saved = vscodeApi.getState();
if (saved?.state) render(root, saved.state, post);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  if (event.data?.type === 'state') show(event.data.state);
});
post({ type: 'ready' });

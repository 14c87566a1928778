import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, createNonce, runPanelHtml } from '../../../src/runPanel/webviewHtml';
import { parseWebviewMessage } from '../../../src/runPanel/protocol';

describe('run panel HTML', () => {
  const html = runPanelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123==',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/runPanel/runPanel.css',
    title: 'Run: <batch>.ts',
  });

  it('allows only its own resources and the script carrying the nonce', () => {
    const csp = contentSecurityPolicy('vscode-src', 'n0nce');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.match(csp, /style-src vscode-src(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/(?!file\+)/);
  });

  it('loads the script with the nonce, has no inline script or handler, and escapes the title', () => {
    assert.match(html, /<script nonce="abc123==" src="https:\/\/file\+[^"]+\/dist\/webview\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=|style=/);
    assert.match(html, /<title>Run: &lt;batch&gt;\.ts<\/title>/);
  });

  it('makes a different 128-bit nonce each time', () => {
    const a = createNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, createNonce());
  });
});

describe('parseWebviewMessage', () => {
  it('accepts the known messages and checks auto-feed values', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'feedNext' }), { type: 'feedNext' });
    assert.deepEqual(parseWebviewMessage({ type: 'autoFeed', enabled: true, seconds: 2, extra: 1 }), {
      type: 'autoFeed',
      enabled: true,
      seconds: 2,
    });
  });

  it('refuses unknown types and bad values', () => {
    for (const value of [
      null,
      'feedNext',
      { type: 'deleteEverything' },
      { type: 'autoFeed', enabled: 'yes', seconds: 2 },
      { type: 'autoFeed', enabled: true, seconds: 0 },
      { type: 'autoFeed', enabled: true, seconds: Number.NaN },
    ]) {
      assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
    }
  });
});

// Security: the run panel's webview runs only the extension's own script. Its Content-Security-Policy has
// no 'unsafe-inline' or 'unsafe-eval', scripts need this load's nonce, and hostile values given to the HTML
// builder (a title from a file name, a resource URI) cannot add markup or widen the policy.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, createNonce, runPanelHtml } from '../../../src/runPanel/webviewHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: createNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/runPanel/runPanel.css',
  title: 'Run: wordcount.ts',
};

/** The policy exactly as the page declares it, parsed into directive → sources. */
function declaredPolicy(html: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'the page declares a Content-Security-Policy');
  const policy = new Map<string, string[]>();
  for (const directive of meta[1]!.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

describe('security: webview Content-Security-Policy', () => {
  it('has no unsafe-inline, unsafe-eval or wildcard source, and defaults to none', () => {
    const html = runPanelHtml(input);
    const policy = declaredPolicy(html);
    const all = [...policy.values()].flat();
    for (const banned of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      '*',
      'http:',
      'https:',
    ])
      assert.ok(!all.includes(banned), `the policy must not allow ${banned}: ${JSON.stringify([...policy])}`);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${input.nonce}'`]);
    assert.ok(!policy.has('connect-src'), 'the panel talks to the extension by postMessage, not the network');
  });

  it('every script element carries the nonce and loads from the extension; no inline code or handlers', () => {
    const html = runPanelHtml(input);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, new RegExp(`nonce="${input.nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0]![1]!, /src="https:\/\/file\+\.vscode-resource/);
    assert.equal(scripts[0]![2], '', 'no inline script body');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attribute');
    assert.doesNotMatch(html, /<style\b|style="/i, 'no inline style (style-src has no unsafe-inline)');
    assert.doesNotMatch(html, /javascript:/i);
  });

  it('hostile title and URIs stay text: no extra element, attribute or policy source', () => {
    const hostile = {
      ...input,
      title: '</title><script>alert(1)</script><img src=x onerror=alert(1)>',
      scriptUri: 'x.js" onload="alert(1)',
      styleUri: 'x.css"><script>alert(2)</script>',
    };
    const html = runPanelHtml(hostile);
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.doesNotMatch(html, /<img\b/);
    // Every real tag (a literal `<`): none gained an event-handler attribute.
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? [])
      assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /\son[a-z]+=/i, `tag ${tag}`);
    assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('a cspSource with quotes cannot close the meta element or add directives beyond its own', () => {
    const policy = contentSecurityPolicy(`x" http-equiv="refresh`, 'abc');
    const html = runPanelHtml({ ...input, cspSource: `x" http-equiv="refresh`, nonce: 'abc' });
    assert.ok(html.includes('&quot;'), 'quotes are escaped in the attribute');
    assert.equal([...html.matchAll(/http-equiv="/g)].length, 1);
    assert.ok(!policy.includes('unsafe'));
  });

  it('the webview script never evaluates strings or writes HTML', () => {
    const dir = join(__dirname, '..', '..', '..', 'src', 'webview');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(dir, name), 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(/, `${name} evaluates a string`);
      assert.doesNotMatch(
        text,
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/,
        `${name} writes HTML`,
      );
      assert.doesNotMatch(text, /setTimeout\s*\(\s*['"`]/, `${name} passes a string to setTimeout`);
    }
  });
});

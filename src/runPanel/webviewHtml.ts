// The run panel's HTML: a shell the webview script fills in. Only the script with this load's nonce runs
// (no inline handlers, no eval), styles come from the extension's own stylesheet, nothing from the network.
import { randomBytes } from 'node:crypto';

export interface RunPanelHtmlInput {
  /** `webview.cspSource`: the origin of the extension's resources inside the webview. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/webview.js and media/runPanel/runPanel.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/** A fresh nonce per page load: 128 random bits, base64 (what CSP nonces expect). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function runPanelHtml(input: RunPanelHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>${escapeText(input.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading the run panel…</p></main>
<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

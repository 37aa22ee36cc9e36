/**
 * HTML helpers for the webviews and exported reports. Every piece of user or document
 * text goes through `escapeHtml`; the webview pages allow only nonce'd scripts/styles.
 */
import { randomBytes } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A fresh nonce for one page's Content-Security-Policy. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/** How a page is shown: inside a webview (CSP, nonce, script) or exported as a static file. */
export type PageTarget =
  | { kind: 'webview'; cspSource: string; nonce: string; scriptUri: string; styleUri: string }
  | { kind: 'static'; css: string };

/** The page around `body`. A webview page allows nothing but its own nonce'd script and media/ styles. */
export function page(title: string, body: string, target: PageTarget): string {
  const head =
    target.kind === 'webview'
      ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${target.cspSource} data:; ` +
        `script-src 'nonce-${target.nonce}'; style-src ${target.cspSource} 'nonce-${target.nonce}';">\n` +
        `<link rel="stylesheet" href="${escapeHtml(target.styleUri)}">`
      : `<style>\n${target.css}\n</style>`;
  const script = target.kind === 'webview' ? `<script nonce="${target.nonce}" src="${escapeHtml(target.scriptUri)}"></script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
${script}
</body>
</html>
`;
}

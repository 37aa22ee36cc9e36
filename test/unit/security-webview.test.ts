// Hostile submissions in the grade pages: a real submission full of HTML/script
// injections (and a file name that is one) goes through the tiny model and the grader
// into the webview report, the folder summary, the exported HTML and both Markdown
// exports. No markup from the submission survives: the only script is the page's own,
// nonce'd one; no tag carries an event handler, javascript: URL or remote resource;
// the Content-Security-Policy is strict; the page script has no HTML sinks.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker } from '../../src/core/checker';
import { DEFAULT_RUBRIC, grade } from '../../src/core/grade';
import { feedbackMarkdown } from '../../src/core/grade/render';
import type { GradeReport } from '../../src/core/grade/types';
import { gradeReportBody, gradeReportMarkdown } from '../../src/extension/grade-report-render';
import { summaryBody } from '../../src/extension/grade-summary-render';
import { escapeHtml, makeNonce, page } from '../../src/extension/html';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  '\' onmouseover=\'alert(3)',
  '</title><script>alert(4)</script>',
  '<iframe src="javascript:alert(5)"></iframe>',
  '<svg onload=alert(6)>',
  '<a href="javascript:alert(7)">click</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<!-- <base href="https://evil.example/"> -->',
  '&lt;script&gt; already escaped &amp; still shown',
];
const EVIL_NAME = '"><img src=x onerror=alert(9)>.md';
const ESSAY = `# My essay ${PAYLOADS[0]}

The weather was nice ${PAYLOADS[1]} so we walked the the harbour. ${PAYLOADS[2]}

Boats were ${PAYLOADS[3]} everywhere and ${PAYLOADS[4]} the gulls cried. ${PAYLOADS[5]}

${PAYLOADS.slice(6).join(' and ')} we went home happy.
`;

/** Every tag in `html` with its name and attributes (`markdown`: a `\\<` is an escaped, literal `<`). */
function tags(html: string, markdown = false): Array<{ name: string; attrs: Array<[string, string]>; raw: string }> {
  const tag = markdown ? /(?<!\\)<([A-Za-z][\w:-]*)([^>]*)>/g : /<([A-Za-z][\w:-]*)([^>]*)>/g;
  return [...html.matchAll(tag)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: [...m[2].matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ''] as [string, string]),
    raw: m[0],
  }));
}

/** The page is safe: only its own nonce'd script, no handlers, no javascript: or remote URLs, no frames or refresh. */
function assertNoInjection(html: string, nonce?: string): void {
  for (const t of tags(html)) {
    const attr = (n: string) => t.attrs.find(([k]) => k === n)?.[1];
    if (t.name === 'script') {
      assert.ok(nonce && attr('nonce') === nonce && attr('src') === 'vscode-resource:/media/report.js', `foreign script: ${t.raw}`);
    }
    assert.ok(!['img', 'iframe', 'object', 'embed', 'base', 'form', 'frame', 'link'].includes(t.name) || (t.name === 'link' && attr('href') === 'vscode-resource:/media/report.css'), `injected element: ${t.raw}`);
    for (const [k, v] of t.attrs) {
      assert.ok(!/^on/.test(k), `event handler attribute: ${t.raw}`);
      assert.ok(!/^\s*javascript:/i.test(v) || !['href', 'src', 'action', 'formaction', 'xlink:href'].includes(k), `javascript: URL: ${t.raw}`);
      assert.ok(!(['src', 'href'].includes(k) && /^https?:/i.test(v)), `remote resource: ${t.raw}`);
    }
    if (t.name === 'meta') assert.notEqual(attr('http-equiv')?.toLowerCase(), 'refresh', t.raw);
  }
}

describe('security: hostile submissions in grade reports and pages', function () {
  this.timeout(60_000);
  let report: GradeReport;
  let sentences: Array<{ start: number; end: number }>;

  before(async () => {
    const checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    try {
      const doc = await checker.score(ESSAY, 'markdown');
      sentences = doc.sentences;
      report = grade(doc, ESSAY, DEFAULT_RUBRIC);
    } finally {
      await checker.dispose();
    }
    // The report carries the hostile text (passages, findings): otherwise this test would prove nothing.
    const carried = JSON.stringify(report);
    assert.ok(report.findings.length > 0 && /onerror|script|onmouseover/.test(carried), 'the grade report quotes the submission');
  });

  it('the webview report escapes everything; its only script is the nonce\'d media/report.js', () => {
    const nonce = makeNonce();
    for (const interactive of [true, false]) {
      const body = gradeReportBody(report, EVIL_NAME, interactive);
      assertNoInjection(body);
      assert.ok(body.includes(escapeHtml(EVIL_NAME)), 'the file name is shown, escaped');
    }
    const html = page(`Grade: ${EVIL_NAME}`, gradeReportBody(report, EVIL_NAME, true),
      { kind: 'webview', cspSource: 'vscode-resource:', nonce, scriptUri: 'vscode-resource:/media/report.js', styleUri: 'vscode-resource:/media/report.css' });
    assertNoInjection(html, nonce);
    assert.equal(tags(html).filter((t) => t.name === 'script').length, 1);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}';`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    // The exported (static) page has no script at all.
    const exported = page(`Grade: ${EVIL_NAME}`, gradeReportBody(report, EVIL_NAME, false), { kind: 'static', css: 'body{}' });
    assertNoInjection(exported);
    assert.equal(tags(exported).filter((t) => t.name === 'script').length, 0);
  });

  it('the folder summary escapes hostile file names and error messages, also in data attributes', () => {
    const rows = [
      { path: EVIL_NAME, grade: report.grade, words: report.words, flagged: report.flagged },
      { path: `sub/${PAYLOADS[2]}.txt`, grade: 50, words: 10, flagged: 1 },
      { path: 'broken.pdf', error: PAYLOADS[0] + PAYLOADS[1] },
    ];
    const html = summaryBody(PAYLOADS[3], rows, { min: 0, max: 100 }, true);
    assertNoInjection(html);
    assert.ok(html.includes(`data-path="${escapeHtml(EVIL_NAME)}"`));
    assert.ok(html.includes(escapeHtml(PAYLOADS[0] + PAYLOADS[1])));
  });

  it('the Markdown exports (editor and CLI --out) keep no raw HTML from the submission', () => {
    for (const md of [gradeReportMarkdown(report, EVIL_NAME), feedbackMarkdown(EVIL_NAME, report, ESSAY, sentences)]) {
      for (const t of tags(md, true)) assert.fail(`raw HTML tag in the Markdown export: ${t.raw}`);
    }
  });

  it('the page script has no HTML sinks and posts only the three known messages', () => {
    const js = readFileSync(join(REPO_ROOT, 'media', 'report.js'), 'utf8');
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]/);
    const types = [...js.matchAll(/postMessage\(\{\s*type:\s*'(\w+)'/g)].map((m) => m[1]);
    assert.deepEqual(types.sort(), ['export', 'open', 'reveal']);
  });
});

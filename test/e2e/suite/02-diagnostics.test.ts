import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertRangesSliceWords, fixture, flagEveryWordInSuite, open, percentOf, waitForDiagnostics, withSettings, WORD } from '../helpers';

/** `[start, end)` offsets of every letter run in `text` between `from` and `to`. */
function wordSpans(text: string, from = 0, to = text.length): Array<[number, number]> {
  return [...text.slice(from, to).matchAll(WORD)].map((m) => [from + m.index, from + m.index + m[0].length]);
}

function spansOf(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): Array<[number, number]> {
  return diagnostics.map((d) => [doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)]);
}

describe('diagnostics', () => {
  flagEveryWordInSuite();

  it('threshold 0 flags every word of a Markdown essay, each range slicing the word its message names', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    assert.equal(doc.languageId, 'markdown');
    const expected = wordSpans(doc.getText());
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.length === expected.length, `${expected.length} flags (every word)`);
    assertRangesSliceWords(doc, diags);
    assert.deepEqual(spansOf(doc, diags), expected);
    for (const d of diags) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information, 'default severity is Information');
      const p = percentOf(d.message);
      assert.ok(p !== undefined && p >= 0 && p <= 100, `no percentage in "${d.message}"`);
    }
  });

  it('plain text and LaTeX are checked too; LaTeX command names and citation keys are not prose', async () => {
    const { document: txt } = await open(fixture('notes.txt'));
    const txtWords = wordSpans(txt.getText());
    const txtDiags = await waitForDiagnostics(txt.uri, (ds) => ds.length === txtWords.length, `${txtWords.length} flags in notes.txt`);
    assertRangesSliceWords(txt, txtDiags);

    const { document: tex } = await open(fixture('paper.tex'));
    assert.equal(tex.languageId, 'latex');
    const source = tex.getText();
    const bodyStart = source.indexOf('Photosynthesis');
    const prose = [...wordSpans(source, bodyStart, source.indexOf('\\cite')), ...wordSpans(source, source.indexOf('Introduction'), source.indexOf('Introduction') + 'Introduction'.length)];
    const texDiags = await waitForDiagnostics(tex.uri, (ds) => ds.length >= prose.length, `at least the ${prose.length} prose words of paper.tex`);
    assertRangesSliceWords(tex, texDiags);
    const flagged = new Set(spansOf(tex, texDiags).map(([s, e]) => `${s}:${e}`));
    for (const [s, e] of prose) assert.ok(flagged.has(`${s}:${e}`), `prose word "${source.slice(s, e)}" at ${s} is not flagged`);
    for (const [s] of spansOf(tex, texDiags)) {
      assert.notEqual(source[s - 1], '\\', `a command name is flagged at ${s}: "${source.slice(s - 1, s + 12)}"`);
    }
    assert.ok(!texDiags.some((d) => /smith/.test(tex.getText(d.range))), 'the citation key is not prose');
  });

  it('threshold 1.0 flags nothing, and going back to 0 flags every word again', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    const all = wordSpans(doc.getText()).length;
    await waitForDiagnostics(doc.uri, (ds) => ds.length === all, 'every word at threshold 0');
    await withSettings({ threshold: 1 }, () => waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no flags at threshold 1'));
    await waitForDiagnostics(doc.uri, (ds) => ds.length === all, 'every word again at threshold 0');
  });

  it('a threshold set for the workspace folder (a resource-scoped setting) overrides the user\'s for its documents', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    const all = wordSpans(doc.getText()).length;
    await waitForDiagnostics(doc.uri, (ds) => ds.length === all, 'every word at the user threshold 0');
    const folderConfig = vscode.workspace.getConfiguration('electraFeedback', doc.uri);
    await folderConfig.update('threshold', 1, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no flags at the folder threshold 1');
    } finally {
      await folderConfig.update('threshold', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitForDiagnostics(doc.uri, (ds) => ds.length === all, 'every word again once the folder setting is gone');
  });

  it('the severity setting applies to every diagnostic', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    const diags = await withSettings({ severity: 'warning' }, () =>
      waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'warnings'));
    assert.ok(diags.length > 0);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Information), 'information again');
  });

  it('a language removed from electraFeedback.languages is no longer checked', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'flags on the essay');
    await withSettings({ languages: ['plaintext', 'latex'] }, () => waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'markdown no longer checked'));
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'markdown checked again');
  });
});

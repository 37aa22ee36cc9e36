import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradeFileResult } from '../../../src/extension/grade-commands';
import { activate, closeEditors, fixture, open, scratchFile, WAIT_MS, waitForDiagnostics, where, withSettings, WORD } from '../helpers';

describe('Grade File', () => {
  before(activate);
  after(closeEditors);

  it('grades the active essay, returns the report and leaves its findings as diagnostics', async () => {
    const { document: doc } = await open(fixture('essay.md'));
    const result = await vscode.commands.executeCommand<GradeFileResult | undefined>('electraFeedback.gradeFile');
    assert.ok(result, 'Grade File returned nothing (see the Electra Feedback log)');
    assert.equal(result.uri, doc.uri.toString());
    const { report } = result;
    assert.ok(report.grade >= report.scale.min && report.grade <= report.scale.max, `grade ${report.grade} outside ${JSON.stringify(report.scale)}`);
    assert.ok(report.criteria.length > 0, 'per-criterion scores');
    for (const c of report.criteria) assert.ok(Number.isFinite(c.score), `criterion ${JSON.stringify(c)}`);
    // The model's error criteria are in the report with their evidence, each passage slicing the document.
    for (const id of ['grammar', 'spelling'] as const) {
      const c = report.criteria.find((x) => x.id === id);
      assert.ok(c && c.evidence.length > 0, `${id} criterion with evidence: ${JSON.stringify(c)}`);
      for (const p of c.passages) assert.ok(doc.getText().slice(p.start, p.end).length > 0, `${id} passage ${JSON.stringify(p)}`);
    }
    const letters = doc.getText().match(/\p{L}+/gu) ?? [];
    assert.ok(report.words > 0 && report.words <= letters.length, `words ${report.words} vs ${letters.length} letter runs`);
    assert.ok(report.sentences >= 6, `sentences ${report.sentences}`);
    assert.ok(report.summary.length > 0, 'a summary for the student');
    const source = doc.getText();
    for (const f of report.findings) {
      assert.equal(source.slice(f.start, f.end), f.text, `finding [${f.start},${f.end}) does not slice its text`);
    }
    assert.equal(result.published, report.findings.length, 'every finding is published as a diagnostic');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === report.findings.length, `${report.findings.length} diagnostics from the grade`);
  });

  it('grades with the findings checking publishes: same spans and line/column, "had had" allowed, "the the" on its second word', async () => {
    await withSettings({ threshold: 0 }, async () => {
      const uri = await scratchFile('grade-parity.md', 'We had had enough of the\nthe rain today.\n');
      const { document: doc } = await open(uri);
      const words = (doc.getText().match(WORD) ?? []).length;
      const checked = await waitForDiagnostics(uri, (ds) => ds.length === words, 'every word flagged at threshold 0');
      const result = await vscode.commands.executeCommand<GradeFileResult | undefined>('electraFeedback.gradeFile');
      assert.ok(result, 'Grade File returned nothing');
      const { findings } = result.report;
      // The finding's span as `where` writes a diagnostic's range: `line:col-line:col`, 0-based.
      const span = (f: { start: number; end: number }) => {
        const [a, b] = [doc.positionAt(f.start), doc.positionAt(f.end)];
        return `${a.line}:${a.character}-${b.line}:${b.character}`;
      };
      assert.deepEqual(findings.map(span), checked.map(where), 'the same words flagged with the same spans');
      for (const f of findings) assert.deepEqual([f.line, f.column], [doc.positionAt(f.start).line + 1, doc.positionAt(f.start).character + 1]);
      const repeats = findings.filter((f) => f.kind === 'repeated-word');
      assert.deepEqual(repeats.map((f) => `${span(f)} ${f.message}`), ['1:0-1:3 "the" is repeated.']);
      assert.deepEqual(checked.filter((d) => d.message.endsWith('is repeated.')).map((d) => `${where(d)} ${d.message}`), ['1:0-1:3 "the" is repeated.']);
    });
  });

  it('shows the report in a webview panel', async () => {
    await open(fixture('notes.txt'));
    const isReport = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.label === 'Grade: notes.txt';
    const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const opened = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no report tab "Grade: notes.txt"; tabs: ${allTabs().map((t) => t.label).join(', ')}`));
      }, WAIT_MS);
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!allTabs().some(isReport)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
    const result = await vscode.commands.executeCommand<GradeFileResult | undefined>('electraFeedback.gradeFile');
    assert.ok(result, 'Grade File returned nothing');
    if (!allTabs().some(isReport)) await opened;
  });
});

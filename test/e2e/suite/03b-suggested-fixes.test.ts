import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { actionsAt, flagEveryWordInSuite, hoverText, open, scratchFile, waitForDiagnostics, withSettings } from '../helpers';

// Short one-sentence paragraphs without punctuation: the whole paragraph is each word's judging
// window, so the check after a fix reads exactly what the fix was judged on.
const LINES = ['Students use there phones', 'This make lessons quick', 'They forgot their homework', 'We like quiet libraries', 'Teachers give many tests'];

describe('suggested fixes', () => {
  flagEveryWordInSuite();

  it('a flagged word with no confident fix says so in the hover and offers no preferred fix', async () => {
    // At threshold 0 no change can make a word fit: every flag is honest about it.
    const uri = await scratchFile('no-fix.md', `${LINES[0]}\n`);
    await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length === 4, 'four flags at threshold 0');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diags[2].range.start.translate(0, 1))) ?? [];
    assert.match(hoverText(hovers), /No confident fix/, hoverText(hovers));
    assert.ok(!(await actionsAt(uri, diags[2])).some((a) => a.isPreferred), 'no preferred fix');
  });

  it('applying the preferred quick fix replaces exactly the word, and its flag is gone on the next check', async () => {
    // The tiny random-weight model scores words near 0.45: at that threshold some are flagged and some fixes fit.
    await withSettings({ threshold: 0.45 }, async () => {
      let applied = 0;
      for (const [i, line] of LINES.entries()) {
        const uri = await scratchFile(`fix-${i}.md`, `${line}\n`);
        const { document: doc } = await open(uri);
        const diags = await waitForDiagnostics(uri, () => true, 'a check at 0.45');
        for (const d of diags) {
          const preferred = (await actionsAt(uri, d)).find((a) => a.isPreferred);
          const replacement = preferred && /^Replace with '(.*)'$/.exec(preferred.title)?.[1];
          if (!preferred?.edit || replacement === undefined) continue;
          const before = doc.getText();
          const start = doc.offsetAt(d.range.start);
          const end = doc.offsetAt(d.range.end);
          assert.ok(await vscode.workspace.applyEdit(preferred.edit));
          assert.equal(doc.getText(), before.slice(0, start) + replacement + before.slice(end), 'exactly the word is replaced');
          const fixed = new vscode.Range(doc.positionAt(start), doc.positionAt(start + replacement.length));
          await waitForDiagnostics(uri, (ds) => !ds.some((x) => !(x.range.intersection(fixed)?.isEmpty ?? true)) && doc.getText() !== before,
            `"${replacement}" (was "${before.slice(start, end)}") not flagged after the fix`);
          applied++;
          break;
        }
        if (applied > 0) break;
      }
      assert.ok(applied > 0, 'no flagged word had a preferred "Replace with" fix at 0.45');
    });
  });
});

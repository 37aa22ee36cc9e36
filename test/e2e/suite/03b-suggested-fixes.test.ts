import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { actionsAt, activate, flagEveryWordInSuite, hoverText, open, scratchFile, waitForDiagnostics, withEmbeddedModel } from '../helpers';

// One-sentence paragraphs: the whole paragraph is each word's judging window, so the check after
// a fix reads exactly what the fix was judged on.

describe('suggested fixes', () => {
  flagEveryWordInSuite();

  it('a flagged word with no confident fix says so in the hover and offers no preferred fix', async () => {
    // At threshold 0 no change can make a word fit: every flag is honest about it.
    const uri = await scratchFile('no-fix.md', 'Students use there phones\n');
    await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length === 4, 'four flags at threshold 0');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diags[2].range.start.translate(0, 1))) ?? [];
    assert.match(hoverText(hovers), /No confident fix/, hoverText(hovers));
    assert.ok(!(await actionsAt(uri, diags[2])).some((a) => a.isPreferred), 'no preferred fix');
  });

  it('applying the preferred quick fix replaces exactly the word, and its flag is gone on the next check, a sound-alike word\'s too (embedded model)', async function () {
    this.timeout(300_000);
    // A fix is kept only when the model is at least twice as sure of the edited place (suggest/judge.ts):
    // the tiny random-weight model, near 0.45 on every word, never is, so this runs on the trained model.
    const api = await activate();
    await withEmbeddedModel(this, api, async () => {
      const text = 'Many students use there phones in class.\n';
      const start = text.indexOf('there');
      const uri = await scratchFile('fix-real.md', text);
      const { document: doc } = await open(uri);
      const covers = (d: vscode.Diagnostic): boolean => doc.offsetAt(d.range.start) <= start && start < doc.offsetAt(d.range.end);
      const diags = await waitForDiagnostics(uri, (ds) => ds.some(covers), '"there" flagged by the embedded model', 180_000);
      const preferred = (await actionsAt(uri, diags.find(covers)!)).find((a) => a.isPreferred);
      assert.equal(preferred?.title, "Replace with 'their'");
      assert.ok(await vscode.workspace.applyEdit(preferred!.edit!));
      assert.equal(doc.getText(), text.replace('there', 'their'), 'exactly the word is replaced');
      await waitForDiagnostics(uri, (ds) => doc.getText() !== text && !ds.some(covers), '"their" not flagged on the next check', 180_000);

      // A sound-alike word the homophone check marks: its own kind, hover and preferred fix.
      const mixed = 'Teachers spend a lot of time telling students to put there phones away.\n';
      const at = mixed.indexOf('there');
      const uri2 = await scratchFile('fix-homophone.md', mixed);
      const { document: doc2 } = await open(uri2);
      const on = (d: vscode.Diagnostic): boolean => doc2.offsetAt(d.range.start) === at && doc2.offsetAt(d.range.end) === at + 'there'.length;
      const flagged = (await waitForDiagnostics(uri2, (ds) => ds.some(on), '"there" flagged as a mix-up', 180_000)).find(on)!;
      assert.equal(flagged.code, 'confused-word');
      assert.equal(flagged.message, '"there" may be a mix-up for "their" (99% likely).');
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri2, flagged.range.start.translate(0, 1))) ?? [];
      assert.match(hoverText(hovers), /sounds like another word/, hoverText(hovers));
      const fix = (await actionsAt(uri2, flagged)).find((a) => a.isPreferred);
      assert.equal(fix?.title, "Replace with 'their'");
      assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
      assert.equal(doc2.getText(), mixed.replace('there', 'their'));
      await waitForDiagnostics(uri2, (ds) => doc2.getText() !== mixed && !ds.some(on), '"their" not flagged on the next check', 180_000);
    });
  });
});

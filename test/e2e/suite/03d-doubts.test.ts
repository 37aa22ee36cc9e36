import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, flagEveryWordInSuite, hoverText, open, scratchFile, waitForDiagnostics, withEmbeddedModel } from '../helpers';

// Underline what can be explained (issue 21): with `showDoubts` off (the default for users), a
// flag the model cannot explain — no confident fix, not a mix-up or a repeat, below 0.9 — is a
// Hint (faint dots, not in Problems) and has no hover. The tiny random-weight model explains no
// replaced word, so every flag here is a doubt but the repeated word.

describe('doubts', () => {
  flagEveryWordInSuite({ showDoubts: false });

  it('a flag without a fix is a Hint with no hover; a repeated word stays at the chosen severity', async () => {
    const text = 'We walked to the the old harbour.\n';
    const uri = await scratchFile('doubts.md', text);
    const { document: doc } = await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length === 7, 'every word flagged');
    const repeat = diags.find((d) => d.code === 'repeated-word');
    assert.ok(repeat, 'the repeated "the"');
    assert.equal(repeat.severity, vscode.DiagnosticSeverity.Information);
    const doubts = diags.filter((d) => d !== repeat);
    for (const d of doubts) assert.equal(d.severity, vscode.DiagnosticSeverity.Hint, `"${doc.getText(d.range)}"`);

    const onDoubt = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doubts[0].range.start.translate(0, 1))) ?? [];
    assert.equal(hoverText(onDoubt), '', 'no hover on a doubt');
    const onRepeat = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, repeat.range.start.translate(0, 1))) ?? [];
    assert.match(hoverText(onRepeat), /Repeated word/);
  });

  it('a doubt becomes an underline when its fix arrives (embedded model)', async function () {
    this.timeout(300_000);
    const api = await activate();
    await withEmbeddedModel(this, api, async () => {
      const text = 'I got a letter form the university yesterday.\n';
      const at = text.indexOf('form');
      const uri = await scratchFile('doubt-to-underline.md', text);
      const { document: doc } = await open(uri);
      const on = (d: vscode.Diagnostic): boolean => doc.offsetAt(d.range.start) === at;
      // Published first as a doubt or already fixed: either way it must end as an underline with "from".
      const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => on(d) && d.severity === vscode.DiagnosticSeverity.Information), '"form" underlined once its fix is known', 180_000);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diags.find(on)!.range.start.translate(0, 1))) ?? [];
      assert.match(hoverText(hovers), /Replace with 'from'/, hoverText(hovers));
    });
  });
});

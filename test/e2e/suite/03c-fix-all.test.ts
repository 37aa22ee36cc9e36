import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { flagEveryWordInSuite, open, scratchFile, waitForDiagnostics, WAIT_MS } from '../helpers';

// Fix All (issue 21): every confident first fix of a document as ONE edit. On the tiny
// random-weight model no suggested fix is ever confident (suggest/judge.ts), so the fixes here are
// the repeated words' removals (a rule: certain), which is what makes the expected text exact.

const TEXT = 'We walked to the the old harbour and then the the sea.\n';
const FIXED = 'We walked to the old harbour and then the sea.\n';
const repeats = (ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => d.code === 'repeated-word');

/** Resolves when `doc`'s text satisfies `predicate` (now, or on the change that makes it hold). */
function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string): Promise<void> {
  if (predicate(doc.getText())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} (text: ${JSON.stringify(doc.getText())})`));
    }, WAIT_MS);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc || !predicate(doc.getText())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Counts `doc`'s change events until disposed. */
function countChanges(doc: vscode.TextDocument): { count: () => number; dispose: () => void } {
  let n = 0;
  const sub = vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === doc && e.contentChanges.length > 0) n++; });
  return { count: () => n, dispose: () => sub.dispose() };
}

describe('fix all', () => {
  flagEveryWordInSuite();

  it('source.fixAll.electraFeedback applies the confident fixes in one edit, one undo restores the text, and the flags refresh', async () => {
    const uri = await scratchFile('fix-all.md', TEXT);
    const { document: doc } = await open(uri);
    await waitForDiagnostics(uri, (ds) => repeats(ds).length === 2, 'both repeated words flagged');

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.electraFeedback')) ?? [];
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.electraFeedback');
    assert.ok(fixAll?.edit, `a Fix All action (got: ${actions.map((a) => a.title).join(', ')})`);
    assert.equal(fixAll.title, 'Apply All Confident Fixes (2)');
    const changes = countChanges(doc);
    try {
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.equal(doc.getText(), FIXED);
      assert.equal(changes.count(), 1, 'one edit, not one per fix');
    } finally {
      changes.dispose();
    }
    await waitForDiagnostics(uri, (ds) => doc.getText() === FIXED && ds.length > 0 && repeats(ds).length === 0, 'the fixed text checked: no repeated word');

    const undone = waitForText(doc, (t) => t === TEXT, 'one undo to restore the text');
    await vscode.commands.executeCommand('undo');
    await undone;
    await waitForDiagnostics(uri, (ds) => doc.getText() === TEXT && repeats(ds).length === 2, 'the restored text flagged again');
  });

  it('the command "Apply All Confident Fixes" applies them to the active editor as one edit', async () => {
    const uri = await scratchFile('fix-all-command.md', TEXT);
    const { document: doc } = await open(uri);
    await waitForDiagnostics(uri, (ds) => repeats(ds).length === 2, 'both repeated words flagged');
    const changes = countChanges(doc);
    try {
      const applied = await vscode.commands.executeCommand<number>('electraFeedback.applyAllConfidentFixes');
      assert.equal(applied, 2);
      assert.equal(doc.getText(), FIXED);
      assert.equal(changes.count(), 1, 'one edit');
    } finally {
      changes.dispose();
    }
    await waitForDiagnostics(uri, (ds) => doc.getText() === FIXED && ds.length > 0 && repeats(ds).length === 0, 'the fixed text checked');
  });
});

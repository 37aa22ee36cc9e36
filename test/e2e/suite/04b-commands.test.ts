import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckOutcome } from '../../../src/extension/diagnostics';
import { activate, flagEveryWordInSuite, flags, open, scratchFile, waitForDiagnostics, withSettings } from '../helpers';

describe('commands and check timing', () => {
  flagEveryWordInSuite();

  it('Check Document reports what it published', async () => {
    const uri = await scratchFile('check.md', 'Every word here is flagged at threshold zero.\n');
    await open(uri);
    const outcome = await vscode.commands.executeCommand<CheckOutcome>('electraFeedback.checkDocument');
    assert.equal(outcome.status, 'published');
    assert.equal(outcome.flags, 8);
    await waitForDiagnostics(uri, (ds) => ds.length === 8, 'eight flags');
  });

  it('Disable for This File clears its flags; Enable brings them back', async () => {
    const uri = await scratchFile('disable.md', 'Switch this file off and on again.\n');
    await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length === 7, 'seven flags');
    await vscode.commands.executeCommand('electraFeedback.disableForFile', uri.toString());
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no flags once disabled');
    await vscode.commands.executeCommand('electraFeedback.enableForFile', uri.toString());
    await waitForDiagnostics(uri, (ds) => ds.length === 7, 'flags again once enabled');
  });

  it('Clear Diagnostics removes every flag', async () => {
    const uri = await scratchFile('clear.md', 'Clear these words away.\n');
    await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length === 4, 'four flags');
    await vscode.commands.executeCommand('electraFeedback.clearDiagnostics');
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'none after Clear Diagnostics');
  });

  it('with checkOn "save", edits are checked when saved, not before', async () => {
    // debounceMs 0: a wrongly change-triggered check would start at once.
    await withSettings({ checkOn: 'save', debounceMs: 0 }, async () => {
      const uri = await scratchFile('on-save.md', 'Saved words count.\n');
      const editor = await open(uri);
      const doc = editor.document;
      await waitForDiagnostics(uri, (ds) => ds.length === 3, 'three flags on open');
      const api = await activate();
      let checksBeforeSave = 0;
      let saving = false;
      const sub = api.diagnostics.onDidCheck(({ uri: u }) => {
        if (u.toString() === uri.toString() && !saving) checksBeforeSave++;
      });
      try {
        assert.ok(await editor.edit((b) => b.insert(doc.positionAt(doc.getText().indexOf('count')), 'really ')));
        // A clock made of events: another document's check, requested after the edit, completing.
        const other = await scratchFile('on-save-clock.md', 'Tick tock.\n');
        await open(other);
        await waitForDiagnostics(other, (ds) => ds.length === 2, 'the clock document checked');
        assert.equal(checksBeforeSave, 0, 'the edit was checked before the save');
        assert.equal(flags(uri).length, 3);
        saving = true;
        const after = waitForDiagnostics(uri, (ds) => ds.length === 4, 'four flags after saving');
        const again = await open(uri);
        assert.ok(again.document.isDirty, 'the edit is unsaved');
        // Seen once in 6 CI runs: code-server's save() of this file (created moments earlier through
        // the remote file system) returned false. The extension takes no part in saving (no save
        // participant), so the test saves once more before calling it a failure.
        assert.ok((await again.document.save()) || (await again.document.save()), 'save failed twice');
        await after;
      } finally {
        sub.dispose();
      }
    });
  });
});

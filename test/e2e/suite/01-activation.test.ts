import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID } from '../helpers';

describe('activation', () => {
  it('the extension under development activates and returns its test handles', async () => {
    const api = await activate();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.diagnostics && api.model, 'activate() returns { diagnostics, model }');
  });

  it('registers every palette command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['checkDocument', 'gradeFile', 'gradeFolder', 'clearDiagnostics', 'selectExecutionProvider', 'showModelInfo', 'openLog']) {
      assert.ok(all.has(`electraFeedback.${id}`), `command electraFeedback.${id} is not registered`);
    }
  });
});

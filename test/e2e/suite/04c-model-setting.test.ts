import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeEditors, open, restoreModel, scratchFile, SECTION, setSetting, waitForDiagnostics, waitForModelOn } from '../helpers';

describe('model setting', () => {
  let copy: string | undefined;
  after(async () => {
    await closeEditors();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('changing electraFeedback.modelPath restarts the worker on the new folder, and documents are checked with it', async () => {
    const api = await activate();
    const original = vscode.workspace.getConfiguration(SECTION).get<string>('modelPath');
    assert.ok(original, 'the runner sets electraFeedback.modelPath');
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'electra-model-copy-'));
    fs.cpSync(original, copy, { recursive: true });
    await setSetting('threshold', 0);
    try {
      const onCopy = waitForModelOn(api, copy!);
      await setSetting('modelPath', copy);
      assert.equal(vscode.workspace.getConfiguration(SECTION).get('modelPath'), copy, 'the new value is in effect');
      const uri = await scratchFile('model-switch.md', 'Checked by the copied model.\n');
      await open(uri);
      await onCopy;
      await waitForDiagnostics(uri, (ds) => ds.length === 5, 'five flags (every word) from the copied model');
    } finally {
      await restoreModel(api, original);
    }
  });
});

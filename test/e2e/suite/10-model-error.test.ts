// A broken model in the real editor: modelPath pointing at a folder whose discriminator is
// truncated, then at a folder that does not exist. The model goes to its error state with
// one line naming the file at fault and what to do; edits do not bring back a stack of
// reloads (the model stays in error, documents are not flagged); Check Document retries;
// a good folder brings everything back. The notification and the status bar as a user sees
// them are checked in the browser by scripts/e2e-ui.mjs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeEditors, open, restoreModel, scratchFile, SECTION, setSetting, waitForDiagnostics, waitForModel } from '../helpers';

describe('a broken model in the editor', () => {
  let broken = '';
  let good = '';
  before(() => {
    good = vscode.workspace.getConfiguration(SECTION).get<string>('modelPath') ?? '';
    assert.ok(good, 'the runner sets electraFeedback.modelPath');
    broken = fs.mkdtempSync(path.join(os.tmpdir(), 'electra-broken-model-'));
    fs.cpSync(good, broken, { recursive: true });
    const onnx = path.join(broken, 'onnx', 'model.onnx');
    fs.truncateSync(onnx, Math.floor(fs.statSync(onnx).size / 3));
  });
  after(async () => {
    await closeEditors();
    fs.rmSync(broken, { recursive: true, force: true });
  });

  it('a truncated model: error state naming the file, no flags, no reload per edit; a good folder recovers', async () => {
    const api = await activate();
    await setSetting('threshold', 0);
    const uri = await scratchFile('broken-model.md', 'Nothing here is checked while the model is broken.\n');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'flags from the good model first');
    try {
      const failed = waitForModel(api, (s) => s.kind === 'error', 'the error state');
      await setSetting('modelPath', broken);
      const state = await failed;
      assert.ok(state.kind === 'error');
      assert.match(state.message, /onnx[/\\]model\.onnx/, `the message names the file: ${state.message}`);
      assert.doesNotMatch(state.message, /\n\s+at /, 'one line, not a stack trace');
      // The good model's flags go with the failed check: nothing stays claimed that was not checked.
      await waitForDiagnostics(uri, (ds) => ds.length === 0, 'the earlier flags cleared by the failed check');

      // Edits while broken: each edit's check fails fast on the same error, without a new
      // load (and its progress notification) per keystroke.
      const states: string[] = [];
      const sub = api.model.onDidChangeState((s) => states.push(s.kind));
      try {
        for (let i = 0; i < 5; i++) {
          assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(0), 'Still ')));
          await assert.rejects(api.diagnostics.check(editor.document), /model\.onnx/, 'the check reports the model error');
        }
        assert.deepEqual(states.filter((s) => s === 'loading'), [], `no reload per edit (states: ${states.join(', ')})`);
        assert.equal(api.model.state.kind, 'error');
      } finally {
        sub.dispose();
      }

      // Check Document is the explicit retry: it restarts the worker and fails again, the same way.
      const retried = waitForModel(api, (s) => s.kind === 'loading', 'a retry');
      const outcome = vscode.commands.executeCommand('electraFeedback.checkDocument');
      await retried;
      assert.equal(await outcome, undefined, 'the command resolves (no "command failed" popup on top of the notification)');
      const again = await waitForModel(api, (s) => s.kind === 'error', 'the error state after the retry');
      assert.ok(again.kind === 'error' && /model\.onnx/.test(again.message));

      const missing = path.join(broken, 'no-such-folder');
      const gone = waitForModel(api, (s) => s.kind === 'error' && s.message.includes('no-such-folder'), 'the error for a missing folder');
      await setSetting('modelPath', missing);
      await vscode.commands.executeCommand('electraFeedback.checkDocument');
      const m = await gone;
      assert.ok(m.kind === 'error');
      assert.doesNotMatch(m.message, /\n\s+at /);
    } finally {
      await restoreModel(api, good);
    }
    await setSetting('threshold', 0);
    try {
      await waitForDiagnostics(uri, (ds) => ds.length > 0, 'flags again once the model is good');
    } finally {
      await setSetting('threshold', undefined);
    }
  });
});

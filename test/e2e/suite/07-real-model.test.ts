/** One smoke test with the embedded default model (models/electra-feedback/), when it is there. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeEditors, EXTENSION_ID, open, percentOf, quotedWord, scratchFile, setSetting, waitForDiagnostics, waitForEngine } from '../helpers';

describe('default model', () => {
  after(async () => {
    await setSetting('threshold', undefined);
    await closeEditors();
  });

  it('the embedded model scores a planted wrong word above the rest of its sentence', async function () {
    const api = await activate();
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.fsPath;
    if (!fs.existsSync(path.join(root, 'models/electra-feedback/onnx/model.onnx'))) {
      console.log('      (models/electra-feedback/ is not there yet: skipped)');
      this.skip();
    }
    const modelPath = vscode.workspace.getConfiguration('electraFeedback').get<string>('modelPath');
    const embedded = path.resolve(root, 'models/electra-feedback');
    const onEmbedded = waitForEngine(api, (s) => s.kind === 'ready' && path.resolve(s.info.dir) === embedded, `ready on ${embedded}`, 180_000);
    await setSetting('modelPath', ''); // '' = the embedded default model
    await setSetting('threshold', 0);
    try {
      const uri = await scratchFile('real-model.txt', 'After school we went to the park and played football until it got dark.\nShe drank a glass of cold elephant before bed.\n');
      const { document: doc } = await open(uri);
      await onEmbedded;
      const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => quotedWord(d.message) === 'elephant'), 'a score for "elephant"', 180_000);
      const score = (w: string) => percentOf(diags.find((d) => quotedWord(d.message) === w)!.message) ?? -1;
      const secondLine = diags.filter((d) => d.range.start.line === 1).map((d) => doc.getText(d.range));
      const ranked = [...secondLine].sort((a, b) => score(b) - score(a));
      console.log(`      default model, sentence 2 ranked: ${ranked.map((w) => `${w} ${score(w)}%`).join(', ')}`);
      assert.ok(ranked.slice(0, 2).includes('elephant'), `"elephant" is not among the two most suspicious words: ${ranked.join(', ')}`);
    } finally {
      await setSetting('modelPath', modelPath);
    }
  });
});

/**
 * One smoke test with the embedded default model (models/electra-feedback/), when it is there:
 * the extension runs it by default and its scores reach the editor. How good those scores are
 * is measured with statistics by `npm run eval` (models/electra-feedback/MODEL_CARD.md), not by
 * one planted sentence: the CPU-trained model ranks a planted wrong word first only sometimes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, closeEditors, embeddedModelDir, fixture, open, percentOf, quotedWord, scratchFile, setSetting, waitForDiagnostics, waitForModelOn } from '../helpers';

describe('default model', () => {
  after(async () => {
    await setSetting('threshold', undefined);
    await closeEditors();
  });

  it('the embedded model is the default: every word of a document gets its own score in the editor', async function () {
    const api = await activate();
    const embedded = embeddedModelDir();
    if (!embedded) {
      console.log('      (models/electra-feedback/ is not there yet: skipped)');
      this.skip();
    }
    const modelPath = vscode.workspace.getConfiguration('electraFeedback').get<string>('modelPath');
    const onEmbedded = waitForModelOn(api, embedded, 180_000);
    await setSetting('modelPath', ''); // '' = the embedded default model
    await setSetting('threshold', 0);
    try {
      const uri = await scratchFile('real-model.txt', 'After school we went to the park and played football until it got dark.\nShe drank a glass of cold elephant before bed.\n');
      const { document: doc } = await open(uri);
      await onEmbedded;
      const words = doc.getText().match(/\p{L}+/gu)!;
      const diags = await waitForDiagnostics(uri, (ds) => ds.length === words.length, `a score for each of the ${words.length} words`, 180_000);
      const inOrder = [...diags].sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start));
      const scored = inOrder.map((d) => ({ word: doc.getText(d.range), line: d.range.start.line, quoted: quotedWord(d.message), percent: percentOf(d.message) ?? -1 }));
      const ranked = scored.filter((w) => w.line === 1).sort((a, b) => b.percent - a.percent);
      console.log(`      default model, sentence 2 ranked: ${ranked.map((w) => `${w.word} ${w.percent}%`).join(', ')}`);
      for (const w of scored) assert.equal(w.quoted, w.word, 'each diagnostic quotes the word its range covers');
      assert.deepEqual(scored.map((w) => w.word), words, 'one diagnostic per word, in document order');
      // The tiny random model gives ~50% to every word; the trained one spreads its scores.
      const percents = new Set(scored.map((w) => w.percent));
      assert.ok(percents.size >= 5, `scores should differ between words: ${[...percents].join(', ')}`);
    } finally {
      await setSetting('modelPath', modelPath);
    }
  });

  it('cold start in the editor: a new worker loads the embedded model and flags a 1,000-word document (time printed)', async function () {
    const api = await activate();
    const embedded = embeddedModelDir();
    if (!embedded) this.skip();
    const modelPath = vscode.workspace.getConfiguration('electraFeedback').get<string>('modelPath');
    // 1,000 words of Markdown: the fixture essays' paragraphs, in turn.
    const paragraphs = ['essay.md', 'draft.md'].flatMap((f) => fs.readFileSync(fixture(f).fsPath, 'utf8').split(/\n\s*\n/)).filter((p) => !p.startsWith('#') && p.trim());
    let text = '# Cold start\n\n';
    for (let i = 0; (text.match(/\p{L}+/gu) ?? []).length < 1000; i++) text += `${paragraphs[i % paragraphs.length].trim()}\n\n`;
    const words = (text.match(/\p{L}+/gu) ?? []).length;
    const uri = await scratchFile('cold-start.md', text);
    await setSetting('threshold', 0);
    try {
      await closeEditors();
      await setSetting('modelPath', ''); // the embedded model
      // A worker that nothing has asked for yet: the next check starts it cold.
      await api.model.restart('cold start measurement');
      const onEmbedded = waitForModelOn(api, embedded, 180_000);
      const t0 = performance.now();
      await open(uri);
      await onEmbedded;
      const loaded = performance.now() - t0;
      await waitForDiagnostics(uri, (ds) => ds.length === words, `a flag on each of the ${words} words`, 180_000);
      const total = performance.now() - t0;
      console.log(`      cold start in the editor: activate() ${api.activationMs.toFixed(0)} ms; open → model loaded ${loaded.toFixed(0)} ms → first diagnostics of ${words} words ${total.toFixed(0)} ms (benchmark target 2,000 ms)`);
    } finally {
      await setSetting('modelPath', modelPath);
      await setSetting('threshold', undefined);
    }
  });
});

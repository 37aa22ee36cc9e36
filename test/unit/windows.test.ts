// Windowing: a text that fits one window is scored exactly as one direct pass; a long
// text is covered by overlapping, sentence-aligned windows, and each token's score is
// the one its best window gives when run on its own.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { openModelFolder } from '../../src/core/model-folder';
import { NetworkSession } from '../../src/core/runtime';
import { WordPieceTokenizer } from '../../src/core/tokenizer';
import { bestWindowPerToken, planWindows, scoreWindows } from '../../src/core/windows';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

describe('windows: planning', () => {
  it('keeps a block that fits in exactly one window', () => {
    assert.deepEqual(planWindows(510, [0, 100], () => true, { capacity: 510 }), [{ start: 0, end: 510 }]);
    assert.deepEqual(planWindows(0, [], () => true, { capacity: 510 }), [{ start: 0, end: 0 }]);
  });

  it('covers a long block with overlapping windows that end on sentence starts and never exceed the capacity', () => {
    const n = 2000;
    const sentenceStarts = Array.from({ length: 100 }, (_, i) => i * 20);
    const windows = planWindows(n, sentenceStarts, () => true, { capacity: 100 });
    assert.equal(windows[0].start, 0);
    assert.equal(windows[windows.length - 1].end, n);
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      assert.ok(w.end - w.start <= 100 && w.end > w.start, `window ${i} size`);
      if (i > 0) {
        assert.ok(w.start > windows[i - 1].start, 'progress');
        assert.ok(w.start < windows[i - 1].end, 'overlap');
      }
      if (w.end < n) assert.ok(sentenceStarts.includes(w.end), `window ${i} ends on a sentence start`);
    }
    // Every token is owned by a window that holds it, with context on both sides when possible.
    const owner = bestWindowPerToken(n, windows);
    for (let t = 0; t < n; t++) {
      const w = windows[owner[t]];
      assert.ok(w.start <= t && t < w.end);
    }
    assert.ok(windows.length <= Math.ceil(n / 50), `${windows.length} windows is too many`);
  });

  it('in sentence units, gives each sentence its own window and cuts only a sentence longer than the capacity', () => {
    const windows = planWindows(260, [0, 40, 90, 100], () => true, { capacity: 100, unit: 'sentence' });
    assert.deepEqual(windows.slice(0, 3), [{ start: 0, end: 40 }, { start: 40, end: 90 }, { start: 90, end: 100 }]);
    const rest = windows.slice(3);
    assert.equal(rest[0].start, 100);
    assert.equal(rest[rest.length - 1].end, 260);
    assert.ok(rest.length >= 2 && rest.every((w) => w.end - w.start <= 100 && w.start >= 100));
  });

  it('cuts a sentence longer than a window at a word start, not inside a word', () => {
    const isWordStart = (t: number): boolean => t % 3 === 0;
    const windows = planWindows(1000, [0], isWordStart, { capacity: 100 });
    for (const w of windows.slice(0, -1)) assert.ok(isWordStart(w.end), `cut at ${w.end}`);
  });
});

describe('windows: scores', () => {
  let checker: Checker;
  let tok: WordPieceTokenizer;
  let session: NetworkSession;
  before(async () => {
    checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    tok = WordPieceTokenizer.load(await openModelFolder(TINY_MODEL_DIR));
    session = await NetworkSession.open(`${TINY_MODEL_DIR}/onnx/model.onnx`, 'cpu', () => undefined);
  });
  after(async () => {
    await checker.dispose();
    await session.release();
  });

  const runAlone = async (ids: ArrayLike<number>): Promise<Float32Array> => {
    const row = [tok.clsId, ...Array.from(ids), tok.sepId];
    const out = await session.run({ ids: BigInt64Array.from(row, BigInt), mask: new BigInt64Array(row.length).fill(1n), rows: 1, seq: row.length });
    return out.data.slice(1, row.length - 1);
  };

  it('gives each sentence exactly the scores of a single pass over that sentence alone', async () => {
    const first = 'The committee will review the proposals next week.';
    const second = 'Unbelievably, nobody objected to the plan!';
    const doc = await checker.score(`${first} ${second}`, 'plaintext');
    const expected: number[] = [];
    for (const sentence of [first, second]) {
      const t = await tok.tokenize(sentence);
      const logits = await runAlone(t.ids);
      for (let w = 0; w < t.wordStart.length; w++) {
        if (t.wordClass[w] !== 0) continue;
        let m = 0;
        for (let k = t.wordFirstToken[w]; k < t.wordEndToken[w]; k++) m = Math.max(m, sigmoid(logits[k]));
        expected.push(m);
      }
    }
    assert.deepEqual(doc.words.map((w) => w.score), expected);
    assert.equal(doc.wordCount, 14);
    // and so a sentence scores the same alone as inside a longer paragraph
    const alone = await checker.score(second, 'plaintext');
    assert.deepEqual(alone.words.map((w) => w.score), doc.words.slice(8).map((w) => w.score));
  });

  it('scores a text longer than one window from each token\'s best window, batched as run alone', async () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Sentence ${i} talks about a different topic than the one before it.`);
    const text = sentences.join(' ');
    const t = await tok.tokenize(text);
    assert.ok(t.ids.length > 1000, `${t.ids.length} tokens`);
    const windows = planWindows(t.ids.length, [0], (k) => k === 0 || t.tokenWord[k] !== t.tokenWord[k - 1], { capacity: 200 });
    assert.ok(windows.length > 5);
    const batched = (await scoreWindows([{ ids: t.ids, windows }], (b) => session.run(b), { clsId: tok.clsId, sepId: tok.sepId, padId: tok.padId, batchSize: 4 }))[0];
    const owner = bestWindowPerToken(t.ids.length, windows);
    for (let wi = 0; wi < windows.length; wi++) {
      const alone = await runAlone(t.ids.subarray(windows[wi].start, windows[wi].end));
      for (let k = windows[wi].start; k < windows[wi].end; k++) {
        if (owner[k] === wi) assert.ok(Math.abs(alone[k - windows[wi].start] - batched[k]) < 1e-4, `token ${k}`);
      }
    }
    // Through the checker (512-token windows): every word is scored and in range.
    const doc = await checker.score(text, 'plaintext');
    assert.equal(doc.sentences.length, 120);
    assert.equal(doc.wordCount, 120 * 11); // the sentence number is never a word
    for (const w of doc.words) {
      assert.ok(w.score > 0 && w.score < 1);
      assert.equal(text.slice(w.start, w.end), w.text);
    }
  });

  it('scores several documents in one batched pass as it scores each alone', async () => {
    const docs = [
      { source: '# Title\n\nA short paragraph with words.', format: 'markdown' as const },
      { source: 'Another text, somewhat longer than the first one, to make the batch need padding.', format: 'plaintext' as const },
      { source: '', format: 'plaintext' as const },
    ];
    const together = await checker.scoreMany(docs);
    assert.equal(together.length, 3);
    for (let i = 0; i < docs.length; i++) {
      const alone = await checker.score(docs[i].source, docs[i].format);
      assert.deepEqual(together[i].words.map((w) => [w.start, w.end, w.text, w.sentence]), alone.words.map((w) => [w.start, w.end, w.text, w.sentence]));
      assert.deepEqual(together[i].sentences, alone.sentences);
      together[i].words.forEach((w, k) => assert.ok(Math.abs(w.score - alone.words[k].score) < 1e-5, w.text));
    }
    assert.deepEqual(await checker.scoreMany([]), []);
  });
});

// Live checking re-scores only the paragraphs an edit changed, and the cached scores map
// back to the right source offsets. Uses the real extractor and the real Checker on the
// tiny random-weight model (plumbing: the scores mean nothing, their bookkeeping does).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Checker } from '../../src/core/checker';
import { extractProse } from '../../src/core/extract';
import type { ScoredText } from '../../src/core/types';
import { scoreIncrementally } from '../../src/extension/incremental-scorer';
import { ParagraphCache } from '../../src/extension/paragraph-cache';

const MODEL = join(__dirname, '../.cache/tiny-model');

describe('extension incremental scoring', function () {
  let checker: Checker;
  const asked: string[][] = [];
  const scoreBlocks = async (texts: string[]): Promise<ScoredText[]> => {
    asked.push(texts);
    const out: ScoredText[] = [];
    for (const t of texts) out.push(await checker.score(t, 'plaintext'));
    return out;
  };

  before(async () => {
    assert.ok(existsSync(join(MODEL, 'onnx/model.onnx')), `tiny model missing: /usr/bin/python3 models/training/export.py --random-tiny --seed 0 --out test/.cache/tiny-model`);
    checker = await Checker.create({ modelDir: MODEL, provider: 'cpu' });
  });
  after(async () => checker?.dispose());
  beforeEach(() => (asked.length = 0));

  const essay = [
    '# A *short* essay',
    '',
    'The first paragraph talks about **rivers** and [their banks](https://example.com).',
    '',
    'The second paragraph has `code` and a plain sentence about mountains.',
    '',
    '- A list item about the sea.',
    '',
  ].join('\n');

  it('maps every scored word to a source span whose text is the word', async () => {
    const r = await scoreIncrementally(extractProse(essay, 'markdown'), new ParagraphCache(), scoreBlocks);
    assert.ok(r.words.length > 10);
    for (const w of r.words) assert.equal(essay.slice(w.start, w.end), w.text, `word at ${w.start}`);
    assert.ok(!r.words.some((w) => w.text === 'code' || w.text === 'https'), 'code and URLs are not prose');
    for (let i = 1; i < r.words.length; i++) assert.ok(r.words[i].start >= r.words[i - 1].end, 'source order, no overlap');
  });

  it('re-scores only the changed paragraph after an edit, and shifts later offsets', async () => {
    const cache = new ParagraphCache<ScoredText>();
    const before = await scoreIncrementally(extractProse(essay, 'markdown'), cache, scoreBlocks);
    assert.equal(before.scoredBlocks, before.totalBlocks);
    const edited = essay.replace('second paragraph has', 'second, much longer paragraph has');
    asked.length = 0;
    const after = await scoreIncrementally(extractProse(edited, 'markdown'), cache, scoreBlocks);
    assert.equal(after.scoredBlocks, 1);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].length, 1);
    assert.match(asked[0][0], /much longer paragraph/);
    const shift = edited.length - essay.length;
    const sea = (r: typeof before) => r.words.find((w) => w.text === 'sea');
    assert.equal(sea(after)?.start, (sea(before)?.start ?? NaN) + shift);
    assert.equal(sea(after)?.score, sea(before)?.score);
    for (const w of after.words) assert.equal(edited.slice(w.start, w.end), w.text);
  });

  it('gives the same scores from the cache as from scoring each paragraph directly', async () => {
    const prose = extractProse(essay, 'markdown');
    const cache = new ParagraphCache<ScoredText>();
    await scoreIncrementally(prose, cache, scoreBlocks);
    const cached = await scoreIncrementally(prose, cache, scoreBlocks);
    assert.equal(cached.scoredBlocks, 0);
    const direct = await checker.score(prose.text.slice(prose.blocks[1].start, prose.blocks[1].end), 'plaintext');
    const rivers = cached.words.find((w) => w.text === 'rivers');
    assert.equal(rivers?.score, direct.words.find((w) => w.text === 'rivers')?.score);
  });

  it('scores a paragraph that appears twice once', async () => {
    const text = 'The same paragraph again.\n\nThe same paragraph again.\n';
    const r = await scoreIncrementally(extractProse(text, 'plaintext'), new ParagraphCache(), scoreBlocks);
    assert.deepEqual(asked.map((a) => a.length), [1]);
    assert.equal(r.words.filter((w) => w.text === 'paragraph').length, 2);
  });

  it('stops between batches when the document changed', async () => {
    const text = Array.from({ length: 5 }, (_, i) => `Paragraph number ${['one', 'two', 'three', 'four', 'five'][i]}.`).join('\n\n');
    let batches = 0;
    const r = await scoreIncrementally(extractProse(text, 'plaintext'), new ParagraphCache(), scoreBlocks, {
      batchSize: 2,
      isCancelled: () => batches++ >= 1,
    });
    assert.equal(r.cancelled, true);
    assert.equal(r.scoredBlocks, 2);
    assert.deepEqual(asked.map((a) => a.length), [2]);
  });
});

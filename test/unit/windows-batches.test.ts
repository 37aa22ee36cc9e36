// Batch planning: every window is run exactly once, as [CLS] window [SEP] plus padding,
// longest first, within the row and token limits; the checker's planned batches are the
// ones its scoring runs, so running them reproduces its scores.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { NetworkSession } from '../../src/core/runtime';
import { planBatches, type BlockTokens } from '../../src/core/windows';
import { plannedBatches } from './helpers/planned-batches';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const CLS = 101;
const SEP = 102;
const PAD = 0;

/** The 32-bit low words of an int64 tensor (token ids and masks fit in them). */
const low = (xs: BigInt64Array): number[] => Array.from(xs, Number);

describe('windows: batch planning', () => {
  const blocks: BlockTokens[] = [
    { ids: Int32Array.from([5, 6, 7]), windows: [{ start: 0, end: 3 }] },
    { ids: Int32Array.from([8]), windows: [{ start: 0, end: 1 }] },
    { ids: Int32Array.from([9, 10, 11, 12, 13, 14]), windows: [{ start: 0, end: 4 }, { start: 2, end: 6 }] },
    { ids: new Int32Array(0), windows: [{ start: 0, end: 0 }] },
  ];

  it('packs every non-empty window once, longest first, as [CLS] tokens [SEP] then padding', () => {
    const batches = planBatches(blocks, { clsId: CLS, sepId: SEP, padId: PAD, batchSize: 2 });
    assert.deepEqual(batches.map((b) => [b.input.rows, b.input.seq]), [[2, 6], [2, 5]]);
    assert.deepEqual(batches.flatMap((b) => b.jobs.map((j) => `${j.block}/${j.window}`)).sort(), ['0/0', '1/0', '2/0', '2/1']);
    const first = batches[0].input;
    assert.deepEqual(low(first.ids).slice(0, 6), [CLS, 9, 10, 11, 12, SEP]);
    const last = batches[1].input;
    assert.deepEqual(low(last.ids), [CLS, 5, 6, 7, SEP, CLS, 8, SEP, PAD, PAD]);
    assert.deepEqual(low(last.mask), [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it('never exceeds the row or padded-token limits', () => {
    const many: BlockTokens[] = Array.from({ length: 50 }, (_, i) => ({ ids: new Int32Array(1 + (i % 17)).fill(7), windows: [{ start: 0, end: 1 + (i % 17) }] }));
    const batches = planBatches(many, { clsId: CLS, sepId: SEP, padId: PAD, batchSize: 8, maxBatchTokens: 60 });
    assert.equal(batches.reduce((n, b) => n + b.input.rows, 0), 50);
    for (const b of batches) {
      assert.ok(b.input.rows <= 8 && b.input.rows * b.input.seq <= 60, `${b.input.rows}x${b.input.seq}`);
      for (const j of b.jobs) assert.ok(j.range.end - j.range.start + 2 <= b.input.seq);
    }
  });

  it('gives the checker\'s own batches: running them reproduces its logits', async () => {
    const checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu', batchSize: 3 });
    const session = await NetworkSession.open(`${TINY_MODEL_DIR}/onnx/model.onnx`, 'cpu', () => undefined);
    try {
      const source = '# Title\n\nA first paragraph of words.\n\nA second, longer paragraph that needs padding in its batch.\n\n- an item\n- another item';
      const batches = await plannedBatches(TINY_MODEL_DIR, [{ source, format: 'markdown' }], 3);
      assert.equal(batches.reduce((n, b) => n + b.rows, 0), 5); // heading, two paragraphs, two items
      assert.ok(batches.every((b) => b.rows <= 3));
      const doc = await checker.score(source, 'markdown');
      const scores = new Set<number>();
      for (const b of batches) {
        const out = await session.run(b);
        for (let i = 0; i < out.data.length; i++) if (low(b.mask)[i] === 1) scores.add(Math.round(1e4 / (1 + Math.exp(-out.data[i]))));
      }
      // Every word score of the checker is a sigmoid of some logit these batches produce.
      for (const w of doc.words) assert.ok(scores.has(Math.round(w.score * 1e4)), `${w.text} ${w.score}`);
    } finally {
      await checker.dispose();
      await session.release();
    }
  });
});

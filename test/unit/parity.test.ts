// The engine reproduces the exporter's PyTorch reference (parity.json of the model
// folder): same token ids from our tokenizer, same logits from our runtime, alone and in
// a padded batch through the windowing code, and the generator's top-5 for a [MASK].
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openModelFolder } from '../../src/core/model-folder';
import { NetworkSession } from '../../src/core/runtime';
import { WordPieceTokenizer } from '../../src/core/tokenizer';
import { scoreWindows } from '../../src/core/windows';
import { DEFAULT_MODEL_DIR } from '../../src/core/defaults';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

interface ParityItem { text: string; input_ids: number[]; logits: number[] }
interface Parity {
  tolerance: number;
  items: ParityItem[];
  generator?: { input_ids: number[]; mask_position: number; top5_ids: number[] };
}

// The tiny plumbing model and the embedded default model each carry their exporter's reference.
const MODELS = [TINY_MODEL_DIR, DEFAULT_MODEL_DIR].filter((dir) => dir === TINY_MODEL_DIR || existsSync(path.join(dir, 'parity.json')));

for (const MODEL_DIR of MODELS) describe(`parity with the PyTorch reference: ${path.basename(MODEL_DIR)}`, () => {
  // Read in `before`: the tiny model is exported by the root hook, after the files load.
  let parity: Parity;
  let tok: WordPieceTokenizer;
  let disc: NetworkSession;
  before(async () => {
    parity = JSON.parse(readFileSync(path.join(MODEL_DIR, 'parity.json'), 'utf8'));
    const folder = await openModelFolder(MODEL_DIR);
    tok = WordPieceTokenizer.load(folder);
    disc = await NetworkSession.open(folder.onnxPath, 'cpu', () => undefined);
  });
  after(() => disc.release());

  it('tokenizes every reference text to the reference ids', async () => {
    for (const item of parity.items) {
      const t = await tok.tokenize(item.text);
      assert.deepEqual([tok.clsId, ...t.ids, tok.sepId], item.input_ids, item.text);
    }
  });

  it('gives the reference logits for all texts in one padded batch', async () => {
    const blocks = await Promise.all(parity.items.map(async (item) => {
      const t = await tok.tokenize(item.text);
      return { ids: t.ids, windows: [{ start: 0, end: t.ids.length }] };
    }));
    const logits = await scoreWindows(blocks, (b) => disc.run(b), { clsId: tok.clsId, sepId: tok.sepId, padId: tok.padId });
    parity.items.forEach((item, i) => {
      const expected = item.logits.slice(1, -1);
      assert.equal(logits[i].length, expected.length);
      logits[i].forEach((x, k) => assert.ok(Math.abs(x - expected[k]) <= parity.tolerance, `${item.text} token ${k}: ${x} vs ${expected[k]}`));
    });
  });

  it('gives the generator\'s reference top-5 for a [MASK]', async function () {
    const g = parity.generator;
    if (!g) this.skip();
    const gen = await NetworkSession.open(path.join(MODEL_DIR, 'generator', 'onnx', 'model.onnx'), 'cpu', () => undefined);
    try {
      const n = g.input_ids.length;
      const out = await gen.run({ ids: BigInt64Array.from(g.input_ids, BigInt), mask: new BigInt64Array(n).fill(1n), rows: 1, seq: n });
      const vocab = out.dims[2];
      const row = Array.from(out.data.subarray(g.mask_position * vocab, (g.mask_position + 1) * vocab));
      const top5 = row.map((x, id) => [x, id]).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([, id]) => id);
      assert.deepEqual(top5, g.top5_ids);
    } finally {
      await gen.release();
    }
  });
});

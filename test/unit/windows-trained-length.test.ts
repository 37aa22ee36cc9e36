// The window rule: the checker never scores in a window longer than the rows its discriminator
// was trained on (config.json `train_max_length`), so a word's score does not depend on how long
// its paragraph is; a folder that does not say is scored at `max_position_embeddings`.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { ModelError } from '../../src/core/errors';
import { openModelFolder } from '../../src/core/model-folder';
import { scoringWindow } from '../../src/core/prepare';
import { plannedBatches } from './helpers/planned-batches';
import { rewriteManifest } from './helpers/model-copy';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

/** A copy of the tiny model whose config.json gets `extra`, manifest re-hashed. */
function tinyWith(extra: Record<string, unknown>): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ef-window-')), 'model');
  cpSync(TINY_MODEL_DIR, dir, { recursive: true });
  const configPath = path.join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), ...extra }));
  rewriteManifest(dir);
  return dir;
}

const LONG = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} says something plain about the weather.`).join(' ');

describe('windows: the length the model was trained on', () => {
  const made: string[] = [];
  after(() => made.forEach((d) => rmSync(path.dirname(d), { recursive: true, force: true })));
  const folder = (extra: Record<string, unknown>): string => {
    const d = tinyWith(extra);
    made.push(d);
    return d;
  };

  it('reads train_max_length, and scores a folder that does not say at max_position_embeddings', async () => {
    assert.equal((await openModelFolder(TINY_MODEL_DIR)).config.trainedLength, 512);
    assert.equal((await openModelFolder(folder({ train_max_length: 128 }))).config.trainedLength, 128);
    // more than the position table holds is capped by it
    assert.equal((await openModelFolder(folder({ train_max_length: 4096 }))).config.trainedLength, 512);
  });

  it('rejects a train_max_length that is not a usable length, naming config.json', async () => {
    for (const bad of [0, 7, 12.5, '128']) {
      await assert.rejects(openModelFolder(folder({ train_max_length: bad })), (e: unknown) =>
        e instanceof ModelError && e.file.endsWith('config.json') && /train_max_length/.test(e.message));
    }
  });

  it('plans no window longer than the trained length, [CLS] and [SEP] included, with a quarter overlap', async () => {
    const dir = folder({ train_max_length: 48 });
    const window = scoringWindow((await openModelFolder(dir)).config);
    assert.deepEqual(window, { length: 48, overlap: 11, unit: 'sentence' });
    const batches = await plannedBatches(dir, [{ source: LONG, format: 'plaintext' }]);
    assert.ok(batches.length > 0);
    assert.ok(batches.every((b) => b.seq <= 48), `batch lengths ${batches.map((b) => b.seq).join(', ')}`);
    const rows = batches.reduce((n, b) => n + b.rows, 0);
    assert.ok(rows >= 12, `a ~700-token paragraph in 46-token windows needs many rows, got ${rows}`);
    const long = 'word '.repeat(300).trim() + '.';
    const cut = await plannedBatches(dir, [{ source: long, format: 'plaintext' }]);
    const wide = await plannedBatches(TINY_MODEL_DIR, [{ source: long, format: 'plaintext' }]);
    assert.ok(cut.every((b) => b.seq <= 48) && cut.reduce((n, b) => n + b.rows, 0) > 6, 'a 300-word sentence is cut into 48-token windows');
    assert.ok(Math.max(...wide.map((b) => b.seq)) > 48, 'the 512-token folder scores the same sentence in longer windows');
  });

  it('the checker reports and uses that window, and still scores every word of a long paragraph', async () => {
    const checker = await Checker.create({ modelDir: folder({ train_max_length: 48 }), provider: 'cpu' });
    try {
      assert.equal(checker.info.maxLength, 48);
      const doc = await checker.score(LONG, 'plaintext');
      assert.equal(doc.wordCount, LONG.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length);
      assert.ok(doc.words.every((w) => w.score > 0 && w.score < 1));
    } finally {
      await checker.dispose();
    }
  });
});

// A damaged model folder fails with a ModelError that names the damaged file and says
// what to do: missing, truncated or altered files, a vocabulary that does not match the
// config, a masked LM where the discriminator belongs, a missing manifest.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, copyFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { ModelError } from '../../src/core/errors';
import { openModelFolder } from '../../src/core/model-folder';
import { rewriteManifest } from './helpers/model-copy';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

async function createError(dir: string, options: { trustUnverified?: boolean } = {}): Promise<ModelError> {
  try {
    const c = await Checker.create({ modelDir: dir, provider: 'cpu', ...options });
    await c.dispose();
  } catch (e) {
    assert.ok(e instanceof ModelError, `expected a ModelError, got ${String(e)}`);
    return e;
  }
  assert.fail('the model folder was accepted');
}

describe('model folder: verification', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'ef-model-')), 'model');
    cpSync(TINY_MODEL_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('opens the intact folder with its generator', async () => {
    const folder = await openModelFolder(dir);
    assert.equal(folder.name, 'model');
    assert.equal(folder.config.vocabSize, 30522);
    assert.equal(folder.config.maxLength, 512);
    assert.ok(folder.generator);
    await folder.verified(folder.onnxPath);
  });

  it('names a missing file', async () => {
    unlinkSync(path.join(dir, 'tokenizer.json'));
    const e = await createError(dir);
    assert.equal(e.file, path.join(dir, 'tokenizer.json'));
    assert.match(e.message, /missing/);
    assert.match(e.hint, /export/i);
  });

  it('names a truncated file', async () => {
    const onnx = path.join(dir, 'onnx', 'model.onnx');
    truncateSync(onnx, 1000);
    const e = await createError(dir);
    assert.equal(e.file, onnx);
    assert.match(e.message, /1000 bytes but manifest.json says \d+ \(truncated/);
  });

  it('names a file whose sha256 does not match (same size, one byte changed)', async () => {
    const onnx = path.join(dir, 'onnx', 'model.onnx');
    const bytes = readFileSync(onnx);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(onnx, bytes);
    await openModelFolder(dir); // sizes match: opening is cheap and passes; hashing happens before use
    const e = await createError(dir);
    assert.equal(e.file, onnx);
    assert.match(e.message, /sha256 [0-9a-f]{64} does not match/);
  });

  it('names the tokenizer when its vocabulary does not match config.json', async () => {
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), vocab_size: 30000 }));
    writeFileSync(path.join(dir, 'generator', 'config.json'), readFileSync(config));
    rewriteManifest(dir);
    const e = await createError(dir);
    assert.equal(e.file, path.join(dir, 'tokenizer.json'));
    assert.match(e.message, /30522 tokens but config.json says vocab_size 30000/);
  });

  it('recognises a masked LM exported where the discriminator belongs', async () => {
    copyFileSync(path.join(dir, 'generator', 'onnx', 'model.onnx'), path.join(dir, 'onnx', 'model.onnx'));
    rewriteManifest(dir);
    const e = await createError(dir);
    assert.equal(e.file, path.join(dir, 'onnx', 'model.onnx'));
    assert.match(e.message, /this looks like an ElectraForMaskedLM/);
  });

  it('requires manifest.json unless the folder is explicitly trusted', async () => {
    unlinkSync(path.join(dir, 'manifest.json'));
    const e = await createError(dir);
    assert.equal(e.file, path.join(dir, 'manifest.json'));
    const c = await Checker.create({ modelDir: dir, provider: 'cpu', trustUnverified: true });
    assert.equal(c.info.name, 'model');
    await c.dispose();
  });

  it('names a config.json without vocab_size, and a folder that does not exist', async () => {
    writeFileSync(path.join(dir, 'config.json'), '{"max_position_embeddings": 512}');
    rewriteManifest(dir);
    const e = await createError(dir);
    assert.equal(e.file, path.join(dir, 'config.json'));
    assert.match(e.message, /vocab_size/);
    const missing = await createError(path.join(dir, 'nope'));
    assert.equal(missing.file, path.join(dir, 'nope'));
  });
});

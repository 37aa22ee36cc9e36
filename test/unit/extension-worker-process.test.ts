// The real inference worker (src/worker/worker.ts, bundled as the build does) answers the
// protocol with the real Checker on the tiny random-weight model, and reports a broken
// model folder as a ModelError naming the file.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WorkerClient, WorkerRequestError } from '../../src/extension/worker-client';

const ROOT = join(__dirname, '../..');
const MODEL = join(ROOT, 'test/.cache/tiny-model');
// Inside the repo so that the bundle resolves onnxruntime-node and tokenizers from node_modules.
const BUNDLE = join(ROOT, 'test/.cache/worker-bundle/worker.js');

describe('extension worker process (real model)', function () {
  const clients: WorkerClient[] = [];
  const logs: string[] = [];

  before(async () => {
    assert.ok(existsSync(join(MODEL, 'onnx/model.onnx')), `tiny model missing: /usr/bin/python3 models/training/export.py --random-tiny --seed 0 --out test/.cache/tiny-model`);
    mkdirSync(join(ROOT, 'test/.cache/worker-bundle'), { recursive: true });
    await build({
      entryPoints: [join(ROOT, 'src/worker/worker.ts')],
      outfile: BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode', 'onnxruntime-node', 'tokenizers'],
      logLevel: 'silent',
    });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  function client(modelDir: string): WorkerClient {
    const c = new WorkerClient({ modulePath: BUNDLE, init: { modelDir, provider: 'cpu' }, log: (l, line) => logs.push(`${l}: ${line}`) });
    clients.push(c);
    return c;
  }

  it('loads the model, describes it, and scores paragraphs as plain text', async () => {
    const c = client(MODEL);
    const info = await c.request('info', {}, 60_000);
    assert.equal(info.provider, 'cpu');
    assert.equal(info.vocabSize, 30522);
    assert.equal(info.hasGenerator, true);
    const [a, b] = await c.request('scoreBlocks', { texts: ['The cat sat on the mat.', 'A second, different paragraph.'] }, 60_000);
    assert.deepEqual(a.words.map((w) => w.text), ['The', 'cat', 'sat', 'on', 'the', 'mat']);
    assert.equal(b.wordCount, 4);
    for (const w of [...a.words, ...b.words]) assert.ok(w.score >= 0 && w.score <= 1);
  });

  it('returns the fixes of a span, judged at the threshold it is given', async () => {
    const c = client(MODEL);
    const s = await c.request('suggest', { source: 'The cat sat on the mat.', format: 'plaintext', start: 4, end: 7, max: 3, threshold: 0.99 }, 60_000);
    assert.ok(Array.isArray(s));
    assert.ok(s.length <= 3);
    for (const x of s) assert.ok(x.kind === 'remove' || (x.kind === 'insert' && x.text !== '') || (x.kind === 'replace' && x.text !== 'cat'));
    assert.deepEqual(await c.request('suggest', { source: 'The cat sat on the mat.', format: 'plaintext', start: 4, end: 7, max: 3, threshold: 0 }, 60_000), [], 'nothing fits at 0');
  });

  it('reports a missing model as a ModelError with the file and a hint, without crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-nomodel-'));
    try {
      const c = client(dir);
      await assert.rejects(c.request('info', {}, 60_000), (e: Error) => {
        assert.ok(e instanceof WorkerRequestError, String(e));
        assert.equal(e.remoteName, 'ModelError');
        assert.ok(e.file?.startsWith(dir), e.file);
        assert.ok((e.hint ?? '').length > 0);
        return true;
      });
      assert.equal(c.spawnCount, 1);
      assert.equal(c.running, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

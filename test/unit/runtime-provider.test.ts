// Provider selection: asking for a GPU provider this machine cannot start falls back to
// CPU once, says why in one log line, and reports the provider that actually ran.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { NetworkSession } from '../../src/core/runtime';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const ONNX = `${TINY_MODEL_DIR}/onnx/model.onnx`;

describe('runtime: execution providers', () => {
  it('falls back from cuda to cpu when CUDA cannot start, and says so', async function () {
    const lines: string[] = [];
    const c = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cuda', log: (l) => lines.push(l) });
    try {
      if (c.info.provider === 'cuda') this.skip(); // a machine with a working CUDA provider
      assert.equal(c.info.provider, 'cpu');
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /^provider cuda .*; running on cpu$/);
      const doc = await c.score('It still works on the CPU.', 'plaintext');
      assert.equal(doc.wordCount, 6);
    } finally {
      await c.dispose();
    }
  });

  it('does not try a provider this platform does not have', async function () {
    if (process.platform === 'win32') this.skip();
    const lines: string[] = [];
    const s = await NetworkSession.open(ONNX, 'dml', (l) => lines.push(l));
    try {
      assert.equal(s.provider, 'cpu');
      assert.match(lines.join('\n'), /provider dml (is not available|failed).*running on cpu/);
    } finally {
      await s.release();
    }
  });

  it('runs cpu without any log line and builds feeds from the session inputs', async () => {
    const lines: string[] = [];
    const s = await NetworkSession.open(ONNX, 'cpu', (l) => lines.push(l));
    try {
      const out = await s.run({ ids: BigInt64Array.from([101n, 7592n, 102n]), mask: BigInt64Array.from([1n, 1n, 1n]), rows: 1, seq: 3 });
      assert.deepEqual(out.dims, [1, 3]);
      assert.ok(out.data instanceof Float32Array);
      assert.deepEqual(lines, []);
      assert.deepEqual(s.declaredLogitsDims?.length, 2);
    } finally {
      await s.release();
    }
  });
});

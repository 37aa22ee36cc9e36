// Session settings (threads, memory arena, memory pattern, graph optimisation, spinning) change
// speed only: the logits stay those of the default session.
import * as assert from 'node:assert/strict';
import { NetworkSession } from '../../src/core/runtime';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const ONNX = `${TINY_MODEL_DIR}/onnx/model.onnx`;

describe('runtime: session settings', () => {
  it('gives the default session\'s logits with one thread, no arena, no memory pattern, basic graph optimisation and spinning threads', async () => {
    const batch = { ids: BigInt64Array.from([101n, 7592n, 2088n, 102n, 101n, 2307n, 102n, 0n]), mask: BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]), rows: 2, seq: 4 };
    const lines: string[] = [];
    const a = await NetworkSession.open(ONNX, 'cpu', (l) => lines.push(l));
    const b = await NetworkSession.open(ONNX, 'cpu', (l) => lines.push(l), { threads: 1, cpuMemArena: false, memPattern: false, graphOptimization: 'basic', spinning: true });
    try {
      const x = await a.run(batch);
      const y = await b.run(batch);
      assert.deepEqual(y.dims, x.dims);
      for (let i = 0; i < x.data.length; i++) if (batch.mask[i] === 1n) assert.ok(Math.abs(x.data[i] - y.data[i]) < 1e-4, `logit ${i}: ${x.data[i]} vs ${y.data[i]}`);
      assert.deepEqual(lines, []);
    } finally {
      await a.release();
      await b.release();
    }
  });
});

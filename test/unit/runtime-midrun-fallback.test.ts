// A GPU provider that starts but then fails in the middle of a job (device lost, out of
// memory) — faults injected by wrapping the real onnxruntime CPU session that stands in
// for the GPU one: the Checker falls back to CPU once, logs one line, reports the CPU as
// its provider, and every document is still scored, with the same scores a CPU-only
// Checker gives. A CPU failure is not retried.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { createOrtSession, NetworkSession, type OrtSession, type SessionFactory } from '../../src/core/runtime';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const DOCS = [
  'The first paragraph is scored on the pretend GPU.',
  'Then the device is lost in the middle of the second one.',
  'The third is scored on the CPU without another word in the log.',
];

/**
 * A factory whose non-CPU sessions are real CPU sessions that fail from their
 * `failFromRun`-th run on (1-based) with `message`; `runs` counts the runs it saw per provider.
 */
function faultyGpu(failFromRun: number, message: string) {
  const runs = new Map<string, number>();
  const create: SessionFactory = async (file, provider, options) => {
    const real = await createOrtSession(file, 'cpu', { ...options, executionProviders: ['cpu'] });
    if (provider === 'cpu') {
      return wrap(real, () => runs.set('cpu', (runs.get('cpu') ?? 0) + 1));
    }
    return wrap(real, () => {
      const n = (runs.get(provider) ?? 0) + 1;
      runs.set(provider, n);
      if (n >= failFromRun) throw new Error(`${message}\n(native stack lines that must not reach the log)`);
    });
  };
  return { create, runs };
}

function wrap(real: OrtSession, beforeRun: () => void): OrtSession {
  return {
    get inputNames() { return real.inputNames; },
    get outputNames() { return real.outputNames; },
    get outputMetadata() { return real.outputMetadata; },
    run: (async (...args: Parameters<OrtSession['run']>) => {
      beforeRun();
      return real.run(...args);
    }) as OrtSession['run'],
    release: () => real.release(),
  };
}

describe('runtime: a GPU provider failing mid-run', () => {
  it('falls back to cpu once, says so in one line, and still scores every document exactly as the cpu does', async () => {
    const faults = faultyGpu(2, 'WebGPU device lost');
    const lines: string[] = [];
    const gpu = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'webgpu', log: (l) => lines.push(l), session: { create: faults.create } });
    const cpu = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    try {
      assert.equal(gpu.info.provider, 'webgpu', 'the pretend GPU provider started');
      assert.deepEqual(lines, []);
      const scored = [];
      for (const text of DOCS) scored.push(await gpu.score(text, 'plaintext'));
      assert.equal(gpu.info.provider, 'cpu', 'the provider reported after the fallback');
      assert.deepEqual(lines, ['provider webgpu failed during a run (WebGPU device lost); running on cpu']);
      assert.equal(faults.runs.get('webgpu'), 2, 'the failed provider is not asked again');
      assert.ok((faults.runs.get('cpu') ?? 0) >= 2, 'the failed batch and the next document ran on the cpu');
      for (const [i, text] of DOCS.entries()) {
        const expected = await cpu.score(text, 'plaintext');
        assert.equal(scored[i].words.length, expected.words.length, `document ${i + 1}: every word scored`);
        scored[i].words.forEach((w, j) => {
          assert.equal(w.text, expected.words[j].text);
          assert.ok(Math.abs(w.score - expected.words[j].score) < 1e-6, `document ${i + 1}, "${w.text}": ${w.score} vs cpu ${expected.words[j].score}`);
        });
      }
    } finally {
      await gpu.dispose();
      await cpu.dispose();
    }
  });

  it('runs in flight together when the provider fails share one fallback, and each gets its result', async () => {
    const faults = faultyGpu(1, 'CUDA error: out of memory');
    const lines: string[] = [];
    const s = await NetworkSession.open(`${TINY_MODEL_DIR}/onnx/model.onnx`, 'cuda', (l) => lines.push(l), { create: faults.create });
    try {
      const batch = (id: bigint) => ({ ids: BigInt64Array.from([101n, id, 102n]), mask: BigInt64Array.from([1n, 1n, 1n]), rows: 1, seq: 3 });
      const outs = await Promise.all([s.run(batch(7592n)), s.run(batch(2088n)), s.run(batch(2003n))]);
      assert.equal(s.provider, 'cpu');
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /^provider cuda failed during a run \(CUDA error: out of memory\); running on cpu$/);
      for (const o of outs) assert.deepEqual(o.dims, [1, 3]);
      assert.notDeepEqual(Array.from(outs[0].data), Array.from(outs[1].data), 'each batch got its own logits');
    } finally {
      await s.release();
    }
  });

  it('a provider that failed once is not started again in this process (one line says so)', async () => {
    const faults = faultyGpu(1, 'device lost');
    const lines: string[] = [];
    const file = `${TINY_MODEL_DIR}/onnx/model.onnx`;
    const first = await NetworkSession.open(file, 'webgpu', (l) => lines.push(l), { create: faults.create });
    await first.run({ ids: BigInt64Array.from([101n, 102n]), mask: BigInt64Array.from([1n, 1n]), rows: 1, seq: 2 });
    const second = await NetworkSession.open(file, 'webgpu', (l) => lines.push(l), { create: faults.create });
    try {
      assert.equal(second.provider, 'cpu');
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.equal(lines[1], 'provider webgpu failed earlier in this process; running on cpu');
    } finally {
      await first.release();
      await second.release();
    }
  });

  it('a failure on the cpu is the caller\'s: no retry, no log line', async () => {
    let calls = 0;
    const create: SessionFactory = async (file, _provider, options) => {
      const real = await createOrtSession(file, 'cpu', options);
      return wrap(real, () => {
        calls++;
        throw new Error('the CPU ran out of memory');
      });
    };
    const lines: string[] = [];
    const s = await NetworkSession.open(`${TINY_MODEL_DIR}/onnx/model.onnx`, 'cpu', (l) => lines.push(l), { create });
    try {
      await assert.rejects(s.run({ ids: BigInt64Array.from([101n, 102n]), mask: BigInt64Array.from([1n, 1n]), rows: 1, seq: 2 }), /the CPU ran out of memory/);
      assert.equal(calls, 1);
      assert.deepEqual(lines, []);
    } finally {
      await s.release();
    }
  });
});

// The REAL inference worker (bundled as the build does, tiny model) killed or frozen
// while it holds a check (a `score` request): the client notices, starts a new worker,
// re-sends the pending request once and returns the same scores as an undisturbed run; a worker killed on
// both attempts gives a WorkerCrashError, and after reset() the client serves again.
// (extension-worker-client.test.ts covers the protocol with a scripted worker.)
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Checker } from '../../src/core/checker';
import type { ScoredText } from '../../src/core/types';
import { WorkerClient, WorkerCrashError } from '../../src/extension/worker-client';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const WORKER = join(REPO_ROOT, 'test', '.cache', 'worker-kill', 'worker.js');
const SOURCE = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: the students walked to the old harbour and watched the boats come in.`).join('\n\n');

describe('robustness: the real worker killed or frozen mid-check', function () {
  this.timeout(120_000);
  let expected: ScoredText;
  const clients: WorkerClient[] = [];

  before(async () => {
    await build({
      entryPoints: [join(REPO_ROOT, 'src/worker/worker.ts')], outfile: WORKER, bundle: true, platform: 'node', format: 'cjs',
      target: 'node18', external: ['vscode', 'onnxruntime-node', 'tokenizers'], logLevel: 'silent',
    });
    const c = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    expected = await c.score(SOURCE, 'plaintext');
    await c.dispose();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  /** A client whose worker pids are collected from its log. */
  function client(onStart?: (pid: number) => void): { c: WorkerClient; pids: number[]; lines: string[] } {
    const pids: number[] = [];
    const lines: string[] = [];
    const c = new WorkerClient({
      modulePath: WORKER, init: { modelDir: TINY_MODEL_DIR, provider: 'cpu' }, maxCrashes: 5,
      log: (_, line) => {
        lines.push(line);
        const m = /^worker started \(pid (\d+)\)$/.exec(line);
        if (m) {
          pids.push(Number(m[1]));
          onStart?.(Number(m[1]));
        }
      },
    });
    clients.push(c);
    return { c, pids, lines };
  }

  it('a worker killed (SIGKILL) during a check is replaced and the check is retried with the same result', async () => {
    const { c, pids, lines } = client();
    await c.request('info', {}, 60_000); // the model is loaded: the next request is a real check
    const pending = c.request('score', { source: SOURCE, format: 'plaintext' }, 60_000);
    process.kill(pids[0], 'SIGKILL');
    const got = await pending;
    assert.deepEqual(got, expected);
    assert.equal(c.spawnCount, 2);
    assert.ok(lines.some((l) => /worker exited \(code null, signal SIGKILL\)/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('re-sending "score" to a new worker'));
  });

  it('a frozen worker (SIGSTOP) is killed at the timeout and the check is retried on a new one', async () => {
    const { c, pids, lines } = client();
    await c.request('info', {}, 60_000);
    const pending = c.request('score', { source: SOURCE, format: 'plaintext' }, 8_000);
    process.kill(pids[0], 'SIGSTOP');
    assert.deepEqual(await pending, expected);
    assert.equal(c.spawnCount, 2);
    assert.ok(lines.some((l) => /did not answer "score" within 8000 ms; killing it/.test(l)), lines.join('\n'));
  });

  it('a check whose worker dies twice is rejected; after reset() the client serves again', async () => {
    let killNext = false;
    // Once armed, every new worker is killed as it starts.
    const { c, pids } = client((pid) => { if (killNext) process.kill(pid, 'SIGKILL'); });
    await c.request('info', {}, 60_000);
    const pending = c.request('score', { source: SOURCE, format: 'plaintext' }, 60_000);
    killNext = true;
    process.kill(pids[0], 'SIGKILL');
    await assert.rejects(pending, (e: Error) => e instanceof WorkerCrashError && /failed twice on "score"/.test(e.message));
    killNext = false;
    c.reset();
    assert.deepEqual(await c.request('score', { source: SOURCE, format: 'plaintext' }, 60_000), expected);
  });
});

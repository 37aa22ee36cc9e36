// The worker client survives worker crashes and hangs: it restarts the process, re-sends
// a pending request once, and gives up (with a clear error) on repeated failures. These
// tests fork real processes running a small protocol-speaking script whose behaviour each
// request chooses (crash, hang, error, answer).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerClient, WorkerCrashError, WorkerRequestError } from '../../src/extension/worker-client';

const SCRIPT = `
const fs = require('node:fs');
let init;
process.on('message', (req) => {
  if (req.method === 'init') { init = req.params; return; }
  if (req.method === 'dispose') { process.send({ id: req.id, result: null }); process.exit(0); }
  const cmd = req.params.source || '';
  const once = (marker) => { if (fs.existsSync(marker)) return false; fs.writeFileSync(marker, ''); return true; };
  const [verb, arg] = cmd.split(':');
  if (verb === 'crash') process.exit(3);
  if (verb === 'crash-once' && once(arg)) process.kill(process.pid, 'SIGSEGV');
  if (verb === 'hang') return;
  if (verb === 'hang-once' && once(arg)) return;
  if (verb === 'error') { process.send({ id: req.id, error: { name: 'ModelError', message: 'model.onnx is truncated', file: '/m/onnx/model.onnx', hint: 'Re-download the model.' } }); return; }
  if (verb === 'log') process.send({ event: 'log', line: 'hello from the worker' });
  if (verb === 'now-on-cpu') process.send({ event: 'info', info: { name: 'x', dir: '/models/x', provider: 'cpu', maxLength: 512, vocabSize: 30522, hasGenerator: true } });
  const reply = () => process.send({ id: req.id, result: { cmd, pid: process.pid, init, arenas: process.env.MALLOC_ARENA_MAX, execArgv: process.execArgv } });
  if (verb === 'delay') setTimeout(reply, Number(arg)); else reply();
});
process.on('disconnect', () => process.exit(0));
`;

describe('extension worker client', () => {
  let dir: string;
  let script: string;
  const clients: WorkerClient[] = [];
  const logs: string[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ef-worker-'));
    script = join(dir, 'worker.js');
    writeFileSync(script, SCRIPT);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    rmSync(dir, { recursive: true, force: true });
  });

  function client(extra: Partial<ConstructorParameters<typeof WorkerClient>[0]> = {}): WorkerClient {
    const c = new WorkerClient({ modulePath: script, init: { modelDir: '/models/x', provider: 'cpu' }, log: (l, line) => logs.push(`${l}: ${line}`), ...extra });
    clients.push(c);
    return c;
  }
  type Echo = { cmd: string; pid: number; init: unknown; arenas?: string; execArgv: string[] };
  const ask = (c: WorkerClient, source: string, timeoutMs = 10_000) =>
    c.request('score', { source, format: 'plaintext' }, timeoutMs) as unknown as Promise<Echo>;

  it('starts the worker on the first request and sends init first', async () => {
    const c = client();
    assert.equal(c.spawnCount, 0);
    assert.equal(c.running, false);
    const r = await ask(c, 'hello');
    assert.deepEqual(r.init, { modelDir: '/models/x', provider: 'cpu' });
    assert.equal(r.cmd, 'hello');
    assert.equal(c.spawnCount, 1);
  });

  it('matches out-of-order responses to their requests', async () => {
    const c = client();
    const [slow, fast] = await Promise.all([ask(c, 'delay:80'), ask(c, 'delay:0')]);
    assert.equal(slow.cmd, 'delay:80');
    assert.equal(fast.cmd, 'delay:0');
  });

  it('restarts a crashed worker and re-sends the pending request once', async () => {
    const c = client();
    const first = await ask(c, 'hello');
    const r = await ask(c, `crash-once:${join(dir, 'crash-marker')}`);
    assert.notEqual(r.pid, first.pid);
    assert.equal(c.spawnCount, 2);
    assert.ok(logs.some((l) => /worker exited \(code null, signal SIGSEGV\)/.test(l)), 'the crash is logged');
  });

  it('rejects a request whose worker dies twice', async () => {
    const c = client();
    await assert.rejects(ask(c, 'crash'), (e: Error) => e instanceof WorkerCrashError && /failed twice on "score"/.test(e.message));
    assert.equal(c.spawnCount, 2);
  });

  it('kills a worker that hangs past the timeout and retries on a new one', async () => {
    const c = client();
    const r = await ask(c, `hang-once:${join(dir, 'hang-marker')}`, 500);
    assert.equal(r.cmd.startsWith('hang-once'), true);
    assert.equal(c.spawnCount, 2);
    assert.ok(logs.some((l) => /did not answer "score" within 500 ms/.test(l)));
  });

  it('passes a worker error through without retrying, with file and hint', async () => {
    const c = client();
    await assert.rejects(ask(c, 'error'), (e: Error) => {
      assert.ok(e instanceof WorkerRequestError);
      assert.equal(e.remoteName, 'ModelError');
      assert.equal(e.file, '/m/onnx/model.onnx');
      assert.equal(e.hint, 'Re-download the model.');
      return true;
    });
    assert.equal(c.spawnCount, 1);
  });

  it('stops restarting after repeated crashes until reset', async () => {
    const c = client({ maxCrashes: 2 });
    await assert.rejects(ask(c, 'crash'), /crashed 2 times/);
    const spawned = c.spawnCount;
    await assert.rejects(ask(c, 'hello'), WorkerCrashError);
    assert.equal(c.spawnCount, spawned, 'no new process while broken');
    c.reset();
    assert.equal((await ask(c, 'hello')).cmd, 'hello');
  });

  it('forwards worker log events', async () => {
    const c = client();
    await ask(c, 'log');
    assert.ok(logs.includes('info: hello from the worker'));
  });

  it('passes an info event (a provider fell back mid-run) to onInfo, not to a pending request', async () => {
    const infos: Array<{ provider: string }> = [];
    const c = client({ onInfo: (info) => infos.push(info) });
    const r = await ask(c, 'now-on-cpu');
    assert.equal(r.cmd, 'now-on-cpu');
    assert.deepEqual(infos.map((i) => i.provider), ['cpu']);
  });

  it('runs the worker with two malloc arenas and a capped young generation (its memory settings)', async () => {
    const r = await ask(client(), 'hello');
    assert.equal(r.arenas, process.env.MALLOC_ARENA_MAX ?? '2', 'a value the user set wins');
    assert.deepEqual(r.execArgv, ['--max-semi-space-size=1']);
    const bare = await ask(client({ nodeFlags: [] }), 'hello');
    assert.deepEqual(bare.execArgv, []);
  });

  it('dispose ends the worker and rejects later requests', async () => {
    const c = client();
    await ask(c, 'hello');
    assert.equal(c.running, true);
    await c.dispose();
    assert.equal(c.running, false);
    await assert.rejects(ask(c, 'hello'), /disposed/);
  });
});

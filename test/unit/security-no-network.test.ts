// No network at check or grade time: the CLI (check and grade) and the inference worker
// the extension forks run in child processes preloaded with helpers/no-network.cjs, which
// makes every outbound connection, DNS lookup, http(s) request and fetch throw (and say so
// on stderr). Everything still works and nothing is attempted. A self-test first proves
// the hook really blocks, so the rest cannot pass vacuously.
import { strict as assert } from 'node:assert';
import { fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Response, WorkerMessage } from '../../src/worker/protocol';
import { Checker } from '../../src/core/checker';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const PRELOAD = join(__dirname, 'helpers', 'no-network.cjs');
// Bundled as scripts/build.mjs does (the shipped artifacts; tsx itself opens a local IPC
// socket), inside the repo so that they resolve onnxruntime-node and tokenizers.
const BUNDLES = join(REPO_ROOT, 'test', '.cache', 'offline');
const CLI = join(BUNDLES, 'cli.js');
const WORKER = join(BUNDLES, 'worker.js');
const ESSAY = 'My essay is about the sea.\n\nThe weather was nice, so we walked to the old harbour and watched the boats.\n';

/** Runs node with the preload; resolves with exit status and output. */
function offline(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', PRELOAD, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('security: no network access at check or grade time', function () {
  this.timeout(180_000);
  let dir: string;
  /** The same documents checked in this (networked) process, to compare with. */
  let expected: { essay: number; worker: number };
  before(async () => {
    const c = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    expected = { essay: (await c.score(`# Title\n\n${ESSAY}`, 'markdown')).wordCount, worker: (await c.score(ESSAY, 'plaintext')).wordCount };
    await c.dispose();
    await build({
      entryPoints: { cli: join(REPO_ROOT, 'src/cli/main.ts'), worker: join(REPO_ROOT, 'src/worker/worker.ts') }, outdir: BUNDLES,
      bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode', 'onnxruntime-node', 'tokenizers'], logLevel: 'silent',
    });
    dir = mkdtempSync(join(tmpdir(), 'ef-offline-'));
    mkdirSync(join(dir, 'class'));
    writeFileSync(join(dir, 'essay.md'), `# Title\n\n${ESSAY}`);
    writeFileSync(join(dir, 'class', 'ana.txt'), ESSAY.repeat(3));
    writeFileSync(join(dir, 'class', 'ben.md'), `# Ben\n\n${ESSAY.repeat(2)}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the preload blocks fetch, http, raw sockets and DNS (even to a server on 127.0.0.1)', async () => {
    let connections = 0;
    const server = http.createServer((_, res) => res.end('hi'));
    server.on('connection', () => { connections++; });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const probe = `
        const tries = {
          fetch: () => fetch('http://127.0.0.1:${port}/'),
          http: () => new Promise((ok, ko) => require('node:http').get('http://127.0.0.1:${port}/', ok).on('error', ko)),
          net: () => new Promise((ok, ko) => require('node:net').connect(${port}, '127.0.0.1', ok).on('error', ko)),
          socket: () => new Promise((ok, ko) => new (require('node:net').Socket)().connect(${port}, '127.0.0.1', ok).on('error', ko)),
          dns: () => require('node:dns').promises.lookup('example.org'),
        };
        (async () => {
          for (const [name, f] of Object.entries(tries)) {
            try { await f(); console.log(name + ' CONNECTED'); } catch (e) { console.log(name + ' failed'); }
          }
        })();`;
      const r = await offline(['-e', probe], dir);
      assert.equal(r.stdout, ['fetch', 'http', 'net', 'socket', 'dns'].map((n) => `${n} failed\n`).join(''));
      assert.equal(r.stderr.match(/^NETWORK BLOCKED: /gm)?.length, 5, r.stderr);
      assert.equal(connections, 0);
    } finally {
      server.close();
    }
  });

  it('electra-feedback check works offline (default provider, JSON out)', async () => {
    const r = await offline([CLI, 'check', '--model', TINY_MODEL_DIR, '--format', 'json', '--threshold', '0', 'essay.md'], dir);
    assert.doesNotMatch(r.stderr, /NETWORK BLOCKED/);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(expected.essay > 10);
    assert.equal(out.files[0].words, expected.essay);
  });

  it('electra-feedback grade works offline and writes its feedback files', async () => {
    const fb = join(dir, 'feedback');
    const r = await offline([CLI, 'grade', '--model', TINY_MODEL_DIR, '--format', 'json', '--out', fb, 'class'], dir);
    assert.doesNotMatch(r.stderr, /NETWORK BLOCKED/);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((x: { ok: boolean }) => x.ok), [true, true]);
    assert.deepEqual(readdirSync(fb).filter((f) => !f.startsWith('.')).sort(), ['class__ana.txt.md', 'class__ben.md.md', 'teacher']);
  });

  it('the inference worker the extension forks loads the model and checks offline', async () => {
    const child = fork(WORKER, [], { execArgv: ['--require', PRELOAD], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: dir });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    const responses = new Map<number, (r: Response) => void>();
    child.on('message', (m: WorkerMessage) => {
      if ('id' in m) responses.get(m.id)?.(m);
    });
    const call = (id: number, method: string, params: unknown): Promise<Response> => new Promise((resolve) => {
      responses.set(id, resolve);
      child.send({ id, method, params });
    });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    try {
      child.send({ id: 1, method: 'init', params: { modelDir: TINY_MODEL_DIR, provider: 'auto' } });
      const checked = await call(2, 'score', { source: ESSAY, format: 'plaintext' });
      assert.ok('result' in checked, JSON.stringify(checked));
      assert.equal((checked.result as { wordCount: number }).wordCount, expected.worker);
      const scored = await call(3, 'scoreBlocks', { texts: ['One paragraph here.', 'And another.'] });
      assert.ok('result' in scored, JSON.stringify(scored));
      await call(4, 'dispose', {});
      assert.equal(await exited, 0);
    } finally {
      child.kill();
    }
    assert.doesNotMatch(stderr, /NETWORK BLOCKED/);
  });
});

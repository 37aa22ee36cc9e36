// `electra-feedback model download` against a local HTTP server (node:http on 127.0.0.1)
// serving the tiny model folder: a verified install that the Checker then loads; a
// corrupted file (sha256 mismatch: error naming the file, nothing installed); a transfer
// the server breaks off mid-file, resumed with an HTTP Range request; HTTPS-only rules
// (plain http to a non-loopback host refused, also through a redirect); unsafe manifests.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli-run';
import { Checker } from '../../src/core/checker';
import { downloadModel, DownloadError, type DownloadProgress } from '../../src/core/download';
import { ensureTinyModel } from './helpers/tiny-model';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
// Read at load time, before mocha's root hooks run: export the model now if it is missing.
const TINY_MODEL_DIR = ensureTinyModel();
const MANIFEST = readFileSync(join(TINY_MODEL_DIR, 'manifest.json'));
const MANIFEST_SHA = sha(MANIFEST);
const FILES: Array<{ path: string; size: number }> = JSON.parse(MANIFEST.toString()).files;
const BIG = 'generator/onnx/model.onnx';

/** What the server does differently for one request path. */
interface Fault {
  /** Break the connection after this many bytes, on the first request only. */
  dropAfter?: number;
  /** Serve the file with one byte flipped. */
  corrupt?: boolean;
  /** Redirect elsewhere. */
  redirect?: string;
  /** Serve this body instead. */
  body?: Buffer;
  /** Send this many bytes, then nothing (the connection stays open), on the first request only. */
  stallAfter?: number;
  /** Answer a Range request from this many bytes further on (a broken mirror). */
  skewRange?: number;
}

interface Server {
  base: string;
  faults: Map<string, Fault>;
  /** Every request: path and its Range header. */
  log: Array<{ path: string; range?: string }>;
  close(): Promise<void>;
}

/** Serves `TINY_MODEL_DIR` under /tiny/, with Range support and the configured faults. */
async function serve(): Promise<Server> {
  const faults = new Map<string, Fault>();
  const log: Server['log'] = [];
  const dropped = new Set<string>();
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/tiny\//, '');
    log.push({ path: rel, range: req.headers.range });
    const fault = faults.get(rel) ?? {};
    if (fault.redirect) {
      res.writeHead(302, { location: fault.redirect }).end();
      return;
    }
    let body: Buffer;
    try {
      body = fault.body ?? readFileSync(join(TINY_MODEL_DIR, ...rel.split('/')));
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (fault.corrupt) {
      body = Buffer.from(body);
      body[body.length >> 1] ^= 0xff;
    }
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const from = m ? Number(m[1]) + (fault.skewRange ?? 0) : 0;
    if (from > body.length) {
      res.writeHead(416).end();
      return;
    }
    const slice = body.subarray(from);
    res.writeHead(m ? 206 : 200, {
      'content-length': slice.length,
      ...(m ? { 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } : {}),
    });
    if (fault.stallAfter !== undefined && !dropped.has(rel)) {
      dropped.add(rel);
      res.write(slice.subarray(0, fault.stallAfter));
      return;
    }
    if (fault.dropAfter !== undefined && !dropped.has(rel)) {
      dropped.add(rel);
      res.write(slice.subarray(0, fault.dropAfter), () => res.socket?.destroy());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}/tiny/`,
    faults,
    log,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const cli = (argv: string[], cwd: string) => runCli(argv, cwd);

describe('model download (local HTTP server, tiny model)', function () {
  this.timeout(120_000);
  let srv: Server;
  let dir: string;
  beforeEach(async () => {
    srv = await serve();
    dir = mkdtempSync(join(tmpdir(), 'ef-dl-'));
  });
  afterEach(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs every file verified, reports progress, and the Checker loads the result', async () => {
    const out = join(dir, 'models', 'tiny');
    const r = await cli(['model', 'download', '--url', srv.base, '--sha256', MANIFEST_SHA, '--out', out, '--allow-insecure-localhost'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Installed 13 files \((\d+\.\d) MB, \1 MB downloaded now\) in /m);
    assert.match(r.stderr, /^onnx\/model\.onnx done/m);
    for (const f of FILES) {
      const got = readFileSync(join(out, ...f.path.split('/')));
      assert.equal(sha(got), sha(readFileSync(join(TINY_MODEL_DIR, ...f.path.split('/')))), f.path);
    }
    assert.deepEqual(readFileSync(join(out, 'manifest.json')), MANIFEST);
    assert.ok(!existsSync(`${out}.partial`), 'no staging folder left');
    const checker = await Checker.create({ modelDir: out, provider: 'cpu' });
    try {
      assert.equal((await checker.score('Downloaded models work.', 'plaintext')).wordCount, 3);
    } finally {
      await checker.dispose();
    }
    // Progress through the library: monotonic, ending at the total of the manifest.
    const seen: DownloadProgress[] = [];
    await downloadModel({ url: `${srv.base}manifest.json`, sha256: MANIFEST_SHA, out: join(dir, 'again'), allowInsecureLocalhost: true, onProgress: (p) => seen.push(p) });
    const total = FILES.reduce((a, f) => a + f.size, 0);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bytes >= seen[i - 1].bytes);
    assert.deepEqual([seen.at(-1)?.bytes, seen.at(-1)?.total], [total, total]);
  });

  it('refuses a corrupted file, naming it, and installs nothing', async () => {
    srv.faults.set('onnx/model.onnx', { corrupt: true });
    const out = join(dir, 'tiny');
    const r = await cli(['model', 'download', '--url', srv.base, '--sha256', MANIFEST_SHA, '--out', out, '--allow-insecure-localhost'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^electra-feedback model download: onnx\/model\.onnx: sha256 [0-9a-f]{64} does not match the manifest \([0-9a-f]{64}\): the download was corrupted/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(out), 'the model folder does not appear');
    assert.ok(!existsSync(join(`${out}.partial`, 'onnx', 'model.onnx')) && !existsSync(join(`${out}.partial`, 'onnx', 'model.onnx.part')), 'the bad bytes are not kept');
    // Fixed on the server: the next run fetches only what is missing and installs.
    srv.faults.clear();
    srv.log.length = 0;
    const again = await cli(['model', 'download', '--url', srv.base, '--sha256', MANIFEST_SHA, '--out', out, '--allow-insecure-localhost'], dir);
    assert.equal(again.code, 0, again.stderr);
    const refetched = srv.log.map((l) => l.path).filter((p) => p !== 'manifest.json');
    assert.ok(refetched.includes('onnx/model.onnx'));
    assert.ok(!refetched.includes('config.json'), `files verified earlier are not fetched again: ${refetched.join(', ')}`);
  });

  it('resumes a transfer broken off mid-file with an HTTP Range request', async () => {
    const size = FILES.find((f) => f.path === BIG)!.size;
    srv.faults.set(BIG, { dropAfter: 3_000_000 });
    const out = join(dir, 'tiny');
    const opts = { url: srv.base, sha256: MANIFEST_SHA, out, allowInsecureLocalhost: true };
    await assert.rejects(downloadModel(opts), (e: Error) => {
      assert.ok(e instanceof DownloadError);
      assert.equal(e.file, BIG);
      assert.match(e.message, /run the same command again to resume/);
      return true;
    });
    assert.ok(!existsSync(out));
    const part = statSync(join(`${out}.partial`, 'generator', 'onnx', 'model.onnx.part')).size;
    assert.ok(part > 0 && part <= 3_000_000, `partial file of ${part} bytes`);
    srv.log.length = 0;
    const r = await downloadModel(opts);
    assert.equal(r.fetched, size - part + FILES.filter((f) => srv.log.some((l) => l.path === f.path) && f.path !== BIG).reduce((a, f) => a + f.size, 0));
    const big = srv.log.filter((l) => l.path === BIG);
    assert.deepEqual(big, [{ path: BIG, range: `bytes=${part}-` }]);
    assert.equal(sha(readFileSync(join(out, ...BIG.split('/')))), sha(readFileSync(join(TINY_MODEL_DIR, ...BIG.split('/')))));
    assert.deepEqual(readdirSync(dir), ['tiny']);
  });

  it('gives up on a stalled transfer after the idle timeout and resumes it on the next run', async () => {
    srv.faults.set(BIG, { stallAfter: 500_000 });
    const out = join(dir, 'tiny');
    const opts = { url: srv.base, sha256: MANIFEST_SHA, out, allowInsecureLocalhost: true, idleTimeoutMs: 300 };
    await assert.rejects(downloadModel(opts), (e: Error) => e instanceof DownloadError && e.file === BIG && /no data for 0\.3 s.*run the same command again to resume/.test(e.message));
    srv.log.length = 0;
    await downloadModel(opts);
    assert.match(srv.log.find((l) => l.path === BIG)?.range ?? '', /^bytes=\d+-$/);
  });

  it('discards a partial file when the server resumes at the wrong offset, then starts that file over', async () => {
    srv.faults.set(BIG, { dropAfter: 1_000_000, skewRange: 1000 });
    const out = join(dir, 'tiny');
    const opts = { url: srv.base, sha256: MANIFEST_SHA, out, allowInsecureLocalhost: true };
    await assert.rejects(downloadModel(opts), /run the same command again to resume/);
    await assert.rejects(downloadModel(opts), (e: Error) => e instanceof DownloadError && e.file === BIG && /the server resumed at byte \d+, not \d+; the partial file was discarded/.test(e.message));
    assert.ok(!existsSync(join(`${out}.partial`, 'generator', 'onnx', 'model.onnx.part')));
    srv.faults.clear();
    await downloadModel(opts);
    assert.equal(sha(readFileSync(join(out, ...BIG.split('/')))), sha(readFileSync(join(TINY_MODEL_DIR, ...BIG.split('/')))));
  });

  it('downloads over HTTPS only: plain http to another host is refused, also through a redirect, before any request', async () => {
    const cases: Array<[string, boolean]> = [
      ['http://example.org/models/tiny/', true],
      ['http://10.0.0.1/tiny/manifest.json', true],
      [srv.base, false],
      ['ftp://127.0.0.1/tiny/', true],
    ];
    for (const [url, allow] of cases) {
      await assert.rejects(downloadModel({ url, sha256: MANIFEST_SHA, out: join(dir, 'x'), allowInsecureLocalhost: allow }), (e: Error) => {
        assert.ok(e instanceof DownloadError, String(e));
        assert.match(e.message, /^refusing .*(HTTPS only|not an https)/);
        return true;
      });
    }
    assert.deepEqual(srv.log, [], 'no request was made');
    const r = await cli(['model', 'download', '--url', 'http://example.org/tiny/', '--sha256', MANIFEST_SHA, '--out', join(dir, 'x')], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing http:\/\/example\.org\/tiny\/manifest\.json: models are downloaded over HTTPS only/);
    srv.faults.set('manifest.json', { redirect: 'http://example.org/evil/manifest.json' });
    await assert.rejects(downloadModel({ url: srv.base, sha256: MANIFEST_SHA, out: join(dir, 'x'), allowInsecureLocalhost: true }), /refusing http:\/\/example\.org\/evil\/manifest\.json/);
    assert.ok(!existsSync(join(dir, 'x')));
  });

  it('refuses a manifest with the wrong sha256, unsafe paths, and an existing output folder', async () => {
    await assert.rejects(downloadModel({ url: srv.base, sha256: '0'.repeat(64), out: join(dir, 'a'), allowInsecureLocalhost: true }),
      /manifest\.json from .* has sha256 [0-9a-f]{64}, expected 0{64}: wrong URL or an altered model; nothing was installed/);
    assert.deepEqual(readdirSync(dir), [], 'no folder left behind');
    for (const bad of ['../evil.onnx', '/etc/passwd', 'onnx/../../x', '.hidden', 'a\\b', 'manifest.json']) {
      const body = Buffer.from(JSON.stringify({ format: 1, files: [{ path: bad, sha256: 'a'.repeat(64), size: 1 }] }));
      srv.faults.set('evil.json', { body });
      await assert.rejects(downloadModel({ url: `${srv.base}evil.json`, sha256: sha(body), out: join(dir, 'b'), allowInsecureLocalhost: true }),
        /manifest\.json: bad or unsafe entry/, bad);
    }
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'notes.txt'), 'mine');
    await assert.rejects(downloadModel({ url: srv.base, sha256: MANIFEST_SHA, out: join(dir, 'taken'), allowInsecureLocalhost: true }), /already exists and is not empty/);
    assert.equal(readFileSync(join(dir, 'taken', 'notes.txt'), 'utf8'), 'mine');
    const usage = await cli(['model', 'download', '--url', srv.base], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--sha256, --out required/);
  });
});

// "Electra Feedback: Download Model…" in the real editor, against a local HTTPS server
// (a throw-away certificate for 127.0.0.1 that the runner makes the extension host trust
// through NODE_EXTRA_CA_CERTS) serving the suite's model folder: a verified install that
// becomes the model in use and checks a document; a corrupted file installs nothing and
// leaves the setting alone; a plain-http URL is refused before anything is fetched.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeEditors, open, restoreModel, scratchFile, SECTION, setSetting, waitForDiagnostics, waitForModelOn } from '../helpers';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('Download Model command', () => {
  let server: https.Server | undefined;
  let base = '';
  let source = '';
  let parent = '';
  const requests: string[] = [];

  before(async () => {
    const tls = process.env.ELECTRA_E2E_TLS_DIR;
    assert.ok(tls, 'ELECTRA_E2E_TLS_DIR is unset: run the suite through scripts/e2e-run.mjs, which makes a loopback certificate');
    source = vscode.workspace.getConfiguration(SECTION).get<string>('modelPath') ?? '';
    assert.ok(source && fs.existsSync(path.join(source, 'manifest.json')), `the suite's model folder has a manifest: ${source}`);
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'electra-download-'));
    // /good/<file> serves the folder as it is; /bad/<file> flips one byte of the discriminator.
    server = https.createServer({ cert: fs.readFileSync(path.join(tls, 'cert.pem')), key: fs.readFileSync(path.join(tls, 'key.pem')) }, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      requests.push(url.pathname);
      const [, variant, ...rest] = decodeURIComponent(url.pathname).split('/');
      const file = path.join(source, ...rest);
      if (!['good', 'bad'].includes(variant) || !file.startsWith(source) || !fs.existsSync(file)) return void res.writeHead(404).end();
      let body = fs.readFileSync(file);
      if (variant === 'bad' && rest.join('/') === 'onnx/model.onnx') {
        body = Buffer.from(body);
        body[body.length >> 1] ^= 0xff;
      }
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await closeEditors();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  const manifestSha = () => sha256(fs.readFileSync(path.join(source, 'manifest.json')));

  it('downloads over HTTPS, verifies every file, installs the folder and makes it the model in use', async () => {
    const api = await activate();
    const folder = path.join(parent, 'ok');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'good');
    const ready = waitForModelOn(api, target);
    try {
      const dir = await vscode.commands.executeCommand<string | undefined>('electraFeedback.downloadModel',
        { url: `${base}/good/manifest.json`, sha256: manifestSha(), folder, use: true });
      assert.equal(dir, target, 'the command resolves with the installed folder, named after the URL');
      const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
      for (const f of manifest.files) {
        assert.equal(sha256(fs.readFileSync(path.join(target, f.path))), f.sha256, `${f.path} installed intact`);
      }
      assert.deepEqual(fs.readdirSync(folder), ['good'], 'nothing but the model folder is left (no partial or staging files)');
      assert.equal(vscode.workspace.getConfiguration(SECTION).get('modelPath'), target, 'electraFeedback.modelPath now names it');
      await setSetting('threshold', 0);
      const uri = await scratchFile('downloaded-model.md', 'Checked with the downloaded model.\n');
      await open(uri);
      await ready;
      await waitForDiagnostics(uri, (ds) => ds.length === 5, 'five flags (every word) from the downloaded model');
    } finally {
      await restoreModel(api, source);
    }
  });

  it('a corrupted file installs nothing and leaves the model setting as it was', async () => {
    await activate();
    const folder = path.join(parent, 'corrupt');
    fs.mkdirSync(folder);
    const before = vscode.workspace.getConfiguration(SECTION).get('modelPath');
    const asked = requests.length;
    const dir = await vscode.commands.executeCommand<string | undefined>('electraFeedback.downloadModel',
      { url: `${base}/bad/manifest.json`, sha256: manifestSha(), folder, use: true });
    assert.equal(dir, undefined);
    assert.ok(requests.slice(asked).includes('/bad/onnx/model.onnx'), `the corrupted file was fetched: ${requests.slice(asked).join(', ')}`);
    assert.deepEqual(fs.readdirSync(folder), ['bad.partial'], 'no model folder; only the staging folder a rerun resumes from');
    const staged: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : staged.push(path.relative(path.join(folder, 'bad.partial'), path.join(d, e.name)).split(path.sep).join('/'))));
    walk(path.join(folder, 'bad.partial'));
    const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    const bySha = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    assert.ok(!staged.some((f) => f.startsWith('onnx/model.onnx')), `the corrupted file is not kept: ${staged.join(', ')}`);
    for (const f of staged) assert.equal(sha256(fs.readFileSync(path.join(folder, 'bad.partial', f))), bySha.get(f), `${f} kept for a resume is verified`);
    assert.equal(vscode.workspace.getConfiguration(SECTION).get('modelPath'), before);
  });

  it('a plain-http URL is refused before anything is fetched', async () => {
    await activate();
    const folder = path.join(parent, 'http');
    fs.mkdirSync(folder);
    const asked = requests.length;
    const dir = await vscode.commands.executeCommand<string | undefined>('electraFeedback.downloadModel',
      { url: `${base.replace('https:', 'http:')}/good/manifest.json`, sha256: manifestSha(), folder, use: true });
    assert.equal(dir, undefined);
    assert.equal(requests.length, asked, 'no request reached the server');
    assert.deepEqual(fs.readdirSync(folder), []);
  });
});

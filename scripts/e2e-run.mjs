// Runs the real-VS Code suite (dist/test/e2e/) inside code-server, driven by headless chromium.
//
// code-server (Node 24, from .e2e/; see scripts/setup-e2e.sh) serves VS Code's web workbench
// with the smoke-test driver enabled. The page is opened with a `payload` query parameter
// naming the extension under development (the repo root) and the tests module; VS Code then
// runs the suite in the (server-side) extension host and reports through two functions the
// page calls: codeAutomationLog(level, args) for every log line (the extension host's
// console included) and codeAutomationExit(code) when the suite is done. We expose both
// before navigation, relay the log to stdout and exit with the suite's code.
//
// Usage: node scripts/e2e-run.mjs [--grep <regex>] [--keep] [--vsix <file>]
//   --vsix: install that VSIX (as a user would: code-server --install-extension) and test the
//           installed folder instead of the repo (the web workbench runs tests only for an
//           extension under development, so the installed folder is named as that)
// Env:   ELECTRA_E2E_TIMEOUT_S       hard limit for the whole run (default 1800)
//        ELECTRA_E2E_MODEL_PATH      electraFeedback.modelPath for the run (default test/.cache/tiny-model)
//        ELECTRA_E2E_EXTENSION_PATH  the extension folder to test (default: the repo root)
//        ELECTRA_E2E_VERBOSE=1       also relay the browser console, the workbench's own log and code-server's
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { codeServerPrerequisites, installVsix, launchChromium, remoteUri, requirePaths, startCodeServer, workbenchUrl } from './e2e-code-server.mjs';
import { extensionLog, prepareRun, ROOT, suiteModelPath, TESTS } from './e2e-env.mjs';

// The extension under test: the repo root, or another build (e.g. an unpacked VSIX) to test instead.
const EXTENSION = resolve(process.env.ELECTRA_E2E_EXTENSION_PATH ?? ROOT);
const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined;
const keep = argv.includes('--keep');
const vsix = argv.includes('--vsix') ? resolve(argv[argv.indexOf('--vsix') + 1]) : undefined;
const verbose = process.env.ELECTRA_E2E_VERBOSE === '1';
const timeoutS = Number(process.env.ELECTRA_E2E_TIMEOUT_S ?? 1800);

/** The workbench's own chatter (it logs through codeAutomationLog too); shown with ELECTRA_E2E_VERBOSE=1. */
const WORKBENCH_NOISE = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions)/,
  /ENOTFOUND open-vsx\.org/, // no gallery offline
  /authentication provider 'github'/,
];

requirePaths([
  ...codeServerPrerequisites(),
  ...(vsix ? [[vsix, 'npm run package -- --target linux-x64']] : [
    [join(EXTENSION, 'package.json'), 'set ELECTRA_E2E_EXTENSION_PATH to an extension folder'],
    ...(EXTENSION === ROOT ? [[join(ROOT, 'dist/extension.js'), 'npm run build']] : []),
  ]),
  [TESTS, 'node scripts/e2e-build.mjs'],
]);
const run = prepareRun(suiteModelPath());

let server;
let browser;
async function cleanup() {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (keep) console.log(`[e2e] kept ${run.tmp}`);
  else rmSync(run.tmp, { recursive: true, force: true });
}

let timedOut = false;
const hardTimer = setTimeout(async () => {
  timedOut = true;
  console.error(`[e2e] TIMEOUT: the suite did not finish within ${timeoutS}s (ELECTRA_E2E_TIMEOUT_S). ` +
    `Last code-server output:\n${server?.log() ?? '(not started)'}`);
  await cleanup();
  process.exit(124);
}, timeoutS * 1000);

// Ctrl-C or a CI runner's SIGTERM: end code-server and chromium too, not just this process.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, async () => {
    console.error(`[e2e] ${signal}: stopping code-server and chromium`);
    clearTimeout(hardTimer);
    await cleanup();
    process.exit(code);
  });
}

let exitCode = 1;
try {
  const started = Date.now();
  let extension = EXTENSION;
  if (vsix) {
    console.log(`[e2e] ${await installVsix(vsix, run)}`);
    const installed = readdirSync(run.extensionsDir).filter((d) => d.startsWith('electra-feedback.electra-feedback-'));
    if (installed.length !== 1) throw new Error(`expected one installed electra-feedback folder in ${run.extensionsDir}, found: ${installed.join(', ') || 'none'}`);
    extension = join(run.extensionsDir, installed[0]);
  }
  server = await startCodeServer({ ...run, verbose, env: { ...run.env, ...(grep ? { ELECTRA_E2E_GREP: grep } : {}) } });
  console.log(`[e2e] code-server ${server.version} on http://${server.host} (${Date.now() - started} ms)`);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const done = new Promise((res) => {
    // Each entry is printf-style arguments (a console.log from the extension host, or one string).
    page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      for (const line of text.split('\n')) console.log(level === 'error' ? `[vscode:error] ${line}` : line);
    });
    page.exposeFunction('codeAutomationExit', (code) => res(Number(code)));
  });
  if (verbose) page.on('console', (m) => console.log(`[browser:${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[browser:pageerror] ${e.message}`));
  await page.goto(workbenchUrl(server.host, run.workspace, [
    ['extensionDevelopmentPath', remoteUri(server.host, extension)],
    ['extensionTestsPath', remoteUri(server.host, TESTS)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]));
  exitCode = await done;
  if (exitCode !== 0) console.log(`[e2e] the extension's log (last lines):\n${extensionLog(run.userData)}`);
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

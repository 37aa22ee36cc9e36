// The browser UI test: VS Code (code-server) with the extension under development, driven
// like a user through headless chromium. Opens draft.md (an essay with a few wrong words)
// from the fixture workspace, waits
// for the squiggles, opens the Problems panel and hovers a flagged word, saving screenshots
// to test/e2e/artifacts/ at each step. Exits non-zero when a step does not show what it should.
// `--refresh-readme-picture` (npm run screenshot) also copies the hover shot, taken with the
// embedded model, to media/screenshot-diagnostics.png, the README's picture: on purpose only,
// never as a side effect of a test run.
//
// Model: the embedded default (models/electra-feedback/) when it is there, else the tiny
// random one at threshold 0.5 (plumbing only); ELECTRA_E2E_MODEL_PATH overrides.
// Usage: node scripts/e2e-ui.mjs [--keep] [--refresh-readme-picture]   Env: ELECTRA_E2E_UI_THRESHOLD, ELECTRA_E2E_TIMEOUT_S (900), ELECTRA_E2E_VERBOSE=1
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerPrerequisites, launchChromium, remoteUri, requirePaths, startCodeServer, workbenchUrl } from './e2e-code-server.mjs';
import { extensionLog, prepareRun, ROOT, suiteModelPath } from './e2e-env.mjs';

const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');
const README_SHOT = join(ROOT, 'media/screenshot-diagnostics.png');
const STEP_MS = 120_000;
const keep = process.argv.includes('--keep');
const refreshPicture = process.argv.includes('--refresh-readme-picture');
const verbose = process.env.ELECTRA_E2E_VERBOSE === '1';

requirePaths([...codeServerPrerequisites(), [join(ROOT, 'dist/extension.js'), 'npm run build']]);
const embedded = existsSync(join(ROOT, 'models/electra-feedback/onnx/model.onnx'));
const useEmbedded = embedded && !process.env.ELECTRA_E2E_MODEL_PATH;
const suiteModel = useEmbedded ? '' : suiteModelPath();
const run = prepareRun(suiteModel, {
  ...(useEmbedded ? {} : { 'electraFeedback.threshold': 0.5 }),
  ...(process.env.ELECTRA_E2E_UI_THRESHOLD ? { 'electraFeedback.threshold': Number(process.env.ELECTRA_E2E_UI_THRESHOLD) } : {}),
});
const modelDir = useEmbedded ? join(ROOT, 'models/electra-feedback') : suiteModel;
mkdirSync(ARTIFACTS, { recursive: true });

/** Polls `condition` (a file on disk, not the page) every 100 ms until it holds; rejects after STEP_MS naming `what`. */
async function waitFor(condition, what) {
  const end = Date.now() + STEP_MS;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let server;
let browser;
/** The second window's code-server (the broken-model step). */
let brokenServer;
let brokenRun;
let failed = false;
let page;
const step = async (name, fn) => {
  const t = Date.now();
  try {
    await fn();
    console.log(`[ui] ok   ${name} (${Date.now() - t} ms)`);
  } catch (err) {
    failed = true;
    if (aborting) throw err;
    console.error(`[ui] FAIL ${name}: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
    await page?.screenshot({ path: join(ARTIFACTS, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    throw err;
  }
};

/** Ends chromium and both code-servers, and removes the second window's folders. */
async function stopAll() {
  await browser?.close().catch(() => {});
  await server?.stop();
  await brokenServer?.stop();
  if (brokenRun) rmSync(brokenRun.tmp, { recursive: true, force: true });
}

/** Opens the workbench of `srv` on `r`'s workspace, with the extension under development. */
const openWorkbench = (srv, r) => page.goto(workbenchUrl(srv.host, r.workspace, [
  ['extensionDevelopmentPath', remoteUri(srv.host, ROOT)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
]));
const draftInExplorer = () => page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).first();

let aborting = false;
async function abort(why, code) {
  aborting = true;
  console.error(`[ui] ${why}: stopping code-server and chromium`);
  await stopAll();
  rmSync(run.tmp, { recursive: true, force: true });
  process.exit(code);
}
// Ctrl-C or a CI runner's SIGTERM: end code-server and chromium too.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => abort(signal, code));
const timeoutS = Number(process.env.ELECTRA_E2E_TIMEOUT_S ?? 900);
const hardTimer = setTimeout(() => abort(`TIMEOUT: the UI test did not finish within ${timeoutS}s (ELECTRA_E2E_TIMEOUT_S)`, 124), timeoutS * 1000);

try {
  server = await startCodeServer({ ...run, verbose });
  console.log(`[ui] code-server ${server.version} on http://${server.host}; model: ${useEmbedded ? 'embedded default' : 'tiny random (plumbing)'}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  if (verbose) page.on('console', (m) => console.log(`[browser:${m.type()}] ${m.text()}`));
  page.setDefaultTimeout(STEP_MS);

  await step('workbench loads the fixture workspace', async () => {
    await openWorkbench(server, run);
    await page.locator('.monaco-workbench').waitFor();
    await draftInExplorer().waitFor();
  });

  const editor = page.locator('.editor-instance .monaco-editor[data-uri$="draft.md"]').first();
  await step('open draft.md and see squiggles', async () => {
    await draftInExplorer().dblclick();
    await editor.waitFor();
    await editor.locator('.squiggly-info, .squiggly-warning, .squiggly-error, .squiggly-hint').first().waitFor({ state: 'attached' });
    const count = await editor.locator('.squiggly-info, .squiggly-warning, .squiggly-error').count();
    if (count === 0) throw new Error('no squiggles rendered');
    await page.screenshot({ path: join(ARTIFACTS, '01-squiggles.png') });
    console.log(`[ui]      ${count} squiggles rendered`);
  });

  await step('the Problems panel lists the flags', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'likely replaced' }).first();
    await row.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '02-problems.png') });
  });

  await step('hovering a flagged word explains it', async () => {
    const squiggle = editor.locator('.squiggly-info, .squiggly-warning, .squiggly-error').first();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('squiggle has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 6);
    // The first squiggle may be a replaced word or a mix-up ("there" for "their"): each hover explains its kind.
    await page.locator('.monaco-hover', { hasText: /likely out of place|sounds like another word/ }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS, '03-hover.png') });
    // The README shows the real model's judgement, never the random plumbing model's.
    if (refreshPicture && useEmbedded) copyFileSync(join(ARTIFACTS, '03-hover.png'), README_SHOT);
    else if (refreshPicture) throw new Error('--refresh-readme-picture needs the embedded model (unset ELECTRA_E2E_MODEL_PATH)');
  });

  // A broken model as a user meets it: the settings file now names a folder whose
  // discriminator is truncated. One notification names the file and offers Retry / Open
  // Settings / Show Log; the status bar item turns to its error state; further edits do
  // not stack up notifications; Open Settings opens the extension's settings.
  await step('a broken model: one notification naming the file, status bar in error, Open Settings', async () => {
    // A second window started on a settings file that already names the broken folder (a
    // settings file edited under a running window is picked up by a file watcher, on its own time).
    const broken = join(run.tmp, 'broken-model');
    cpSync(modelDir, broken, { recursive: true });
    const onnx = join(broken, 'onnx', 'model.onnx');
    truncateSync(onnx, Math.floor(statSync(onnx).size / 3));
    brokenRun = prepareRun(broken);
    brokenServer = await startCodeServer({ ...brokenRun, verbose });
    await openWorkbench(brokenServer, brokenRun);
    await draftInExplorer().dblclick(); // `editor` now finds draft.md in this window
    await editor.waitFor();
    // VS Code never pops toasts while its smoke-test driver is on (which this runner needs),
    // so the notification is read where it also lands for a user: the notification center.
    const status = page.locator('.statusbar-item', { hasText: 'Electra: error' });
    await status.waitFor();
    const showNotifications = async () => {
      await page.keyboard.press('F1');
      await page.keyboard.type('Notifications: Show Notifications');
      await page.keyboard.press('Enter');
      await page.locator('.notifications-center').waitFor();
    };
    await showNotifications();
    const ours = page.locator('.notifications-center .notification-list-item', { hasText: 'Electra Feedback:' });
    await ours.first().waitFor();
    const message = await ours.first().innerText();
    if (!/onnx[/\\]model\.onnx/.test(message)) throw new Error(`the notification does not name the file: ${message}`);
    for (const label of ['Retry', 'Open Settings', 'Show Log']) await ours.first().locator('.monaco-button', { hasText: label }).waitFor();
    await page.keyboard.press('Escape');
    const errorKind = await status.first().evaluate((el) => el.classList.contains('error-kind') || getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)');
    if (!errorKind) throw new Error('the status bar item does not have the error background');

    // Three edits, each checked (and failing) after the debounce: the log shows the failed
    // checks, and there is still one notification.
    const failures = () => (extensionLog(brokenRun.userData, 10_000).match(/check of .* failed/g) ?? []).length;
    const before = failures();
    for (let i = 0; i < 3; i++) {
      await editor.locator('.view-lines').first().click();
      await page.keyboard.type('x');
      await waitFor(() => failures() > before + i, `failed check ${i + 1} in the extension log`);
    }
    await showNotifications();
    const count = await ours.count();
    if (count !== 1) throw new Error(`${count} notifications after three edits, expected 1`);
    await page.screenshot({ path: join(ARTIFACTS, '04-model-error.png') });

    await ours.first().locator('.monaco-button', { hasText: 'Open Settings' }).click();
    await page.locator('.settings-editor').first().waitFor();
    // Filtered to the extension's settings (modelPath itself is machine-scoped: in a remote
    // window it sits on the Remote tab).
    await page.locator('.settings-editor .setting-item', { hasText: 'Electra Feedback:' }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '05-open-settings.png') });
    console.log(`[ui]      notification: ${(message.split('\n').find((l) => l.startsWith('Electra Feedback:')) ?? message).slice(0, 160)}`);
  });
} catch {
  failed = true;
} finally {
  clearTimeout(hardTimer);
  await stopAll();
  if (keep) console.log(`[ui] kept ${run.tmp}`);
  else rmSync(run.tmp, { recursive: true, force: true });
}
// After a timeout or signal, abort() owns the exit code.
if (aborting) await new Promise(() => {});
console.log(failed ? `[ui] FAILED; screenshots in ${ARTIFACTS}` : `[ui] passed; screenshots in ${ARTIFACTS}${refreshPicture ? `, README copy ${README_SHOT}` : ''}`);
process.exit(failed ? 1 : 0);

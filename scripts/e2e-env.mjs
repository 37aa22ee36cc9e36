// What both real-VS Code runners (code-server: e2e-run.mjs; desktop: e2e-electron.mjs) set up
// for a run: a temp copy of the fixture workspace (tests write into it), a fresh user-data
// folder with quiet settings and the model the suite checks with, and an empty extensions folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled suite (scripts/e2e-build.mjs). */
export const TESTS = join(ROOT, 'dist/test/e2e/index.js');
const FIXTURE = join(ROOT, 'test/e2e/fixtures/workspace');

/**
 * The model folder the suite checks with: ELECTRA_E2E_MODEL_PATH, else the tiny random-weight
 * model (test/.cache/tiny-model), exported by the unit tests' helper when missing.
 * Exits with an actionable message when there is none.
 */
export function suiteModelPath() {
  const given = process.env.ELECTRA_E2E_MODEL_PATH;
  if (!given) {
    try {
      return execFileSync(process.execPath, ['--import', 'tsx', '--eval', "console.log(require('./test/unit/helpers/tiny-model.ts').ensureTinyModel())"], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch (err) {
      console.error(`[e2e] could not export the tiny model (test/.cache/tiny-model): ${err instanceof Error ? err.message : err}\n` +
        'Export it by hand: /usr/bin/python3 models/training/export.py --random-tiny --seed 0 --out test/.cache/tiny-model, or set ELECTRA_E2E_MODEL_PATH');
      process.exit(2);
    }
  }
  const modelPath = resolve(ROOT, given);
  if (!existsSync(join(modelPath, 'config.json'))) {
    console.error(`[e2e] ELECTRA_E2E_MODEL_PATH=${given}: no model folder there (config.json, tokenizer.json, onnx/model.onnx)`);
    process.exit(2);
  }
  return modelPath;
}

/** Creates the temp folders; returns their paths (`tmp` holds them all). `settings` adds user settings. */
export function prepareRun(modelPath, settings = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'electra-e2e-'));
  const workspace = join(tmp, 'workspace');
  const userData = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  cpSync(FIXTURE, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  const userSettings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'electraFeedback.modelPath': modelPath,
    // The suite counts and hovers every flag; the tiny model explains none (no confident fix), so
    // doubts are shown as flags here; test/e2e/suite/03d-doubts.test.ts turns this off.
    'electraFeedback.showDoubts': true,
    ...settings,
  };
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
  // In a remote window (code-server), machine-scoped settings such as electraFeedback.modelPath
  // are read from the machine's settings, not the user's.
  mkdirSync(join(userData, 'Machine'), { recursive: true });
  writeFileSync(join(userData, 'Machine/settings.json'), JSON.stringify(userSettings, null, 2));
  return { tmp, workspace, userData, extensionsDir, env: loopbackTls(join(tmp, 'tls')) };
}

/**
 * A throw-away certificate for 127.0.0.1 (openssl, valid 2 days) so the suite can serve a
 * model over real HTTPS to the Download Model command: the extension host trusts it through
 * NODE_EXTRA_CA_CERTS, and the suite finds cert.pem/key.pem in ELECTRA_E2E_TLS_DIR.
 * Returns the environment to start VS Code with.
 */
function loopbackTls(dir) {
  mkdirSync(dir);
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
  } catch (err) {
    console.error(`[e2e] openssl could not make a loopback certificate (${err instanceof Error ? err.message.split('\n')[0] : err}); ` +
      'install it (apt-get install openssl): the download test serves a model over HTTPS');
    process.exit(2);
  }
  return { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), ELECTRA_E2E_TLS_DIR: dir };
}

/** The last `lines` lines of the extension's own log (its LogOutputChannel) in `userData`, or ''. */
export function extensionLog(userData, lines = 40) {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return '';
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (dir.endsWith('electra-feedback.electra-feedback') && e.name.endsWith('.log')) found.push(p);
    }
  };
  walk(logs);
  return found.map((p) => readFileSync(p, 'utf8').split('\n').slice(-lines).join('\n')).join('\n');
}

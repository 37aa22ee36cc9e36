// What both real-VS Code runners (code-server: e2e-run.mjs; desktop: e2e-electron.mjs) set up
// for a run: a temp copy of the fixture workspace (tests write into it), a fresh user-data
// folder with quiet settings and the model the suite checks with, and an empty extensions folder.
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled suite (scripts/e2e-build.mjs). */
export const TESTS = join(ROOT, 'dist/test/e2e/index.js');
const FIXTURE = join(ROOT, 'test/e2e/fixtures/workspace');

/** Exits with an actionable message when the model the suite checks with is missing. */
export function suiteModelPath() {
  const modelPath = resolve(ROOT, process.env.ELECTRA_E2E_MODEL_PATH ?? 'test/.cache/tiny-model');
  if (!existsSync(join(modelPath, 'config.json'))) {
    console.error(`[e2e] no model at ${modelPath} (electraFeedback.modelPath for the suite); generate the tiny one with ` +
      '`/usr/bin/python3 models/training/export.py --random-tiny --out test/.cache/tiny-model` or set ELECTRA_E2E_MODEL_PATH');
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
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
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
    ...settings,
  }, null, 2));
  return { tmp, workspace, userData, extensionsDir };
}

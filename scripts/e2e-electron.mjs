// Runs the real-VS Code suite (dist/test/e2e/) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (CI here uses code-server instead: scripts/e2e-run.mjs).
// Same suite, same fixture workspace copy and user settings.
//
// Usage: node scripts/e2e-electron.mjs   Env: VSCODE_VERSION (default: stable), ELECTRA_E2E_MODEL_PATH
import { runTests } from '@vscode/test-electron';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { prepareRun, ROOT, suiteModelPath, TESTS } from './e2e-env.mjs';

for (const [path, fix] of [[join(ROOT, 'dist/extension.js'), 'npm run build'], [TESTS, 'node scripts/e2e-build.mjs']]) {
  if (!existsSync(path)) {
    console.error(`[e2e] missing ${path}; run: ${fix}`);
    process.exit(2);
  }
}
const { tmp, workspace, userData, extensionsDir, env } = prepareRun(suiteModelPath());
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS,
    extensionTestsEnv: env,
    launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (err) {
  console.error(`[e2e] ${err instanceof Error ? err.message : err}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);

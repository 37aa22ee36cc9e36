/**
 * Entry point of the real-VS Code suite in the @vscode/test-electron format: VS Code loads
 * this module in the extension host (from `extensionTestsPath`) and awaits `run()`.
 * Runs every compiled `suite/*.test.js` next to this file with mocha and prints one final
 * line `N passed, N failed` that the runners (scripts/e2e-run.mjs, scripts/e2e-electron.mjs) echo.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const grep = process.env.ELECTRA_E2E_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous per-test ceiling: model loads on a shared 2-core CI box; each wait has its own timeout too.
    timeout: Number(process.env.ELECTRA_E2E_TIMEOUT_MS ?? 120_000),
    ...(grep ? { grep } : {}),
  });
  const suiteDir = path.join(__dirname, 'suite');
  const files = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`No compiled tests in ${suiteDir}; run node scripts/e2e-build.mjs first.`);
  for (const f of files) mocha.addFile(path.join(suiteDir, f));

  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    } catch (err) {
      reject(err);
    }
  });
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) throw new Error(`${failed} of ${passed + failed} e2e tests failed`);
}

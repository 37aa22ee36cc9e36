// Bundles the real-VS Code suite (test/e2e/) into dist/test/e2e/ for the extension host:
// index.js (exports run()) and one suite/*.test.js per test file. `vscode` comes from the
// host and `mocha` from node_modules at run time, so both stay external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/e2e/suite';
const entryPoints = {
  'index': 'test/e2e/index.ts',
  ...Object.fromEntries(readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts'))
    .map((f) => [`suite/${f.replace(/\.ts$/, '')}`, join(suiteDir, f)])),
};

// Start clean: a deleted test must not keep running from an old bundle.
rmSync('dist/test/e2e', { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: 'dist/test/e2e',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`[e2e-build] ${Object.keys(entryPoints).length} bundles in dist/test/e2e/`);

// Bundles the extension, its inference worker and the CLI with esbuild.
// Native modules stay external: they are loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Entry points that exist (the tree grows issue by issue). */
const entries = {
  'cli': 'src/cli/main.ts',
  'extension': 'src/extension/extension.ts',
  'worker': 'src/worker/worker.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(p)));

const options = {
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'onnxruntime-node', 'tokenizers'],
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}

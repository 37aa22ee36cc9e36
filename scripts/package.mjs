// Builds one VSIX per platform with @vscode/vsce, each shipping only its own platform's
// native binaries (onnxruntime-node and tokenizers) plus dist/, the embedded model and media/.
//
//   npm run package                          # every target below
//   npm run package -- --target linux-x64    # one (repeat --target, or comma-separate, for more)
//   npm run package -- --target linux-x64 --model-dir path/to/model   # (model folder override, for trials)
//
// VSIX files land in out/vsix/. The base allow-list is .vscodeignore; per target we write an
// ignore file that adds back exactly that platform's binaries.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** VS Code target → onnxruntime-node's bin folder and the tokenizers binary.
 * No darwin-x64: onnxruntime-node 1.24 ships no Intel-macOS binary. */
const TARGETS = {
  'linux-x64': { ort: 'linux/x64', tok: 'linux-x64-gnu' },
  'linux-arm64': { ort: 'linux/arm64', tok: 'linux-arm64-gnu' },
  'alpine-x64': { ort: 'linux/x64', tok: 'linux-x64-musl' },
  'darwin-arm64': { ort: 'darwin/arm64', tok: 'darwin-arm64' },
  'win32-x64': { ort: 'win32/x64', tok: 'win32-x64-msvc' },
  'win32-arm64': { ort: 'win32/arm64', tok: 'win32-arm64-msvc' },
};

function parseArgs(argv) {
  const targets = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') targets.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    else if (argv[i].startsWith('--target=')) targets.push(...argv[i].slice(9).split(',').filter(Boolean));
    else throw new Error(`Unknown argument ${argv[i]}. Usage: npm run package -- [--target <${Object.keys(TARGETS).join('|')}>]`);
  }
  for (const t of targets) if (!(t in TARGETS)) throw new Error(`Unknown target "${t}". Known: ${Object.keys(TARGETS).join(', ')}.`);
  return targets.length ? targets : Object.keys(TARGETS);
}

function main() {
  const targets = parseArgs(process.argv.slice(2));
  const model = join(root, 'models/electra-feedback/onnx/model.onnx');
  if (!existsSync(model)) {
    throw new Error(`The embedded model is missing (${model}). Train/export it (models/training/README.md) before packaging.`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

  const base = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const outDir = join(root, 'out/vsix');
  mkdirSync(outDir, { recursive: true });
  const made = [];
  for (const target of targets) {
    const { ort, tok } = TARGETS[target];
    const ortDir = `node_modules/onnxruntime-node/bin/napi-v6/${ort}`;
    const tokFile = `node_modules/tokenizers/tokenizers.${tok}.node`;
    const missing = [ortDir, tokFile].filter((p) => !existsSync(join(root, p)));
    if (missing.length) {
      console.warn(`skipping ${target}: not installed here: ${missing.join(', ')}`);
      continue;
    }
    // The base list has no native code; add this platform's (and only this platform's).
    const ignore = [base, '# this target only (scripts/package.mjs)', `!${ortDir}/**`, `!${tokFile}`, ''].join('\n');
    const ignoreFile = join(root, 'out', `.vscodeignore-${target}`);
    writeFileSync(ignoreFile, ignore);
    const out = join(outDir, `${pkg.name}-${target}-${pkg.version}.vsix`);
    rmSync(out, { force: true });
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--target', target,
        '--ignoreFile', ignoreFile,
        '--out', out,
        '--allow-missing-repository',
        '--skip-license',
        '--no-rewrite-relative-links',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    made.push(`${out} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);
  }
  console.log(`\nVSIX files:\n  ${made.join('\n  ')}`);
}

try {
  main();
} catch (e) {
  console.error(`package: ${e.message}`);
  process.exit(1);
}

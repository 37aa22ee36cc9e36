/**
 * The tiny random-weight model the plumbing tests run on (test/.cache/tiny-model),
 * generated once by the project's exporter when missing (models/training/README.md).
 * Loaded as a mocha root hook (.mocharc.json `require`), so every suite finds it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const TINY_MODEL_DIR = path.join(REPO_ROOT, 'test', '.cache', 'tiny-model');
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Returns the tiny model's folder, exporting it first if it is not there (about 2 s). */
export function ensureTinyModel(): string {
  if (existsSync(path.join(TINY_MODEL_DIR, 'manifest.json'))) return TINY_MODEL_DIR;
  // Export beside it and rename, so a half-written folder is never mistaken for the model.
  const tmp = `${TINY_MODEL_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(PYTHON, [path.join(REPO_ROOT, 'models', 'training', 'export.py'), '--random-tiny', '--seed', '0', '--out', tmp], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  if (!existsSync(path.join(TINY_MODEL_DIR, 'manifest.json'))) {
    rmSync(TINY_MODEL_DIR, { recursive: true, force: true });
    renameSync(tmp, TINY_MODEL_DIR);
  } else {
    rmSync(tmp, { recursive: true, force: true });
  }
  return TINY_MODEL_DIR;
}

export const mochaHooks = {
  beforeAll(this: Mocha.Context): void {
    this.timeout(120_000);
    ensureTinyModel();
  },
};

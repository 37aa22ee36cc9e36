/**
 * Where the evaluation reads from: the shared data beside the checkout (`../shared`, or
 * $ELECTRA_SHARED_DIR) and the prepared corpus split in models/training/.work/data (made by
 * prepare_corpus.py, which the eval runs when it is missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHARED = process.env.ELECTRA_SHARED_DIR ?? path.join(ROOT, '..', 'shared');
export const DATA = path.join(ROOT, 'models', 'training', '.work', 'data');

/** A file of the shared evaluation sets (research licences: read in place, never copied). */
export const evalFile = (...parts: string[]): string => path.join(SHARED, 'eval', ...parts);

/** Ensures the corpus dev split exists (prepare_corpus.py is deterministic: same seed, same split). */
export function ensureDevSplit(): void {
  if (existsSync(path.join(DATA, 'dev_words.txt')) && existsSync(path.join(DATA, 'dev.txt'))) return;
  process.stderr.write('eval: preparing the corpus dev split (models/training/prepare_corpus.py, a few minutes)…\n');
  const python = [path.join(ROOT, '.venv', 'bin', 'python'), '/usr/bin/python3'].find((p) => existsSync(p)) ?? 'python3';
  execFileSync(python, [path.join(ROOT, 'models', 'training', 'prepare_corpus.py')], { stdio: 'inherit' });
}

/** The corpus dev split's paragraphs (one per non-blank line of dev.txt). */
export function devParagraphs(): string[] {
  ensureDevSplit();
  return readFileSync(path.join(DATA, 'dev.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/**
 * Defaults of the engine, shared by the CLI, the extension and the grader.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder holding this package's package.json, found by walking up from this
 * module: `src/core/` when run from source (tsx), `dist/` when bundled. */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'electra-feedback') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..');
    dir = parent;
  }
}

/** Absolute path of the embedded default model, `models/electra-feedback` of the package. */
export const DEFAULT_MODEL_DIR = path.join(packageRoot(), 'models', 'electra-feedback');

/**
 * Probability at or above which a word is reported: `npm run eval`'s recommendation for the shipped model
 * (`recommendThreshold` on FCE dev: precision first — the best word F0.5 among thresholds with precision
 * >= 0.6 that leave at most 0.6 flags per 100 words on the corrected essays, as written and joined into one
 * paragraph). The figures at this threshold are in models/electra-feedback/MODEL_CARD.md. Choose again
 * whenever the model or the window rule changes.
 */
export const DEFAULT_THRESHOLD = 0.24;

/** Largest source accepted by `Checker.score`, in UTF-16 code units (about 1 MB of text). */
export const MAX_DOCUMENT_SIZE = 1_000_000;

/** Most suggestions `Checker.suggest` returns unless asked otherwise. */
export const DEFAULT_MAX_SUGGESTIONS = 5;

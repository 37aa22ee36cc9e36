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
 * Probability at or above which a word is reported, chosen by `npm run eval` (`recommendThreshold`) on FCE
 * dev for the stage-1 model: the best word F0.5 among thresholds with precision >= 0.5. The stage-3 model
 * (shipped) measures at 0.21: FCE dev P 58.3%, R 20.8%, F0.5 42.9%; FCE test (not tuned on) P 62.4%, R 19.1%,
 * F0.5 42.9%. Its own recommendation, 0.30, gains 0.5 F0.5 on FCE dev but loses 1.5 on FCE test, 1.6 on the
 * FCE public test and 2.5 on JFLEG dev with less recall, so 0.21 stays (models/electra-feedback/MODEL_CARD.md).
 * Re-measure when the model changes.
 */
export const DEFAULT_THRESHOLD = 0.21;

/** Largest source accepted by `Checker.score`, in UTF-16 code units (about 1 MB of text). */
export const MAX_DOCUMENT_SIZE = 1_000_000;

/** Most suggestions `Checker.suggest` returns unless asked otherwise. */
export const DEFAULT_MAX_SUGGESTIONS = 5;

/** The grading modules' numeric helpers, re-exported for the evaluation, plus seeded shuffles. */
import { roundToScale } from '../../src/core/grade/calibration/calibrate';
import { mean, sd } from '../../src/core/grade/measure/numbers';
import { rng } from '../eval/random';

export { pearson, quadraticWeightedKappa, mean, sd } from '../../src/core/grade/measure/numbers';
export const roundToScaleOf = roundToScale;

/** A seeded permutation of 0..n-1 (Fisher–Yates with Mulberry32). */
export function shuffled(n: number, seed: number): number[] {
  const rand = rng(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  return idx;
}

/** "0.512 ± 0.041" */
export const fmt = (xs: readonly number[]) => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`;

/** Small numeric helpers shared by the grading modules. All pure and deterministic. */

/** Rounds to `decimals` fixed decimals (half away from zero), so reports are identical across machines. */
export function round(x: number, decimals = 1): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(x) * f) / f;
  return x < 0 ? -r : r;
}

/**
 * Linear ramp onto 0–100: 100 at `best`, 0 at `worst`, clamped outside. `best` may be larger or
 * smaller than `worst` (the direction follows them).
 */
export function ramp(x: number, best: number, worst: number): number {
  if (!Number.isFinite(x)) return 0;
  const t = (x - worst) / (best - worst);
  return 100 * Math.min(1, Math.max(0, t));
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Population standard deviation; 0 for fewer than two values. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / xs.length);
}

/** Pearson correlation; null when either side is constant or there are fewer than two pairs. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const mx = mean(xs.slice(0, n));
  const my = mean(ys.slice(0, n));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Quadratic weighted kappa between two ratings on the categories `min, min+step, ..., max`
 * (values are rounded to the nearest category and clamped first; `step` defaults to 1).
 * Null when undefined (fewer than two categories, no pairs, or no expected disagreement).
 */
export function quadraticWeightedKappa(
  a: readonly number[], b: readonly number[], scale: { min: number; max: number; step?: number },
): number | null {
  const step = scale.step && scale.step > 0 ? scale.step : 1;
  const k = Math.round((scale.max - scale.min) / step) + 1;
  const n = Math.min(a.length, b.length);
  if (k < 2 || n === 0) return null;
  const cat = (x: number) => clamp(Math.round((x - scale.min) / step), 0, k - 1);
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const ha = new Array<number>(k).fill(0);
  const hb = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = cat(a[i]);
    const y = cat(b[i]);
    observed[x][y]++;
    ha[x]++;
    hb[y]++;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = ((i - j) ** 2) / ((k - 1) ** 2);
      num += w * observed[i][j];
      den += w * (ha[i] * hb[j]) / n;
    }
  }
  if (den === 0) return null;
  return 1 - num / den;
}

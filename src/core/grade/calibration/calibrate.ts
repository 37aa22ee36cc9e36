/**
 * Calibration to a teacher: ridge regression (closed form, deterministic) from the rubric's
 * weighted score, the criteria sub-scores and log length to the teacher's grades, with k-fold
 * cross-validated agreement (quadratic weighted kappa and Pearson) so the teacher knows how far
 * to trust it.
 *
 * The weighted score is not penalised, so a strong penalty shrinks the fit towards a linear
 * rescaling of the rubric's own grade (two parameters: safe with 20–30 graded essays) and a weak
 * one lets the teacher's grades re-weigh the criteria. Cross-validation picks the penalty, and
 * then the method (`fitCalibration`): when re-weighing does not agree better with the teacher
 * than the rescaled or the plain rubric, the calibration falls back and says so. The fitted
 * slope is stretched so that grades spread like the teacher's (`stretched`).
 */
import { clamp, mean, pearson, quadraticWeightedKappa, round, sd } from '../measure/numbers';
import type { FitReference } from '../measure/fit';
import { DEFAULT_RANGE } from '../rubric/rubric';
import { CRITERION_IDS, type Agreement, type Calibration, type CalibrationMethod, type CriterionScore, type Rubric } from '../types';

/** Names of the calibration features, in the order of the coefficient vector. */
export const CALIBRATION_FEATURES: readonly string[] = ['weighted', ...CRITERION_IDS, 'logWords'];

/** Features left out of the penalty (the rubric's own grade, which the fit shrinks towards). */
const UNPENALISED = new Set(['weighted']);

/** Ridge penalties tried (on standardised features); the one with the lowest cross-validated error wins. */
export const LAMBDA_GRID: readonly number[] = [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000];

/** Most folds used for cross-validation. */
export const MAX_FOLDS = 5;

export interface GradedExample {
  /** Values for every name in CALIBRATION_FEATURES. */
  features: Record<string, number>;
  /** The teacher's grade. */
  score: number;
}

/**
 * Calibration features of one graded document: the rubric's weighted score (Σ weight·score),
 * the sub-scores (0–100) and ln(1 + words).
 */
export function calibrationFeatures(criteria: readonly CriterionScore[], words: number): Record<string, number> {
  const out: Record<string, number> = { weighted: criteria.reduce((s, c) => s + c.weight * c.score, 0) };
  for (const c of criteria) out[c.id] = c.score;
  out.logWords = Math.log1p(words);
  return out;
}

export class CalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalibrationError';
  }
}

/** Methods in order of complexity: on equal cross-validated agreement the simpler one wins. */
const METHODS: readonly CalibrationMethod[] = ['rubric', 'rescale', 'criteria'];

/** Fits one method on `X, y`; returns a predictor of raw (unrounded) grades. */
function fitMethod(method: CalibrationMethod, X: readonly number[][], y: readonly number[], scale: Calibration['scale'], range: Rubric['range'], lambda?: number): RidgeModel & { lambda: number } {
  const w = CALIBRATION_FEATURES.indexOf('weighted');
  if (method === 'rubric') {
    // The rubric's score range mapped linearly onto the teacher's scale: nothing is learned from the grades.
    const col = X.map((x) => x[w]);
    const m = mean(col);
    const s = sd(col);
    const k = (scale.max - scale.min) / (range.high - range.low);
    return { beta: CALIBRATION_FEATURES.map((_, j) => (j === w ? k * s : 0)), intercept: scale.min + k * (m - range.low), means: CALIBRATION_FEATURES.map((_, j) => (j === w ? m : 0)), sds: CALIBRATION_FEATURES.map((_, j) => (j === w ? s : 0)), lambda: 0 };
  }
  const cols = method === 'rescale' ? X.map((x) => x.map((v, j) => (j === w ? v : 0))) : X;
  const folds = Math.min(MAX_FOLDS, Math.floor(y.length / 2));
  const l = lambda ?? (method === 'criteria' && folds >= 2 ? chooseLambda(cols, y, folds) : 1);
  return { ...stretched(fitRidge(cols, y, l), cols, y), lambda: l };
}

/**
 * Fits a calibration. `scale` defaults to the range of the teacher's grades, with step 1 when all
 * grades are whole, 0.5 when all are halves, else no rounding. Needs at least 3 examples.
 *
 * Three methods are cross-validated on the same folds (the penalty chosen again inside each
 * training part, so the numbers are honest): ridge on every criterion, a linear rescaling of the
 * rubric's score, and the rubric's score mapped onto the scale without fitting. The one with the
 * best quadratic weighted kappa wins, the simpler on a tie, so a calibration never agrees worse
 * with the teacher, on cross-validation, than the uncalibrated rubric; `fallback` says when a
 * simpler method won. `opts.method` forces one.
 */
export function fitCalibration(examples: readonly GradedExample[], opts: { scale?: Calibration['scale']; lambda?: number; method?: CalibrationMethod; reference?: FitReference; range?: Rubric['range'] } = {}): Calibration {
  const range = opts.range ?? DEFAULT_RANGE;
  if (examples.length < 3) throw new CalibrationError(`Calibration needs at least 3 graded submissions (got ${examples.length}); 20 or more give a trustworthy fit.`);
  const y = examples.map((e) => e.score);
  const scale = opts.scale ?? inferScale(y);
  const X = examples.map((e) => CALIBRATION_FEATURES.map((f) => e.features[f] ?? 0));
  const folds = examples.length >= 6 ? Math.min(MAX_FOLDS, Math.floor(examples.length / 2)) : 0;
  const candidates: Partial<Record<CalibrationMethod, Agreement>> = {};
  for (const method of opts.method ? [opts.method] : METHODS) {
    if (!folds) break;
    const predictions = new Array<number>(y.length);
    for (let k = 0; k < folds; k++) {
      const train = y.map((_, i) => i).filter((i) => i % folds !== k);
      const m = fitMethod(method, train.map((i) => X[i]), train.map((i) => y[i]), scale, range, opts.lambda);
      for (let i = k; i < y.length; i += folds) predictions[i] = predictRaw(m, X[i]);
    }
    const q = quadraticWeightedKappa(predictions.map((p) => roundToScale(p, scale)), y, scale);
    const r = pearson(predictions, y);
    candidates[method] = { qwk: q === null ? null : round(q, 4), pearson: r === null ? null : round(r, 4) };
  }
  const score = (m: CalibrationMethod) => candidates[m]?.qwk ?? -Infinity;
  const method = opts.method ?? (folds ? METHODS.reduce((best, m) => (score(m) > score(best) + 1e-9 ? m : best)) : 'rescale');
  const model = fitMethod(method, X, y, scale, range, opts.lambda);
  const coefficients: Record<string, number> = {};
  const featureStats: Record<string, { mean: number; sd: number }> = {};
  CALIBRATION_FEATURES.forEach((f, j) => {
    coefficients[f] = round(model.beta[j], 6);
    featureStats[f] = { mean: round(model.means[j], 6), sd: round(model.sds[j], 6) };
  });
  const chosen = candidates[method] ?? { qwk: null, pearson: null };
  const full = candidates.criteria?.qwk;
  const fallback = !folds ? `too few graded submissions to cross-validate (6+ needed): the rubric's score is rescaled to the teacher's grades`
    : method === 'criteria' || opts.method ? undefined
      : `re-weighing the criteria agreed less with the teacher on cross-validation (QWK ${full ?? 'n/a'}) than ${method === 'rubric' ? 'the uncalibrated rubric' : 'rescaling the rubric\'s score'} (QWK ${chosen.qwk ?? 'n/a'}), so the calibration uses ${method === 'rubric' ? 'the rubric on the teacher\'s scale' : 'the rescaled rubric score'}`;
  return {
    format: 2,
    method,
    ...(fallback ? { fallback } : {}),
    ...(opts.reference ? { reference: opts.reference } : {}),
    coefficients,
    featureStats,
    intercept: round(model.intercept, 6),
    lambda: model.lambda,
    scale,
    crossValidation: { folds, qwk: chosen.qwk, pearson: chosen.pearson, candidates },
    n: examples.length,
  };
}

/** The calibrated grade of `features`: the linear prediction clamped into the scale and rounded to its step. */
export function applyCalibration(cal: Calibration, features: Record<string, number>): number {
  return roundToScale(predictCalibrated(cal, features), cal.scale);
}

/** The calibration's linear prediction before clamping and rounding (for correlations). */
export function predictCalibrated(cal: Calibration, features: Record<string, number>): number {
  let y = cal.intercept;
  for (const f of Object.keys(cal.coefficients)) {
    const s = cal.featureStats[f];
    const z = s && s.sd > 0 ? ((features[f] ?? 0) - s.mean) / s.sd : 0;
    y += cal.coefficients[f] * z;
  }
  return y;
}

/** Clamps into `[min, max]` and rounds to the nearest `min + k·step` (to 4 decimals without a step). */
export function roundToScale(x: number, scale: { min: number; max: number; step?: number }): number {
  const c = clamp(x, scale.min, scale.max);
  if (!scale.step) return round(c, 4);
  return round(clamp(scale.min + Math.round((c - scale.min) / scale.step) * scale.step, scale.min, scale.max), 6);
}

/** The rubric's grade of a weighted score: `range` mapped linearly onto the scale, clamped and rounded to its step. */
export function rubricGrade(weighted: number, rubric: Pick<Rubric, 'scale' | 'range'>): number {
  const { low, high } = rubric.range ?? { low: 0, high: 100 };
  return roundToScale(rubric.scale.min + ((rubric.scale.max - rubric.scale.min) * (weighted - low)) / (high - low), rubric.scale);
}

function inferScale(y: readonly number[]): Calibration['scale'] {
  const min = Math.min(...y);
  const max = Math.max(...y);
  const whole = y.every((v) => Number.isInteger(v));
  const halves = y.every((v) => Number.isInteger(v * 2));
  const step = whole ? 1 : halves ? 0.5 : undefined;
  return step === undefined ? { min, max: max > min ? max : min + 1 } : { min, max: max > min ? max : min + step, step };
}

interface RidgeModel { beta: number[]; intercept: number; means: number[]; sds: number[] }

/**
 * Ridge regression on standardised columns: β = (ZᵀZ + λP)⁻¹ Zᵀ(y − ȳ), intercept ȳ, where P is
 * the identity except 0 for the unpenalised columns (by CALIBRATION_FEATURES position).
 */
export function fitRidge(X: readonly number[][], y: readonly number[], lambda: number): RidgeModel {
  const p = X[0]?.length ?? 0;
  const means: number[] = [];
  const sds: number[] = [];
  for (let j = 0; j < p; j++) {
    const col = X.map((row) => row[j]);
    means.push(mean(col));
    sds.push(sd(col));
  }
  const Z = X.map((row) => row.map((v, j) => (sds[j] > 0 ? (v - means[j]) / sds[j] : 0)));
  const ybar = mean(y);
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => {
    let s = 0;
    for (const row of Z) s += row[a] * row[b];
    return s + (a === b && !UNPENALISED.has(CALIBRATION_FEATURES[a]) ? lambda : 0);
  }));
  const rhs = Array.from({ length: p }, (_, a) => {
    let s = 0;
    Z.forEach((row, i) => { s += row[a] * (y[i] - ybar); });
    return s;
  });
  return { beta: solve(A, rhs), intercept: ybar, means, sds };
}

/** Most a fit is stretched (see `stretched`). */
export const MAX_STRETCH = 3;

/**
 * Ridge pulls predictions towards the mean grade, so a class would be graded on a narrower range
 * than the teacher uses. Stretch the slope so that the fitted grades spread like the teacher's
 * (sd ratio, between 1 and MAX_STRETCH). Correlation is unchanged; agreement on the scale improves.
 */
function stretched(m: RidgeModel, X: readonly number[][], y: readonly number[]): RidgeModel {
  const fitted = X.map((x) => predictRaw(m, x));
  const sf = sd(fitted);
  const k = sf > 0 ? clamp(sd(y) / sf, 1, MAX_STRETCH) : 1;
  return { ...m, beta: m.beta.map((b) => b * k) };
}

function predictRaw(m: RidgeModel, x: readonly number[]): number {
  let y = m.intercept;
  x.forEach((v, j) => { if (m.sds[j] > 0) y += m.beta[j] * ((v - m.means[j]) / m.sds[j]); });
  return y;
}

/** The penalty of LAMBDA_GRID with the lowest k-fold mean squared error (ties: the larger penalty). */
function chooseLambda(X: readonly number[][], y: readonly number[], folds: number): number {
  let best = LAMBDA_GRID[0];
  let bestErr = Infinity;
  for (const lambda of LAMBDA_GRID) {
    let err = 0;
    for (let k = 0; k < folds; k++) {
      const train = y.map((_, i) => i).filter((i) => i % folds !== k);
      const m = fitRidge(train.map((i) => X[i]), train.map((i) => y[i]), lambda);
      for (let i = k; i < y.length; i += folds) err += (predictRaw(m, X[i]) - y[i]) ** 2;
    }
    if (err <= bestErr + 1e-12) { best = lambda; bestErr = Math.min(err, bestErr); }
  }
  return best;
}

/** Gaussian elimination with partial pivoting; A is symmetric positive definite here (λ > 0). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}

/**
 * One graded essay set, prepared once (features and criteria without fit), and what a split
 * does with it: build the class reference from the calibration essays, score fit, calibrate,
 * grade the others. Ablations drop criteria from both the weighted score and the calibration.
 */
import { classReference, measureFit, promptTerms, type FitReference } from '../../src/core/grade/measure/fit';
import { fitDraft } from '../../src/core/grade/criteria/fit-criterion';
import { applyCalibration, fitCalibration, predictCalibrated, rubricGrade } from '../../src/core/grade/calibration/calibrate';
import { scoreCriteria, weightedScore } from '../../src/core/grade/criteria/criteria';
import { errorRate } from '../../src/core/grade/criteria/error-criteria';
import { computeFeatures } from '../../src/core/grade/measure/features';
import { pearson, quadraticWeightedKappa } from './stats';
import { traitFeatures, traitScore } from '../../src/core/grade/criteria/analytic';
import { CRITERION_IDS, type CalibrationMethod, type CriterionId, type CriterionScore, type Rubric, type Trait } from '../../src/core/grade/types';
import type { ScoredText } from '../../src/core/types';
import type { Essay, HumanScore } from './ellipse';

export interface Prepared {
  essay: Essay;
  /** Sub-scores of every criterion but fit. */
  scores: Partial<Record<CriterionId, number>>;
  words: number;
  terms: Map<string, number>;
  prompt: string[];
  /** Errors per 100 words by family (for the correlation table). */
  rates: Record<'grammar' | 'spelling' | 'wordChoice', number>;
  flaggedRate: number;
}

export function prepare(essays: readonly Essay[], docs: readonly ScoredText[], rubric: Rubric): Prepared[] {
  return essays.map((essay, i) => {
    const f = computeFeatures(docs[i], essay.text, rubric.threshold);
    const scores = Object.fromEntries(scoreCriteria(f, essay.text, rubric).map((c) => [c.id, c.score]));
    const rate = (k: 'grammar' | 'spelling' | 'wordChoice') => errorRate(f.errors, f.words, k, rubric.threshold);
    return {
      essay, scores, words: f.words, terms: f.terms, prompt: promptTerms(essay.prompt),
      rates: { grammar: rate('grammar'), spelling: rate('spelling'), wordChoice: rate('wordChoice') },
      flaggedRate: f.flaggedRate,
    };
  });
}

/** What a grader may use: criteria left out, whether fit sees the class and the prompt. */
export interface Variant { drop?: readonly CriterionId[]; classFit?: boolean; prompt?: boolean; method?: CalibrationMethod; lengthOnly?: boolean }

/** Calibration features of one essay under a variant (fit measured against `reference`). */
export function featuresOf(p: Prepared, rubric: Rubric, v: Variant, reference: FitReference | undefined, ownCosine?: number): Record<string, number> {
  const logWords = Math.log1p(p.words);
  if (v.lengthOnly) return { logWords };
  const scores: Partial<Record<CriterionId, number>> = { ...p.scores };
  const m = measureFit(p.terms, p.words, v.classFit === false ? undefined : reference, v.prompt === false ? [] : p.prompt, ownCosine);
  const fit = fitDraft(m, p.words);
  if (fit) scores.fit = fit.score;
  for (const id of v.drop ?? []) delete scores[id];
  return { weighted: weightedScore(scores, rubric), ...scores, logWords };
}

export interface SplitResult { qwk: number; r: number; method?: CalibrationMethod }

/** Calibrates on `train` (indices), grades `test`; QWK on the rounded grades, Pearson on the raw predictions. */
export function runSplit(data: readonly Prepared[], train: readonly number[], test: readonly number[], rubric: Rubric, v: Variant, scale: { min: number; max: number; step: number }): SplitResult {
  const y = (i: number) => data[i].essay.human.Overall;
  const cls = classReference(train.map((i) => ({ terms: data[i].terms, words: data[i].words, score: y(i) })));
  const reference = cls?.reference;
  // A calibration essay is measured against the others, as a new submission would be.
  const examples = train.map((i, k) => ({ features: featuresOf(data[i], rubric, v, reference, cls?.ownCosine[k]), score: y(i) }));
  const cal = fitCalibration(examples, { scale, range: rubric.range, ...(v.method ? { method: v.method } : {}) });
  const feats = test.map((i) => featuresOf(data[i], rubric, v, reference));
  const truth = test.map(y);
  return {
    qwk: quadraticWeightedKappa(feats.map((f) => applyCalibration(cal, f)), truth, scale) ?? 0,
    r: pearson(feats.map((f) => predictCalibrated(cal, f)), truth) ?? 0,
    method: cal.method,
  };
}

/** Human analytic score of each trait (ELLIPSE's column). */
export const TRAIT_COLUMN: Readonly<Record<Trait, HumanScore>> = { grammar: 'Grammar', vocabulary: 'Vocabulary', cohesion: 'Cohesion', conventions: 'Conventions' };

/** One analytic trait: calibrated on `train` against the human trait score (or the rubric's mapping when `calibrate` is false), graded on `test`. */
export function runTraitSplit(data: readonly Prepared[], train: readonly number[], test: readonly number[], rubric: Rubric, trait: Trait, calibrate: boolean, scale: { min: number; max: number; step: number }): SplitResult {
  const y = (i: number) => data[i].essay.human[TRAIT_COLUMN[trait]];
  const cls = classReference(train.map((i) => ({ terms: data[i].terms, words: data[i].words, score: data[i].essay.human.Overall })));
  const criteriaOf = (i: number, own?: number): CriterionScore[] => {
    const f = featuresOf(data[i], rubric, {}, cls?.reference, own);
    return CRITERION_IDS.filter((id) => f[id] !== undefined).map((id) => ({ id, label: id, score: f[id], weight: 0, evidence: [], passages: [] }));
  };
  const truth = test.map(y);
  if (!calibrate) {
    const w = test.map((i) => traitScore(trait, criteriaOf(i)));
    return { qwk: quadraticWeightedKappa(w.map((x) => rubricGrade(x, { ...rubric, scale })), truth, scale) ?? 0, r: pearson(w, truth) ?? 0 };
  }
  const cal = fitCalibration(train.map((i, k) => ({ features: traitFeatures(trait, criteriaOf(i, cls?.ownCosine[k]), data[i].words), score: y(i) })), { scale, range: rubric.range });
  const feats = test.map((i) => traitFeatures(trait, criteriaOf(i), data[i].words));
  return { qwk: quadraticWeightedKappa(feats.map((f) => applyCalibration(cal, f)), truth, scale) ?? 0, r: pearson(feats.map((f) => predictCalibrated(cal, f)), truth) ?? 0, method: cal.method };
}

/** The uncalibrated rubric (prompt coverage only, no class) mapped onto `scale`. */
export function uncalibrated(data: readonly Prepared[], test: readonly number[], rubric: Rubric, scale: { min: number; max: number; step: number }): SplitResult {
  const w = test.map((i) => featuresOf(data[i], rubric, { classFit: false }, undefined).weighted);
  const truth = test.map((i) => data[i].essay.human.Overall);
  return {
    qwk: quadraticWeightedKappa(w.map((x) => rubricGrade(x, { ...rubric, scale })), truth, scale) ?? 0,
    r: pearson(w, truth) ?? 0,
  };
}

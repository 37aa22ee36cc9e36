/**
 * Analytic scores: when the rubric asks (`"analytic": ["grammar", "vocabulary", ...]`), the report
 * also grades traits the way analytic rubrics (and ELLIPSE's raters) do, each from the criteria
 * that bear on it, on the rubric's scale — or on the teacher's, calibrated separately for every
 * trait the teacher graded (extra columns of the calibration CSV).
 */
import { applyCalibration, calibrationFeatures, rubricGrade } from '../calibration/calibrate';
import { weightedScore } from './criteria';
import { TRAITS, type AnalyticScore, type Calibration, type CriterionId, type CriterionScore, type Rubric, type Trait } from '../types';

export { TRAITS, type AnalyticScore, type Trait };

export const TRAIT_LABELS: Readonly<Record<Trait, string>> = { grammar: 'Grammar', vocabulary: 'Vocabulary', cohesion: 'Cohesion', conventions: 'Conventions' };

/** The criteria (and their relative weights) behind each trait. */
export const TRAIT_CRITERIA: Readonly<Record<Trait, Partial<Record<CriterionId, number>>>> = {
  grammar: { grammar: 0.5, fluency: 0.25, conventions: 0.25 },
  vocabulary: { vocabulary: 0.6, wordChoice: 0.2, spelling: 0.2 },
  cohesion: { organisation: 0.6, fluency: 0.2, fit: 0.2 },
  conventions: { conventions: 0.5, spelling: 0.5 },
};

/** The trait's 0–100 score: its criteria weighted by TRAIT_CRITERIA (those present). */
export function traitScore(trait: Trait, criteria: readonly CriterionScore[]): number {
  const scores: Partial<Record<CriterionId, number>> = {};
  for (const c of criteria) if (TRAIT_CRITERIA[trait][c.id] !== undefined) scores[c.id] = c.score;
  return weightedScore(scores, { weights: TRAIT_CRITERIA[trait] } as Rubric);
}

/** Calibration features of a trait: the criteria and length, with the trait's score as `weighted`. */
export function traitFeatures(trait: Trait, criteria: readonly CriterionScore[], words: number): Record<string, number> {
  return { ...calibrationFeatures(criteria, words), weighted: traitScore(trait, criteria) };
}

/** The analytic scores the rubric asks for, in its order (empty when it asks for none). */
export function analyticScores(criteria: readonly CriterionScore[], words: number, rubric: Rubric, calibration?: Calibration): AnalyticScore[] {
  return (rubric.analytic ?? []).map((trait) => {
    const weighted = traitScore(trait, criteria);
    const cal = calibration?.analytic?.[trait];
    const grade = words === 0 ? (cal ?? rubric).scale.min : cal ? applyCalibration(cal, traitFeatures(trait, criteria, words)) : rubricGrade(weighted, rubric);
    return { trait, label: TRAIT_LABELS[trait], grade, weighted: Math.round(weighted * 100) / 100, calibrated: cal !== undefined };
  });
}

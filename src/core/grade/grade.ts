/**
 * `grade()`: one scored document → a GradeReport on the rubric's (or the calibration's) scale.
 * Pure and deterministic: no randomness, stable sorting, fixed rounding. The report's
 * findings are the core's (`findingsOf` at the rubric's threshold): grading and checking
 * flag the same words with the same spans, messages and line/column.
 */
import { findingsOf } from '../findings';
import { positionIndex } from '../positions';
import type { ScoredText } from '../types';
import { applyCalibration, calibrationFeatures, rubricGrade } from './calibration/calibrate';
import { analyticScores } from './criteria/analytic';
import { scoreCriteria } from './criteria/criteria';
import { countErrors } from './criteria/error-criteria';
import { computeFeatures } from './measure/features';
import { measureFit, promptTerms, type FitReference } from './measure/fit';
import { round } from './measure/numbers';
import { DEFAULT_RUBRIC, letterFor } from './rubric/rubric';
import type { Calibration, GradeReport, Rubric } from './types';

/**
 * Grades one scored document. The fit criterion compares it with `opts.reference` (default: the
 * calibration's, i.e. the class's graded essays) and the rubric's prompt, when there are any;
 * `opts.ownCosine` is its similarity when it is one of the reference's essays (`classReference`).
 */
export function grade(doc: ScoredText, source: string, rubric: Rubric = DEFAULT_RUBRIC, calibration?: Calibration, opts: { reference?: FitReference; ownCosine?: number } = {}): GradeReport {
  const f = computeFeatures(doc, source, rubric.threshold);
  const fit = measureFit(f.terms, f.words, opts.reference ?? calibration?.reference, rubric.prompt ? promptTerms(rubric.prompt) : [], opts.ownCosine);
  const criteria = scoreCriteria(f, source, rubric, positionIndex(source), fit);
  const weighted = round(criteria.reduce((s, c) => s + c.score * c.weight, 0), 2);
  const scale = calibration ? calibration.scale : rubric.scale;
  // No words, no evidence: the bottom of the scale, whatever a calibration would extrapolate.
  const value = f.words === 0 ? scale.min : calibration
    ? applyCalibration(calibration, calibrationFeatures(criteria, f.words))
    : rubricGrade(weighted, rubric);
  // The core's findings rule, the same as `check` and the editor: grading adds only its criteria.
  const findings = findingsOf(source, doc.words, rubric.threshold);
  const letter = letterFor(value, rubric.letters);
  const ranked = [...criteria].filter((c) => c.weight > 0).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  const summary = f.words === 0
    ? 'There is no text to grade.'
    : `Grade ${value} on ${scale.min}–${scale.max}${letter ? ` (${letter})` : ''}${calibration ? (calibration.method === 'rubric' ? ' (the rubric on the teacher\'s scale: calibration fell back to it)' : ', calibrated to the teacher') : ''}. `
      + (best && worst && best !== worst ? `Strongest: ${best.label.toLowerCase()} (${best.score}); to work on: ${worst.label.toLowerCase()} (${worst.score}) — ${lowerFirst(worst.evidence[0] ?? '')}` : '');
  return {
    grade: value,
    ...(letter !== undefined ? { letter } : {}),
    scale,
    weighted,
    criteria,
    words: f.words,
    sentences: f.sentences,
    flagged: f.flagged.length,
    errorCounts: countErrors(f.errors),
    findings,
    calibrated: calibration !== undefined,
    ...(rubric.analytic?.length ? { analytic: analyticScores(criteria, f.words, rubric, calibration) } : {}),
    summary: summary.trim(),
  };
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

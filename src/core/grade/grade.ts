/**
 * `grade()`: one scored document → a GradeReport on the rubric's (or the calibration's) scale.
 * Pure and deterministic: no randomness, stable sorting, fixed rounding.
 */
import type { Finding, ScoredDocument } from '../types';
import { applyCalibration, calibrationFeatures, roundToScale } from './calibrate';
import { scoreCriteria } from './criteria';
import { computeFeatures } from './features';
import { LineIndex } from './lines';
import { round } from './numbers';
import { DEFAULT_RUBRIC, letterFor } from './rubric';
import type { Calibration, GradeReport, Rubric } from './types';

export function grade(doc: ScoredDocument, source: string, rubric: Rubric = DEFAULT_RUBRIC, calibration?: Calibration): GradeReport {
  const lines = new LineIndex(source);
  const f = computeFeatures(doc, source, rubric.threshold);
  const criteria = scoreCriteria(f, source, rubric, lines);
  const weighted = round(criteria.reduce((s, c) => s + c.score * c.weight, 0), 2);
  const scale = calibration ? calibration.scale : rubric.scale;
  // No words, no evidence: the bottom of the scale, whatever a calibration would extrapolate.
  const value = f.words === 0 ? scale.min : calibration
    ? applyCalibration(calibration, calibrationFeatures(criteria, f.words))
    : roundToScale(rubric.scale.min + ((rubric.scale.max - rubric.scale.min) * weighted) / 100, rubric.scale);
  const findings: Finding[] = [
    ...f.flagged.map((w): Finding => ({
      start: w.start, end: w.end, line: lines.line(w.start), column: lines.column(w.start), text: w.text,
      score: round(w.score, 4), kind: 'replaced-word', message: `"${w.text}" may not fit here.`, suggestions: [],
    })),
    ...f.conventions.filter((i) => i.kind === 'repeated-word').map((i): Finding => ({
      start: i.start, end: i.end, line: lines.line(i.start), column: lines.column(i.start), text: source.slice(i.start, i.end),
      score: 1, kind: 'repeated-word', message: `${i.reason[0].toUpperCase()}${i.reason.slice(1)}.`, suggestions: [{ kind: 'replace', text: source.slice(i.start, i.end).split(/\s+/)[0] }],
    })),
  ].sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const letter = letterFor(value, rubric.letters);
  const ranked = [...criteria].filter((c) => c.weight > 0).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  const summary = f.words === 0
    ? 'There is no text to grade.'
    : `Grade ${value} on ${scale.min}–${scale.max}${letter ? ` (${letter})` : ''}${calibration ? ', calibrated to the teacher' : ''}. `
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
    findings,
    calibrated: calibration !== undefined,
    summary: summary.trim(),
  };
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * `grade --calibrate CSV`: grades the submissions a teacher graded, fits the calibration
 * to the teacher's grades and saves it beside the rubric.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { calibrationFeatures, CalibrationError, classReference, computeFeatures, DEFAULT_RUBRIC, fitCalibration, grade, parseGradesCsv, traitFeatures, TRAITS, type Calibration, type GradedRow, type Rubric } from '../core/grade';
import { readSubmission, type ReadResult } from '../core/read';
import type { ScoredText } from '../core/types';
import type { CliIO } from './io';
import { writeAtomic } from './write-atomic';

/** Scores a submission that was read. */
export type ScoreRead = (r: Extract<ReadResult, { ok: true }>) => Promise<ScoredText>;

/** Scores the graded submissions of `csvPath` (paths relative to it), fits a calibration and
 * saves it to `target`. Throws `CalibrationError` for a CSV that cannot be used. */
export async function calibrate(csvPath: string, target: string, rubric: Rubric, score: ScoreRead, maxTextBytes: number, io: CliIO): Promise<Calibration> {
  let text: string;
  try {
    text = await readFile(csvPath, 'utf8');
  } catch (e) {
    throw new CalibrationError(`Cannot read ${csvPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const rows = parseGradesCsv(text, csvPath);
  const graded: Array<{ doc: ScoredText; text: string; score: number; traits: GradedRow['traits'] }> = [];
  for (const [i, row] of rows.entries()) {
    const path = isAbsolute(row.path) ? row.path : resolve(dirname(csvPath), row.path);
    const read = await readSubmission(path, { maxTextBytes });
    if (!read.ok) { io.stderr(`${csvPath}:${row.line}: ${row.path}: skipped: ${read.reason}\n`); continue; }
    graded.push({ doc: await score(read), text: read.text, score: row.score, traits: row.traits });
    io.stderr(`[calibrate ${i + 1}/${rows.length}] ${row.path}\n`);
  }
  // The class's vocabulary and length (fit to the assignment); each graded essay is measured
  // against the others, as a new submission will be.
  const cls = classReference(graded.map((g) => {
    const f = computeFeatures(g.doc, g.text, rubric.threshold);
    return { terms: f.terms, words: f.words, score: g.score };
  }));
  const reports = graded.map((g, i) => grade(g.doc, g.text, rubric, undefined, { reference: cls?.reference, ownCosine: cls?.ownCosine[i] }));
  const examples = reports.map((report, i) => ({ features: calibrationFeatures(report.criteria, report.words), score: graded[i].score }));
  // The rubric's scale is the teacher's when they set one that holds every grade; else it comes from the grades.
  const s = rubric.scale;
  const custom = s.min !== DEFAULT_RUBRIC.scale.min || s.max !== DEFAULT_RUBRIC.scale.max || s.step !== DEFAULT_RUBRIC.scale.step;
  const fits = examples.every((e) => e.score >= s.min && e.score <= s.max);
  const cal = fitCalibration(examples, { ...(custom && fits ? { scale: s } : {}), range: rubric.range, ...(cls ? { reference: cls.reference } : {}) });
  // Analytic traits the teacher graded (extra CSV columns), each calibrated on its own grades.
  const traitLines: string[] = [];
  for (const trait of TRAITS) {
    const rows = graded.map((g, i) => ({ score: g.traits[trait], i })).filter((r): r is { score: number; i: number } => r.score !== undefined);
    if (rows.length < 3) continue;
    const traitFits = rows.every((r) => r.score >= s.min && r.score <= s.max);
    const t = fitCalibration(rows.map((r) => ({ features: traitFeatures(trait, reports[r.i].criteria, reports[r.i].words), score: r.score })), { ...(custom && traitFits ? { scale: s } : {}), range: rubric.range });
    (cal.analytic ??= {})[trait] = t;
    traitLines.push(`  ${trait}: calibrated on ${t.n} (method ${t.method}, cross-validated QWK ${t.crossValidation.qwk ?? 'n/a'})\n`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeAtomic(target, `${JSON.stringify(cal, null, 2)}\n`);
  const cv = cal.crossValidation;
  io.stderr(`Calibrated on ${cal.n} graded submissions (scale ${cal.scale.min}–${cal.scale.max}${cal.scale.step ? ` step ${cal.scale.step}` : ''}); `
    + (cv.folds ? `method ${cal.method}, ${cv.folds}-fold cross-validated QWK ${cv.qwk ?? 'n/a'}, Pearson ${cv.pearson ?? 'n/a'}` : 'too few to cross-validate (6+ needed)')
    + `. Saved ${target}\n`);
  for (const line of traitLines) io.stderr(line);
  if (cal.fallback) io.stderr(`Calibration fell back: ${cal.fallback}.\n`);
  if (cal.n < 20) io.stderr('Fewer than 20 graded submissions: treat the calibration as rough.\n');
  return cal;
}

/**
 * The calibration's files: the teacher's grades CSV (`path,score`, optionally one column per
 * analytic trait) and the saved `calibration.json`.
 */
import { readFileSync } from 'node:fs';
import { splitCsvRecords } from '../../csv';
import { CalibrationError } from './calibrate';
import { TRAITS, type Calibration, type Trait } from '../types';

/** One graded row: the file, the overall grade, the analytic grades given, and its line. */
export interface GradedRow { path: string; score: number; line: number; traits: Partial<Record<Trait, number>> }

/**
 * Parses a `path,score` CSV (header optional; RFC 4180 quotes); errors name the record's line.
 * With a header, columns after the score named like an analytic trait (`grammar`, `vocabulary`,
 * `cohesion`, `conventions`) are the teacher's trait grades (a cell may be empty).
 */
export function parseGradesCsv(text: string, file: string): GradedRow[] {
  const rows: GradedRow[] = [];
  /** Trait of each column after the score (from the header; other columns are ignored). */
  let traitColumns: Array<Trait | undefined> = [];
  splitCsvRecords(text).forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    if (i === 0 && cells.length >= 2 && Number.isNaN(Number(cells[1]))) { // header
      traitColumns = cells.slice(2).map((h) => TRAITS.find((t) => t === h.trim().toLowerCase()));
      return;
    }
    if (cells.length < 2) throw new CalibrationError(`${file}:${i + 1}: expected "path,score", got ${JSON.stringify(cells.join(','))}`);
    const score = Number(cells[1].trim());
    if (!cells[1].trim() || !Number.isFinite(score)) throw new CalibrationError(`${file}:${i + 1}: score must be a number, got ${JSON.stringify(cells[1])}`);
    const traits: Partial<Record<Trait, number>> = {};
    traitColumns.forEach((trait, k) => {
      const cell = cells[k + 2]?.trim();
      if (!trait || !cell) return;
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new CalibrationError(`${file}:${i + 1}: ${trait} must be a number or empty, got ${JSON.stringify(cell)}`);
      traits[trait] = v;
    });
    rows.push({ path: cells[0].trim(), score, line: i + 1, traits });
  });
  if (rows.length === 0) throw new CalibrationError(`${file}: no graded rows (expected lines like "essays/ana.docx,4.5")`);
  return rows;
}

/** Reads a calibration file written by `fitCalibration` (JSON); throws CalibrationError with the reason. */
export function loadCalibration(path: string): Calibration {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CalibrationError(`Cannot read calibration ${path}: ${(e as Error).message}`);
  }
  const c = v as Partial<Calibration>;
  if (!c || (c.format !== 1 && c.format !== 2) || typeof c.intercept !== 'number' || !c.coefficients || !c.featureStats || !c.scale) {
    throw new CalibrationError(`${path} is not an electra-feedback calibration (format 1 or 2); recreate it with --calibrate graded.csv`);
  }
  return { method: 'criteria', ...c } as Calibration;
}

/**
 * Where `grade` finds its rubric and calibration, and loading them. They live together in
 * one folder: the given rubric's, else the nearest `.electra-feedback/` (from the working
 * folder up) that has a rubric or a calibration, else the working folder's.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CALIBRATION_FILE, DEFAULT_RUBRIC, loadCalibration, loadRubric, locateGradingSettings, type Calibration, type Rubric } from '../core/grade';
import type { CliIO } from './io';

export interface GradeSettings {
  rubric: Rubric;
  /** Absolute path where the calibration is read from and saved to. */
  calibrationPath: string;
}

/** The rubric (defaults when there is no file) and the calibration's place. Throws a
 * `RubricError` (with line and field) for a rubric file that is not valid. */
export function loadGradeSettings(rubricArg: string | undefined, cwd: string): GradeSettings {
  const rubricPath = rubricArg ? resolve(cwd, rubricArg) : locateGradingSettings(cwd).rubricPath;
  const rubric = rubricArg || existsSync(rubricPath) ? loadRubric(rubricPath) : DEFAULT_RUBRIC;
  return { rubric, calibrationPath: join(dirname(rubricPath), CALIBRATION_FILE) };
}

/** The saved calibration, when there is one (said on stderr); throws for one that cannot be read. */
export function loadSavedCalibration(calibrationPath: string, io: CliIO): Calibration | undefined {
  if (!existsSync(calibrationPath)) return undefined;
  const calibration = loadCalibration(calibrationPath);
  io.stderr(`Using calibration ${calibrationPath} (n=${calibration.n}, method ${calibration.method ?? 'criteria'}, cross-validated QWK ${calibration.crossValidation.qwk ?? 'n/a'}${calibration.fallback ? `; fell back: ${calibration.fallback}` : ''}).\n`);
  return calibration;
}

/**
 * Grading (docs/grading.md), in four rooms: `measure/` (what an essay shows: features, error kinds,
 * conventions, fit to the assignment), `criteria/` (the named 0–100 criteria and analytic traits),
 * `rubric/` (the teacher's rubric.json, parsed with positions) and `calibration/` (fitting the
 * teacher's own grades); `lms/` reads and fills what an LMS hands out and takes back. `grade` joins
 * them; `render` and `student-feedback` write the reports. The one door: import from here.
 */
export { grade } from './grade';
export * from './types';
export { DEFAULT_RUBRIC, RUBRIC_DIR, RUBRIC_FILE, CALIBRATION_FILE, parseRubric, loadRubric, RubricError, letterFor, type RubricProblem } from './rubric/rubric';
export { fitCalibration, applyCalibration, predictCalibrated, calibrationFeatures, rubricGrade, CalibrationError, CALIBRATION_FEATURES, type GradedExample } from './calibration/calibrate';
export { loadCalibration, parseGradesCsv, type GradedRow } from './calibration/calibration-io';
export { analyticScores, traitFeatures, traitScore, TRAIT_LABELS, TRAIT_CRITERIA } from './criteria/analytic';
export { computeFeatures, type Features } from './measure/features';
export { scoreCriteria, weightedScore } from './criteria/criteria';
export { buildFitReference, classReference, measureFit, promptTerms, termCounts, type FitReference, type FitMeasure } from './measure/fit';
export { classifyError, isNonWord, type ErrorKind } from './measure/error-kinds';
export { locateGradingSettings, type SettingsLocation } from './rubric/settings-location';
export * from './render';
export * from './student-feedback';
export * from './lms/lms-names';
export * from './lms/lms-result';
export * from './lms/lms-fill';
export * from './lms/moodle-worksheet';
export * from './lms/canvas-gradebook';

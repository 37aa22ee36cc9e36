/** Grading: criteria, rubric, calibration. See docs/grading.md. */
export { grade } from './grade';
export * from './types';
export { DEFAULT_RUBRIC, RUBRIC_DIR, RUBRIC_FILE, CALIBRATION_FILE, parseRubric, loadRubric, RubricError, letterFor, type RubricProblem } from './rubric';
export { fitCalibration, applyCalibration, predictCalibrated, calibrationFeatures, rubricGrade, CalibrationError, CALIBRATION_FEATURES, type GradedExample } from './calibrate';
export { loadCalibration, parseGradesCsv, type GradedRow } from './calibration-io';
export { analyticScores, traitFeatures, traitScore, TRAIT_LABELS, TRAIT_CRITERIA } from './analytic';
export { computeFeatures, type Features } from './features';
export { scoreCriteria, weightedScore } from './criteria';
export { buildFitReference, classReference, measureFit, promptTerms, termCounts, type FitReference, type FitMeasure } from './fit';
export { classifyError, isNonWord, type ErrorKind } from './error-kinds';

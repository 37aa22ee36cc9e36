/**
 * The grading data model: what a rubric asks for, what a calibration learned, and what a
 * grade report says. Rendered by the CLI and the editor; produced by `grade()`.
 *
 * Offsets: every `start`/`end` is a UTF-16 code-unit offset into the ORIGINAL source,
 * half-open `[start, end)`, as in `src/core/types.ts`. Lines are 1-based.
 */
import type { Finding } from '../types';
import type { ErrorKind } from './measure/error-kinds';
import type { FitReference } from './measure/fit';

/** The criteria a grade is built from. A closed union: add a member, document it. */
export type CriterionId =
  /** Flagged words that are no grammar or spelling error (wrong, missing or extra words), per 100 words. */
  | 'wordChoice'
  /** Flagged verb forms, agreement, determiners, prepositions and pronouns, per 100 words. */
  | 'grammar'
  /** Non-words (flagged or not) and flagged sound-alike words, per 100 words. */
  | 'spelling'
  /** How flags spread over sentences: flags per sentence and sentences with clusters of flags. */
  | 'fluency'
  /** Lexical diversity (MTLD) and sophistication (share of words that are rare in the training corpus). */
  | 'vocabulary'
  /** Paragraphing, sentence-length variety, and length against the rubric's expected range. */
  | 'organisation'
  /** What simple checks see: repeated words, unbalanced brackets/quotes, lowercase sentence starts, spacing. */
  | 'conventions'
  /** Fit to the assignment: vocabulary of the class's stronger essays, length against the class,
   * the prompt's key terms. Only when there are calibration essays or a rubric `prompt`. */
  | 'fit';

/** Every criterion, in display order. */
export const CRITERION_IDS: readonly CriterionId[] = ['wordChoice', 'grammar', 'spelling', 'fluency', 'vocabulary', 'organisation', 'conventions', 'fit'];

/** The criteria built from the model's flags (removed together in the evaluation's ablation). */
export const MODEL_CRITERIA: readonly CriterionId[] = ['wordChoice', 'grammar', 'fluency'];

/** Human labels of the criteria. */
export const CRITERION_LABELS: Readonly<Record<CriterionId, string>> = {
  wordChoice: 'Word choice',
  grammar: 'Grammar',
  spelling: 'Spelling',
  fluency: 'Fluency',
  vocabulary: 'Vocabulary',
  organisation: 'Organisation',
  conventions: 'Conventions',
  fit: 'Fit to the assignment',
};

/** Traits an analytic rubric may ask for (`analytic.ts`). A closed list: add a member, give it criteria. */
export const TRAITS = ['grammar', 'vocabulary', 'cohesion', 'conventions'] as const;
export type Trait = (typeof TRAITS)[number];

/** One analytic trait's grade. */
export interface AnalyticScore {
  trait: Trait;
  label: string;
  /** On the rubric's scale, or the trait calibration's. */
  grade: number;
  /** The weighted 0–100 score of the trait's criteria. */
  weighted: number;
  calibrated: boolean;
}

/** A letter band: a grade on the rubric scale `>= min` earns `letter` (the highest matching band wins). */
export interface LetterBand {
  letter: string;
  /** Lowest grade (on the rubric's output scale) that earns this letter. */
  min: number;
}

/** What the teacher asks for; read from `.electra-feedback/rubric.json` (defaults when absent). */
export interface Rubric {
  /** Relative weight of each criterion (>= 0, not all 0); normalised to sum 1 when grading. */
  weights: Record<CriterionId, number>;
  /** The output scale: the weighted score's `range` is mapped linearly onto [min, max], then rounded to `step`. */
  scale: { min: number; max: number; step?: number };
  /** The weighted 0–100 scores that map to the bottom (`low`) and the top (`high`) of the scale (clamped outside). */
  range: { low: number; high: number };
  /** Letter bands, any order; omitted or empty = no letter. */
  letters?: LetterBand[];
  /** Expected length in words; organisation loses points outside it. */
  expectedWords: { min: number; max: number };
  /** Discriminator probability (0..1) at or above which a word counts as flagged. */
  threshold: number;
  /**
   * Probability (0..1) at or above which a flagged word reaches the student's feedback, and at
   * or above which the model must find a fix right (1 − its score after the fix) for the fix to be
   * shown. The teacher's report keeps every finding. Default `DEFAULT_FEEDBACK_CONFIDENCE` (0.5).
   */
  feedbackConfidence?: number;
  /** The assignment's prompt; the fit criterion checks that a submission uses its key terms. */
  prompt?: string;
  /** Analytic traits to grade too, in this order (`analytic.ts`); none when absent. */
  analytic?: Trait[];
}

/** How a calibration maps criteria onto the teacher's scale (the simplest that cross-validates best). */
export type CalibrationMethod =
  /** Ridge regression on the rubric's score, every criterion and log length. */
  | 'criteria'
  /** A linear rescaling of the rubric's weighted score (two parameters). */
  | 'rescale'
  /** No fit: the rubric's weighted score mapped linearly onto the teacher's scale (the fallback). */
  | 'rubric';

/** Cross-validated agreement of one way of grading. */
export interface Agreement {
  /** Quadratic weighted kappa on the rounded grades, in [-1, 1]; null if undefined. */
  qwk: number | null;
  /** Pearson correlation of the unrounded predictions, in [-1, 1]; null if undefined. */
  pearson: number | null;
}

/** A mapping from criteria sub-scores to the teacher's scale, fitted on graded submissions. */
export interface Calibration {
  /** 2 since grading v2 (method, candidates, reference); format 1 files are read as method `criteria`. */
  format: 1 | 2;
  /** What was fitted; `rubric` means the fit fell back to the uncalibrated rubric (see `fallback`). */
  method?: CalibrationMethod;
  /** Why the calibration fell back to a simpler method, in one sentence; absent when it did not. */
  fallback?: string;
  /** The class's vocabulary and length (for the fit criterion); absent with fewer than 4 essays. */
  reference?: FitReference;
  /** Ridge-regression coefficients, one per feature, on standardised features (`(x - mean) / sd`). */
  coefficients: Record<string, number>;
  /** Mean and standard deviation of each feature in the training set (for standardising). */
  featureStats: Record<string, { mean: number; sd: number }>;
  /** Intercept, on the teacher's scale. */
  intercept: number;
  /** Ridge penalty used (on standardised features). */
  lambda: number;
  /** The teacher's scale seen in the data (grades are clamped into it and rounded to `step`). */
  scale: { min: number; max: number; step?: number };
  /** Cross-validated agreement between predictions and the teacher's grades. */
  crossValidation: Agreement & {
    /** Number of folds (k); 0 when too few submissions to cross-validate. */
    folds: number;
    /** The agreement of every method tried (the chosen one's is also `qwk`/`pearson`). */
    candidates?: Partial<Record<CalibrationMethod, Agreement>>;
  };
  /** Number of graded submissions the fit used. */
  n: number;
  /** One calibration per analytic trait the teacher graded (extra columns of the grades CSV). */
  analytic?: Partial<Record<Trait, Calibration>>;
}

/** A passage that explains a sub-score. */
export interface Passage {
  /** UTF-16 offsets into the source, `[start, end)`. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** `source.slice(start, end)` (may be shortened for display by the renderer, never here). */
  text: string;
  /** One short phrase: why this passage is shown. */
  reason: string;
}

/** One criterion's sub-score and why. */
export interface CriterionScore {
  id: CriterionId;
  label: string;
  /** 0–100, higher is better, rounded to 1 decimal. */
  score: number;
  /** Normalised weight in [0, 1] (the weights of a report sum to 1). */
  weight: number;
  /** Human sentences explaining the score, most important first. */
  evidence: string[];
  /** Source passages behind the evidence, in source order. */
  passages: Passage[];
}

/** The grade of one submission and the reasons behind it. */
export interface GradeReport {
  /** The grade on the rubric's scale (or the calibration's scale when calibrated). */
  grade: number;
  /** Letter from the rubric's bands, if any. */
  letter?: string;
  /** The scale `grade` is on. */
  scale: { min: number; max: number; step?: number };
  /** Weighted 0–100 score of the criteria before mapping to the scale. */
  weighted: number;
  criteria: CriterionScore[];
  /** Real words (`ScoredText.wordCount`). */
  words: number;
  sentences: number;
  /** Words scored at or above the rubric's threshold. */
  flagged: number;
  /** Probable errors by kind (flagged words by kind, plus every non-word as spelling). */
  errorCounts: Record<ErrorKind, number>;
  /** The flagged words and convention problems as findings, in source order. */
  findings: Finding[];
  /** Whether `grade` came from a calibration (else the rubric's linear mapping). */
  calibrated: boolean;
  /** The analytic traits the rubric asks for, each with its grade; absent when it asks for none. */
  analytic?: AnalyticScore[];
  /** One or two sentences for the student. */
  summary: string;
}

/**
 * The rubric file `.electra-feedback/rubric.json`: defaults, and validation whose errors name the
 * file, line, column and field. Every field is optional; a missing field takes its default.
 * The JSON Schema for editors is `schemas/rubric.schema.json` (keep both in step).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_THRESHOLD } from '../../defaults';
import { parseJsonWithPositions, JsonSyntaxError, type Located } from './jsonpos';
import { CRITERION_IDS, TRAITS, type CriterionId, type LetterBand, type Rubric, type Trait } from '../types';

/** Folder (relative to a workspace or the current directory) that holds the rubric and calibration. */
export const RUBRIC_DIR = '.electra-feedback';
export const RUBRIC_FILE = 'rubric.json';
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Discriminator probability at which a word counts as flagged when grading: the checker's
 * default, so that the grade and the underlines agree.
 */
export const DEFAULT_GRADING_THRESHOLD = DEFAULT_THRESHOLD;

/**
 * The weighted scores that map to the bottom and top of the scale by default: learner essays
 * score 40–85 on the criteria (ELLIPSE dev: mean 62, sd 9), so the identity 0–100 crowded every
 * grade into the upper middle of the scale (QWK 0.34 against human raters); 35–90 spreads them
 * like human grades (QWK 0.49 on ELLIPSE dev, 0.47 on its test part). The default weights were
 * set on ELLIPSE dev too (the model-free ones; docs/grading.md).
 */
export const DEFAULT_RANGE: Readonly<{ low: number; high: number }> = Object.freeze({ low: 35, high: 90 });

/**
 * Flags a student sees by default: a word the model is at least even odds about. The grading
 * threshold (0.21) flags many correct words — right for a grade that counts them, wrong for a
 * list of "errors" handed to a student.
 */
export const DEFAULT_FEEDBACK_CONFIDENCE = 0.5;

export const DEFAULT_RUBRIC: Readonly<Rubric> = Object.freeze({
  weights: { wordChoice: 0.06, grammar: 0.1, spelling: 0.15, fluency: 0.06, vocabulary: 0.25, organisation: 0.18, conventions: 0.1, fit: 0.1 },
  scale: { min: 0, max: 100, step: 1 },
  letters: [],
  expectedWords: { min: 250, max: 1000 },
  threshold: DEFAULT_GRADING_THRESHOLD,
  feedbackConfidence: DEFAULT_FEEDBACK_CONFIDENCE,
  range: DEFAULT_RANGE,
});

/** One problem in a rubric file. */
export interface RubricProblem {
  /** JSON pointer-like dotted path of the field, e.g. `weights.fluency`; `(file)` for the whole file. */
  field: string;
  line: number;
  column: number;
  message: string;
}

export class RubricError extends Error {
  constructor(readonly file: string, readonly problems: RubricProblem[]) {
    super(`Invalid rubric ${file}:\n${problems.map((p) => `  ${file}:${p.line}:${p.column}: ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'RubricError';
  }
}

const TOP_FIELDS = ['$schema', 'weights', 'scale', 'range', 'letters', 'expectedWords', 'threshold', 'feedbackConfidence', 'prompt', 'analytic'];

/** Longest prompt text accepted (characters). */
export const MAX_PROMPT_CHARS = 10_000;

/** Parses and validates rubric JSON text; throws RubricError listing every problem found. */
export function parseRubric(text: string, file = RUBRIC_FILE): Rubric {
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new RubricError(file, [{ field: '(file)', line: e.line, column: e.column, message: e.message.replace(/^\d+:\d+: /, '') }]);
    throw e;
  }
  const problems: RubricProblem[] = [];
  const at = (pointer: string): Located => parsed.positions.get(pointer) ?? parsed.positions.get('') ?? { line: 1, column: 1 };
  const problem = (pointer: string, message: string) => {
    const p = at(pointer);
    problems.push({ field: pointer.slice(1).replace(/\//g, '.') || '(root)', line: p.line, column: p.column, message });
  };
  const root = parsed.value;
  if (!isObject(root)) {
    problem('', 'the rubric must be a JSON object, e.g. {"scale": {"min": 1, "max": 6}}');
    throw new RubricError(file, problems);
  }
  for (const key of Object.keys(root)) {
    if (!TOP_FIELDS.includes(key)) problem(`/${key}`, `unknown field; expected one of ${TOP_FIELDS.slice(1).join(', ')}`);
  }
  const rubric: Rubric = structuredClone(DEFAULT_RUBRIC) as Rubric;
  const num = (pointer: string, v: unknown, check: (x: number) => boolean, expect: string): number | undefined => {
    if (typeof v !== 'number' || !check(v)) { problem(pointer, `must be ${expect} (got ${JSON.stringify(v)})`); return undefined; }
    return v;
  };

  if (root.weights !== undefined) {
    if (!isObject(root.weights)) problem('/weights', 'must be an object of criterion weights, e.g. {"fluency": 2}');
    else {
      for (const [k, v] of Object.entries(root.weights)) {
        if (!CRITERION_IDS.includes(k as CriterionId)) { problem(`/weights/${k}`, `unknown criterion; expected one of ${CRITERION_IDS.join(', ')}`); continue; }
        const x = num(`/weights/${k}`, v, (n) => n >= 0 && Number.isFinite(n), 'a number >= 0');
        if (x !== undefined) rubric.weights[k as CriterionId] = x;
      }
      if (CRITERION_IDS.every((id) => rubric.weights[id] === 0)) problem('/weights', 'at least one weight must be above 0');
    }
  }
  if (root.scale !== undefined) {
    if (!isObject(root.scale)) problem('/scale', 'must be an object like {"min": 1, "max": 6, "step": 0.5}');
    else {
      for (const k of Object.keys(root.scale)) if (!['min', 'max', 'step'].includes(k)) problem(`/scale/${k}`, 'unknown field; expected min, max or step');
      const min = num('/scale/min', root.scale.min, Number.isFinite, 'a number');
      const max = num('/scale/max', root.scale.max, Number.isFinite, 'a number');
      const step = root.scale.step === undefined ? undefined : num('/scale/step', root.scale.step, (n) => n > 0 && Number.isFinite(n), 'a number > 0');
      if (min !== undefined && max !== undefined) {
        if (max <= min) problem('/scale/max', `must be greater than scale.min (${min})`);
        else if (step !== undefined && Math.abs((max - min) / step - Math.round((max - min) / step)) > 1e-9) problem('/scale/step', `must divide max - min (${max - min})`);
        rubric.scale = step === undefined ? { min, max } : { min, max, step };
      }
    }
  }
  if (root.letters !== undefined) {
    if (!Array.isArray(root.letters)) problem('/letters', 'must be an array like [{"letter": "A", "min": 90}]');
    else {
      const bands: LetterBand[] = [];
      root.letters.forEach((b, i) => {
        const p = `/letters/${i}`;
        if (!isObject(b)) { problem(p, 'must be an object like {"letter": "A", "min": 90}'); return; }
        for (const k of Object.keys(b)) if (k !== 'letter' && k !== 'min') problem(`${p}/${k}`, 'unknown field; expected letter or min');
        if (typeof b.letter !== 'string' || b.letter.length === 0) problem(`${p}/letter`, `must be a non-empty string (got ${JSON.stringify(b.letter)})`);
        const min = num(`${p}/min`, b.min, Number.isFinite, 'a number on the rubric scale');
        if (typeof b.letter === 'string' && b.letter && min !== undefined) bands.push({ letter: b.letter, min });
      });
      rubric.letters = bands;
    }
  }
  if (root.expectedWords !== undefined) {
    if (!isObject(root.expectedWords)) problem('/expectedWords', 'must be an object like {"min": 300, "max": 800}');
    else {
      for (const k of Object.keys(root.expectedWords)) if (k !== 'min' && k !== 'max') problem(`/expectedWords/${k}`, 'unknown field; expected min or max');
      const min = num('/expectedWords/min', root.expectedWords.min ?? rubric.expectedWords.min, (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0');
      const max = num('/expectedWords/max', root.expectedWords.max ?? rubric.expectedWords.max, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0');
      if (min !== undefined && max !== undefined) {
        if (max < min) problem('/expectedWords/max', `must be at least expectedWords.min (${min})`);
        else rubric.expectedWords = { min, max };
      }
    }
  }
  if (root.threshold !== undefined) {
    const t = num('/threshold', root.threshold, (n) => n > 0 && n < 1, 'a probability between 0 and 1 (exclusive)');
    if (t !== undefined) rubric.threshold = t;
  }
  if (root.feedbackConfidence !== undefined) {
    const c = num('/feedbackConfidence', root.feedbackConfidence, (n) => n >= 0 && n <= 1, 'a probability from 0 to 1');
    if (c !== undefined) rubric.feedbackConfidence = c;
  }
  if (root.range !== undefined) {
    if (!isObject(root.range)) problem('/range', 'must be an object like {"low": 35, "high": 90}');
    else {
      for (const k of Object.keys(root.range)) if (k !== 'low' && k !== 'high') problem(`/range/${k}`, 'unknown field; expected low or high');
      const low = num('/range/low', root.range.low ?? rubric.range.low, (n) => n >= 0 && n < 100, 'a number from 0 to below 100');
      const high = num('/range/high', root.range.high ?? rubric.range.high, (n) => n > 0 && n <= 100, 'a number above 0, at most 100');
      if (low !== undefined && high !== undefined) {
        if (high <= low) problem('/range/high', `must be greater than range.low (${low})`);
        else rubric.range = { low, high };
      }
    }
  }
  if (root.prompt !== undefined) {
    if (typeof root.prompt !== 'string' || !root.prompt.trim()) problem('/prompt', `must be the assignment's text, a non-empty string (got ${JSON.stringify(root.prompt)})`);
    else if (root.prompt.length > MAX_PROMPT_CHARS) problem('/prompt', `must be at most ${MAX_PROMPT_CHARS} characters (got ${root.prompt.length})`);
    else rubric.prompt = root.prompt;
  }
  if (root.analytic !== undefined) {
    if (!Array.isArray(root.analytic)) problem('/analytic', `must be an array of traits, e.g. ["grammar", "vocabulary"] (traits: ${TRAITS.join(', ')})`);
    else {
      const traits: Trait[] = [];
      root.analytic.forEach((t, i) => {
        if (typeof t !== 'string' || !TRAITS.includes(t as Trait)) problem(`/analytic/${i}`, `unknown trait ${JSON.stringify(t)}; expected one of ${TRAITS.join(', ')}`);
        else if (traits.includes(t as Trait)) problem(`/analytic/${i}`, `"${t}" is listed twice`);
        else traits.push(t as Trait);
      });
      if (traits.length) rubric.analytic = traits;
    }
  }
  if (problems.length) throw new RubricError(file, problems);
  return rubric;
}

/** Reads and validates a rubric file; throws RubricError (also for an unreadable file). */
export function loadRubric(path: string): Rubric {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RubricError(path, [{ field: '(file)', line: 1, column: 1, message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseRubric(text, path);
}

/** The letter of `grade` under `bands`: the band with the highest `min` not above the grade. */
export function letterFor(grade: number, bands: readonly LetterBand[] | undefined): string | undefined {
  let best: LetterBand | undefined;
  for (const b of bands ?? []) if (grade >= b.min - 1e-9 && (!best || b.min > best.min)) best = b;
  return best?.letter;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

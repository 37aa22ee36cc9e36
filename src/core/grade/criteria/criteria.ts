/**
 * The criteria: features → 0–100 sub-scores with human evidence and source passages.
 * Anchors (where a sub-score reaches 100 or 0) are documented next to each formula; a
 * calibration re-weighs the sub-scores for a teacher, the anchors only fix the default rubric.
 * The error criteria (word choice, grammar, spelling) are `error-criteria.ts`, fit to the
 * assignment `fit-criterion.ts`.
 */
import { CONVENTION_WEIGHTS, type ConventionKind } from '../measure/conventions';
import { MAX_PASSAGES, passage, pct, plural, type CriterionContext, type Draft } from './criterion-parts';
import { grammar, spelling, wordChoice } from './error-criteria';
import { LONG_SENTENCE_WORDS, CLUSTER_FLAGS, COMMON_RANK, type Features } from '../measure/features';
import type { FitMeasure } from '../measure/fit';
import { fit } from './fit-criterion';
import { positionIndex, type PositionOf } from '../../positions';
import { ramp, round } from '../measure/numbers';
import { CRITERION_LABELS, type CriterionId, type CriterionScore, type Rubric } from '../types';

export { MAX_PASSAGES };

/**
 * Scores every criterion that can be measured, in the order of `CRITERION_IDS` (fit only with
 * `fitMeasure` parts), with weights normalised to sum 1 over them.
 */
export function scoreCriteria(f: Features, source: string, rubric: Rubric, at: PositionOf = positionIndex(source), fitMeasure?: FitMeasure): CriterionScore[] {
  const ctx: CriterionContext = { f, source, at, rubric, fit: fitMeasure };
  const drafts = [wordChoice(ctx), grammar(ctx), spelling(ctx), fluency(ctx), vocabulary(ctx), organisation(ctx), conventions(ctx), fit(ctx)]
    .filter((d): d is Draft => d !== undefined);
  const total = drafts.reduce((s, d) => s + Math.max(0, rubric.weights[d.id] ?? 0), 0);
  return drafts.map((d) => ({
    id: d.id,
    label: CRITERION_LABELS[d.id],
    score: round(d.score, 1),
    weight: round(total > 0 ? Math.max(0, rubric.weights[d.id] ?? 0) / total : 1 / drafts.length, 4),
    evidence: d.evidence,
    passages: d.passages.sort((a, b) => a.start - b.start || a.end - b.end).slice(0, MAX_PASSAGES),
  }));
}

/** Σ weight·score of criteria sub-scores, the weights normalised over the criteria present. */
export function weightedScore(scores: Partial<Record<CriterionId, number>>, rubric: Rubric): number {
  let total = 0;
  let sum = 0;
  for (const [id, score] of Object.entries(scores) as Array<[CriterionId, number]>) {
    const w = Math.max(0, rubric.weights[id] ?? 0);
    total += w;
    sum += w * score;
  }
  return total > 0 ? sum / total : 0;
}

/**
 * Fluency: half from the share of sentences with clusters of flags (100 at 0%, 0 at ≥ 50%), a
 * third from flags per sentence (100 at ≤ 0.1, 0 at ≥ 1.5), a sixth from run-on sentences (100 at
 * 0%, 0 at ≥ 30% of sentences longer than LONG_SENTENCE_WORDS).
 */
function fluency(ctx: CriterionContext): Draft {
  const { f } = ctx;
  if (f.sentences === 0) return { id: 'fluency', score: 0, evidence: ['There are no sentences to judge.'], passages: [] };
  const clusterShare = f.clusterSentences / f.sentences;
  const perSentence = f.flagged.length / f.sentences;
  const longShare = f.longSentences / f.sentences;
  const score = 0.5 * ramp(clusterShare, 0, 0.5) + (1 / 3) * ramp(perSentence, 0.1, 1.5) + (1 / 6) * ramp(longShare, 0, 0.3);
  const evidence = [
    `${round(perSentence, 2)} flagged words per sentence on average; ${plural(f.clusterSentences, 'sentence')} of ${f.sentences} have ${CLUSTER_FLAGS} or more.`,
  ];
  if (f.longSentences) evidence.push(`${plural(f.longSentences, 'sentence')} run longer than ${LONG_SENTENCE_WORDS} words.`);
  const passages = f.sentenceStats
    .filter((s) => s.flags >= CLUSTER_FLAGS || s.words > LONG_SENTENCE_WORDS)
    .sort((a, b) => b.flags - a.flags || b.words - a.words || a.start - b.start)
    .slice(0, MAX_PASSAGES)
    .map((s) => passage(ctx, s.start, s.end, s.flags >= CLUSTER_FLAGS ? `${s.flags} flagged words in one sentence` : `${s.words} words in one sentence`));
  return { id: 'fluency', score, evidence, passages };
}

/**
 * Vocabulary: half lexical diversity (MTLD: 100 at ≥ 100, 0 at ≤ 30), half sophistication (share
 * of words beyond the corpus's COMMON_RANK most frequent: 100 at ≥ 25%, 0 at ≤ 3%).
 */
function vocabulary({ f }: CriterionContext): Draft {
  if (f.words === 0) return { id: 'vocabulary', score: 0, evidence: ['There are no words to judge.'], passages: [] };
  const score = 0.5 * ramp(f.mtld, 100, 30) + 0.5 * ramp(f.sophistication, 0.25, 0.03);
  const evidence = [
    `Lexical diversity (MTLD) is ${round(f.mtld, 1)} (about 70–100 is typical of fluent writing).`,
    `${pct(f.sophistication)} of the words are less common than the ${COMMON_RANK} most frequent English words.`,
  ];
  if (f.sophisticatedExamples.length) evidence.push(`Less common words used: ${f.sophisticatedExamples.join(', ')}.`);
  if (f.words < 100) evidence.push('Diversity is unreliable under 100 words.');
  return { id: 'vocabulary', score, evidence, passages: [] };
}

/**
 * Organisation: 40% length against the rubric's expected range (100 inside; 0 at 30% of the minimum
 * or twice the maximum), 35% paragraphing (texts of 150+ words: 1 paragraph 20, 2 paragraphs 60,
 * 3+ 100, minus up to 40 when paragraphs average over 250 words), 25% sentences: three quarters
 * mean length (100 at 12–25 words, 0 at ≤ 5 or ≥ 45; learners' run-ons weigh on it), one quarter
 * variety (coefficient of variation: 100 at ≥ 0.4, 0 at ≤ 0.1).
 */
function organisation(ctx: CriterionContext): Draft {
  const { f, rubric } = ctx;
  const { min, max } = rubric.expectedWords;
  const lengthScore = f.words < min ? ramp(f.words, min, 0.3 * min) : f.words > max ? ramp(f.words, max, 2 * max) : 100;
  const paras = f.paragraphs.length;
  let paraScore = 100;
  if (f.words >= 150) {
    paraScore = paras <= 1 ? 20 : paras === 2 ? 60 : 100;
    const perPara = f.words / Math.max(1, paras);
    if (perPara > 250) paraScore = Math.max(0, paraScore - Math.min(40, (perPara - 250) / 5));
  }
  const cv = f.sentenceLengthMean > 0 ? f.sentenceLengthSd / f.sentenceLengthMean : 0;
  const m = f.sentenceLengthMean;
  const meanScore = m < 12 ? ramp(m, 12, 5) : m > 25 ? ramp(m, 25, 45) : 100;
  const variety = f.sentences >= 3 ? 0.25 * ramp(cv, 0.4, 0.1) + 0.75 * meanScore : meanScore;
  const score = f.words === 0 ? 0 : 0.4 * lengthScore + 0.35 * paraScore + 0.25 * variety;
  const evidence = [
    f.words < min ? `${f.words} words: shorter than the expected ${min}–${max}.`
      : f.words > max ? `${f.words} words: longer than the expected ${min}–${max}.`
        : `${f.words} words: within the expected ${min}–${max}.`,
    `${plural(paras, 'paragraph')}${f.words >= 150 && paras <= 2 ? ': split the text into more paragraphs, one idea each' : ''}.`,
    `Sentences average ${round(m, 1)} words (spread ${round(f.sentenceLengthSd, 1)}).`,
  ];
  return { id: 'organisation', score, evidence, passages: [] };
}

const KIND_PHRASES: Record<ConventionKind, [string, string]> = {
  'repeated-word': ['repeated word', 'repeated words'],
  'unbalanced': ['unbalanced bracket or quote', 'unbalanced brackets or quotes'],
  'lowercase-start': ['sentence starting in lowercase', 'sentences starting in lowercase'],
  'lowercase-i': ['lowercase "i"', 'lowercase "i"s'],
  'space-before-punctuation': ['space before punctuation', 'spaces before punctuation'],
  'missing-space': ['missing space after punctuation', 'missing spaces after punctuation'],
  'missing-apostrophe': ['contraction without its apostrophe', 'contractions without their apostrophes'],
  'unfinished-paragraph': ['paragraph ending without punctuation', 'paragraphs ending without punctuation'],
};

/** Conventions: weighted issues per 100 words (CONVENTION_WEIGHTS): 100 at 0, 0 at ≥ 6. */
function conventions(ctx: CriterionContext): Draft {
  const { f } = ctx;
  if (f.words === 0) return { id: 'conventions', score: 0, evidence: ['There are no words to judge.'], passages: [] };
  const weighted = f.conventions.reduce((s, i) => s + CONVENTION_WEIGHTS[i.kind], 0);
  const score = ramp((100 * weighted) / f.words, 0, 6);
  const counts = new Map<ConventionKind, number>();
  for (const i of f.conventions) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const evidence = f.conventions.length === 0 ? ['No convention problems found.'] : (Object.keys(KIND_PHRASES) as ConventionKind[])
    .filter((k) => counts.has(k))
    .map((k) => { const n = counts.get(k)!; return `${n} ${KIND_PHRASES[k][n === 1 ? 0 : 1]}.`; });
  const passages = f.conventions.slice(0, MAX_PASSAGES)
    .map((i) => passage(ctx, i.start, i.end, i.reason));
  return { id: 'conventions', score, evidence, passages };
}


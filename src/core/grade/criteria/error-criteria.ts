/**
 * The criteria built from probable errors (`Features.errors`, kinds from `error-kinds.ts`):
 * grammar, spelling and word choice, each as errors per 100 words, a sure flag counting
 * twice a borderline one (0.5 + 0.5·strength; a non-word the model did not flag counts 1).
 */
import { MAX_PASSAGES, passage, plural, strengthOf, type CriterionContext, type Draft } from './criterion-parts';
import { FAMILY_OF, KIND_NAMES, type ErrorFamily, type ErrorKind } from '../measure/error-kinds';
import type { ErrorWord } from '../measure/features';
import { ramp, round } from '../measure/numbers';

/** Errors per 100 words at which each criterion is 100 and 0. */
export const ERROR_ANCHORS: Readonly<Record<ErrorFamily, [best: number, worst: number]>> = {
  grammar: [0.5, 8],
  spelling: [0, 6],
  wordChoice: [1, 12],
};

const INTRO: Readonly<Record<ErrorFamily, string>> = {
  grammar: 'grammar errors (verb forms, agreement, determiners, prepositions, pronouns)',
  spelling: 'spelling errors (misspelt words and sound-alike words)',
  wordChoice: 'other words that look out of place (wrong, missing or extra words)',
};

const REASON: Readonly<Record<ErrorKind, string>> = {
  'agreement': 'agreement?', 'verb-form': 'verb form?', 'determiner': 'determiner or article?', 'preposition': 'preposition?',
  'pronoun': 'pronoun?', 'homophone': 'sound-alike word?', 'spelling': 'not a word: spelling?', 'word-choice': 'looks out of place',
};

/** Weight of one error: flagged words by how sure the model is, a non-word it did not flag 1. */
function weightOf(e: ErrorWord, threshold: number): number {
  return e.flagged ? 0.5 + 0.5 * strengthOf(e.score, threshold) : 1;
}

/** Weighted errors per 100 words of a family (0 when there are no words). */
export function errorRate(errors: readonly ErrorWord[], words: number, family: ErrorFamily, threshold: number): number {
  if (words === 0) return 0;
  return (100 * errors.filter((e) => FAMILY_OF[e.kind] === family).reduce((s, e) => s + weightOf(e, threshold), 0)) / words;
}

function errorCriterion(ctx: CriterionContext, id: ErrorFamily): Draft {
  const { f } = ctx;
  if (f.words === 0) return { id, score: 0, evidence: ['There are no words to judge.'], passages: [] };
  const mine = f.errors.filter((e) => FAMILY_OF[e.kind] === id);
  const rate = errorRate(f.errors, f.words, id, ctx.rubric.threshold);
  const [best, worst] = ERROR_ANCHORS[id];
  const evidence = [mine.length === 0
    ? `No ${INTRO[id]} found.`
    : `${round(rate, 1)} ${INTRO[id]} per 100 words (${plural(mine.length, 'word')} of ${f.words}).`];
  const counts = new Map<ErrorKind, number>();
  for (const e of mine) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  if (counts.size > 1 || (counts.size === 1 && id === 'grammar')) {
    evidence.push(`${[...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${KIND_NAMES[k][n === 1 ? 0 : 1]}`).join(', ')}.`);
  }
  const worstFirst = [...mine].sort((a, b) => b.score - a.score || a.start - b.start).slice(0, MAX_PASSAGES);
  if (worstFirst.length) evidence.push(`For example: ${worstFirst.slice(0, 5).map((e) => `"${e.text}"`).join(', ')}.`);
  return {
    id, score: ramp(rate, best, worst), evidence,
    passages: worstFirst.map((e) => passage(ctx, e.context.start, e.context.end, `"${e.text}": ${REASON[e.kind]}${e.flagged ? ` (${round(e.score, 2)})` : ''}`)),
  };
}

export const grammar = (ctx: CriterionContext): Draft => errorCriterion(ctx, 'grammar');
export const spelling = (ctx: CriterionContext): Draft => errorCriterion(ctx, 'spelling');
export const wordChoice = (ctx: CriterionContext): Draft => errorCriterion(ctx, 'wordChoice');

/** How many probable errors of each kind. */
export function countErrors(errors: readonly ErrorWord[]): Record<ErrorKind, number> {
  const out = Object.fromEntries(Object.keys(FAMILY_OF).map((k) => [k, 0])) as Record<ErrorKind, number>;
  for (const e of errors) out[e.kind]++;
  return out;
}

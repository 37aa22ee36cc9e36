/**
 * The discriminator's verdict on candidate edits of one flagged word, from the per-word
 * probabilities of the original context and of each edited context (all scored in one batch
 * by `suggester.ts`). Pure, so the rule is unit-tested without a model.
 *
 * Kept: the edited place stops looking wrong (its probability of "replaced" falls below the
 * threshold, so the flag goes), the model is at least twice as sure of it as of the original word
 * (at most `KEEP_RATIO` of its probability: a weakly flagged word needs a clearly better edit), and
 * the context as a whole gets better (the mean of its words' probabilities falls, so an edit that
 * moves the blame onto a neighbour loses). Ranked by how sure the model is about the place after
 * the edit (its probability, lowest first), ties (within 0.005) by corpus frequency; a known
 * misspelling's dictionary correction, when kept, comes first, and the spellings of a word no
 * list knows go by edit distance. An insertion or removal goes after the replacements unless it
 * reads clearly better than each (`EDIT_AROUND_MARGIN`).
 *
 * Measured on FCE dev (`npm run eval -- --suggestions`, 634 flagged one-word errors, with the
 * candidates of `candidates.ts`): the earlier rule (no neighbour rising to the threshold instead of
 * the ratio, ranked by the context mean) gave the right first fix for 44.8%; this one 51.3%. It
 * offers a fix for about as many correctly written words that were flagged (54% against 50%);
 * without the ratio it would be 66%.
 */
import type { Suggestion } from '../types';
import type { CandidateEdit } from './candidates';

/** Per-word probabilities of one scored context. `position` is the edited place (replace: the
 * new word; insert: the higher of the inserted and the original word; remove: the higher of the
 * words either side of the gap); in the original context, the flagged word. */
export interface ContextScores {
  position: number;
  /** Mean probability of the context's real words (the edited place included): the sentence
   * score. A mean, not a sum, so that removing a word does not win by having one word less. */
  mean: number;
}

export interface Judged {
  edit: CandidateEdit;
  scores: ContextScores;
  /** Ranked first, lowest first: 0 for a dictionary correction of a known misspelling, the edit
   * distance for a spelling of a word no list knows, else 1. */
  prior: number;
  /** Frequency rank of the candidate's word (remove: the removed word's rank). */
  rank: number;
  /** A spelling correction of a surely misspelt word (a known misspelling, or a lower-case word no
   * list knows): kept whatever the scores, ranked by them among its kind. */
  certain?: boolean;
}

/** A kept edit leaves the place at most this share of the original word's probability. */
export const KEEP_RATIO = 0.5;
const TIE = 0.005;

/**
 * An insertion or removal leaves the flagged word in place and rewrites around it, which the
 * discriminator often likes ("cooler at moon" reads well as "cooler at the moon"), so it ranks
 * before a kept replacement only when its context's mean is below `EDIT_AROUND_MARGIN` times that
 * replacement's: it must make the sentence read better than every replacement (issue 21).
 * Measured on the shipped model (`npm run eval -- --sets suggest-fce-dev,suggest-jfleg,real-word-slips`),
 * top-1 with the rule at 1 / without it: FCE dev 52.5 / 52.8%, JFLEG dev 44.3 / 45.6%, planted
 * real-word slips 79.2 / 78.8% (at 0.8: 51.9, 43.3%). It costs the learner sets a little: a
 * missing article is their commonest error, and a replacement that reads almost as well often
 * beats it.
 */
export const EDIT_AROUND_MARGIN = 1;

/** The kept candidates as suggestions, best first, at most `max`. */
export function judge(original: ContextScores, candidates: readonly Judged[], threshold: number, max: number): Suggestion[] {
  return ranked(original, candidates, threshold).slice(0, max).map(toSuggestion);
}

/** The kept candidates, best first (the order of `judge`). */
export function ranked(original: ContextScores, candidates: readonly Judged[], threshold: number): Judged[] {
  const kept = candidates.filter((c) => c.certain === true || keeps(original, c.scores, threshold));
  kept.sort((a, b) => {
    if (a.prior !== b.prior) return a.prior - b.prior;
    const d = a.scores.position - b.scores.position;
    return Math.abs(d) > TIE ? d : a.rank - b.rank;
  });
  const replacements = kept.filter((c) => c.edit.kind === 'replace');
  const around = (c: Judged): boolean => c.edit.kind !== 'replace' && replacements.some((r) => !(c.scores.mean < r.scores.mean * EDIT_AROUND_MARGIN));
  // A stable partition: replacements and the insertions/removals that beat every one of them, then the others.
  return [...kept.filter((c) => !around(c)), ...kept.filter(around)];
}

/** Whether an edit makes the place look right to the model without making the context worse. */
export function keeps(original: ContextScores, edited: ContextScores, threshold: number): boolean {
  return edited.position < threshold && edited.position < original.position * KEEP_RATIO && edited.mean < original.mean;
}

/** A kept candidate as the suggestion offered. */
export function toSuggestion(c: Judged): Suggestion {
  const e = c.edit;
  const score = c.scores.position;
  switch (e.kind) {
    case 'replace':
      return { kind: 'replace', text: e.text, score };
    case 'remove':
      return { kind: 'remove', score };
    case 'insert':
      return { kind: 'insert', text: e.text, score };
  }
}

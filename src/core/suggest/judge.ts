/**
 * The discriminator's verdict on candidate edits of one flagged word, from the per-word
 * probabilities of the original context and of each edited context (all scored in one batch
 * by `suggester.ts`). Pure, so the rule is unit-tested without a model.
 *
 * Kept: the edited position stops looking wrong (below the threshold), no neighbour that was
 * below the threshold rises to it or above, and the context as a whole gets better (the mean
 * of its words' probabilities falls). Ranked by that mean after the edit (the resulting
 * sentence score), ties (within 0.005) by corpus frequency; a known
 * misspelling's dictionary correction, when kept, comes first.
 */
import type { Suggestion } from '../types';
import type { CandidateEdit } from './candidates';

/** Per-word probabilities of one scored context. `neighbours` are keyed by the word's index in
 * the original context (the edited word itself is not among them); `position` is the edited
 * place (replace: the new word; insert: the higher of the inserted and the original word;
 * remove: the higher of the words either side of the gap). */
export interface ContextScores {
  neighbours: Map<number, number>;
  position: number;
  /** Mean probability of the context's real words (the edited place included): the sentence
   * score. A mean, not a sum, so that removing a word does not win by having one word less. */
  mean: number;
}

export interface Judged {
  edit: CandidateEdit;
  scores: ContextScores;
  /** 0 for a dictionary correction of a known misspelling (ranked first when kept), else 1. */
  prior: number;
  /** Frequency rank of the candidate's word (remove: the removed word's rank). */
  rank: number;
  /** A spelling correction of a surely misspelt word (a known misspelling, or a lower-case word no
   * list knows): kept whatever the scores, ranked by them among its kind. */
  certain?: boolean;
}

/** A neighbour may move up by this much without counting as worse (float noise, padding). */
const NEIGHBOUR_SLACK = 0.02;
const TIE = 0.005;

/** The kept candidates as suggestions, best first, at most `max`. */
export function judge(original: ContextScores, candidates: readonly Judged[], threshold: number, max: number): Suggestion[] {
  const kept = candidates.filter((c) => c.certain === true || keeps(original, c.scores, threshold));
  kept.sort((a, b) => {
    if (a.prior !== b.prior) return a.prior - b.prior;
    const d = a.scores.mean - b.scores.mean;
    return Math.abs(d) > TIE ? d : a.rank - b.rank;
  });
  return kept.slice(0, max).map((c) => toSuggestion(c.edit, c.scores.position));
}

/** Whether an edit fixes the position without making the context worse. */
export function keeps(original: ContextScores, edited: ContextScores, threshold: number): boolean {
  if (!(edited.position < threshold) || !(edited.mean < original.mean)) return false;
  for (const [w, p] of edited.neighbours) {
    const before = original.neighbours.get(w);
    if (before === undefined) continue;
    if (p >= threshold && p > before + NEIGHBOUR_SLACK) return false;
  }
  return true;
}

function toSuggestion(e: CandidateEdit, score: number): Suggestion {
  switch (e.kind) {
    case 'replace':
      return { kind: 'replace', text: e.text, score };
    case 'remove':
      return { kind: 'remove', score };
    case 'insert':
      return { kind: 'insert', text: e.text, score };
  }
}

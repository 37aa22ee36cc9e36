/**
 * Fix all: the first fix of every finding the model is confident enough about, as one set of
 * non-overlapping text edits. The one rule for the CLI's `check --fix` and the editor's
 * "Apply All Confident Fixes" / `source.fixAll.electraFeedback`; what each fix does to the text is
 * `edit.ts`'s `suggestionEdit`.
 *
 * Confidence of a fix: 1 − its `score` (the model's probability that the place still looks
 * replaced after the edit; what the hover shows as "97% sure"). A fix without a score (a repeated
 * word's removal, a rule) is certain: 1.
 */
import type { Finding, Suggestion } from '../types';
import { applyEdit, suggestionEdit, type TextEdit } from './edit';

/**
 * Least confidence of a fix applied by Fix All unless the user says otherwise (`--min-confidence`).
 * Every offered fix leaves its place below the threshold, so all are at least 1 - threshold sure; on
 * examples/essay.md the right first fixes are 98–99% sure and the wrong ones ("important" → "the",
 * "about" → "out") 95–96%: a fix is applied without asking only when the model is nearly certain.
 */
export const FIX_ALL_MIN_CONFIDENCE = 0.97;

/** How sure the model is of the text after `s` (0..1). */
export function fixConfidence(s: Suggestion): number {
  return s.score === undefined ? 1 : 1 - s.score;
}

/** One fix chosen by `confidentFixes`. */
export interface ChosenFix {
  finding: Finding;
  suggestion: Suggestion;
  /** The edit of the source (UTF-16 offsets). */
  edit: TextEdit;
  confidence: number;
}

/**
 * The first fix of each finding of `source` whose confidence is at least `minConfidence`, in
 * source order. Edits never overlap nor touch: each fix was judged with its neighbour as written,
 * so of two that meet (the first "the" of "the the" removed as an extra word and the second as a
 * repeat, which together would delete both) the earlier one is kept and the other waits for the
 * next check.
 */
export function confidentFixes(source: string, findings: readonly Finding[], minConfidence = FIX_ALL_MIN_CONFIDENCE): ChosenFix[] {
  const chosen: ChosenFix[] = [];
  for (const finding of findings) {
    const first = finding.suggestions[0];
    if (!first) continue;
    const confidence = fixConfidence(first);
    if (confidence < minConfidence) continue;
    chosen.push({ finding, suggestion: first, edit: suggestionEdit(source, finding, first), confidence });
  }
  chosen.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  const out: ChosenFix[] = [];
  let start = -1;
  let end = -1;
  for (const c of chosen) {
    if (c.edit.start <= end || c.edit.start === start) continue;
    out.push(c);
    start = c.edit.start;
    end = c.edit.end;
  }
  return out;
}

/** `source` with every edit of `fixes` applied (they do not overlap; applied from the end so offsets hold). */
export function applyFixes(source: string, fixes: readonly ChosenFix[]): string {
  let text = source;
  for (const f of [...fixes].sort((a, b) => b.edit.start - a.edit.start)) text = applyEdit(text, f.edit);
  return text;
}

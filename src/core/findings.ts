/**
 * Turning scored words into findings: the threshold, the repeated-word check and the
 * human message. Only real words reach this module (see `words.ts`): numbers, URLs,
 * e-mail addresses and punctuation are never findings.
 */
import { positionIndex } from './positions';
import { matchCase } from './suggest/edit';
import { FRAGMENT_MIN_SCORE, fragmentWords } from './fragments';
import { TERM_MIN_SCORE, termWords } from './terms';
import type { Finding, WordScore } from './types';

/** Repeats that are grammatical English ("I had had enough", "that that"). */
const ALLOWED_REPEATS = new Set(['had', 'that']);

/** Whether `word` repeats `previous` ("the the"): same letters ignoring case, only
 * only spaces and at most one line break between them in the source, not an allowed repeat. */
export function isRepeat(source: string, previous: WordScore, word: WordScore): boolean {
  if (previous.text.length !== word.text.length) return false; // cheap reject: this runs for every word
  const a = previous.text.toLowerCase();
  if (a !== word.text.toLowerCase() || ALLOWED_REPEATS.has(a) || !/\p{L}/u.test(a)) return false;
  // Spaces and at most one line break: a repeat across a wrapped line counts, across paragraphs not.
  return previous.end < word.start && /^[ \t]*(?:\r\n|\r|\n)?[ \t]*$/.test(source.slice(previous.end, word.start));
}

/** "93%": a probability as a whole percentage, never 100% or 0% for a value that is not certain. */
export function percent(p: number): string {
  const v = Math.round(p * 100);
  if (v >= 100 && p < 1) return '99%';
  if (v <= 0 && p > 0) return '1%';
  return `${v}%`;
}

/** `"cat" looks out of place here (93% likely replaced).` (the editor shows the same words). */
export function replacedWordMessage(text: string, score: number): string {
  return `"${text}" looks out of place here (${percent(score)} likely replaced).`;
}

/** `"there" may be a mix-up for "their" (99% likely).` */
export function confusedWordMessage(text: string, homophone: string, confidence: number): string {
  return `"${text}" may be a mix-up for "${matchCase(homophone, text)}" (${percent(confidence)} likely).`;
}

export function repeatedWordMessage(text: string): string {
  return `"${text}" is repeated.`;
}

/**
 * Findings of `words` (source order): every repeat of the previous word (kind
 * 'repeated-word', whatever its score) and every other word scoring at least
 * `threshold` — a name or term (`terms.ts`: "PuppyPi", "React" mid-sentence) at least
 * `TERM_MIN_SCORE` too —: 'confused-word' when a homophone fits its place far better, else
 * 'replaced-word'. `threshold` ≤ 0 lists every word.
 */
export function findingsOf(source: string, words: readonly WordScore[], threshold: number): Finding[] {
  const at = positionIndex(source);
  const out: Finding[] = [];
  forEachFinding(source, words, threshold, (w, what) => {
    const { line, column } = at(w.start);
    out.push({ start: w.start, end: w.end, line, column, text: w.text, score: w.score, kind: what.kind, message: what.message, suggestions: what.suggestions });
  });
  return out;
}

/** What a word is found to be: its kind, the message and the fixes known without the model. */
export type FindingWhat = Pick<Finding, 'kind' | 'message' | 'suggestions'>;

/**
 * The rule of `findingsOf` without building findings: calls `visit` for each word that
 * is one (source order), with what it is. The editor builds its flags straight from its
 * own word objects with it (one pass, no lookup by offset).
 */
export function forEachFinding<W extends WordScore>(source: string, words: readonly W[], threshold: number, visit: (word: W, what: FindingWhat) => void): void {
  const bar = threshold > 0 ? evidenceBars(source, words) : undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const repeat = i > 0 && isRepeat(source, words[i - 1], w);
    if (bar && w.score < Math.max(threshold, bar[i]) && !repeat) continue;
    if (repeat) visit(w, { kind: 'repeated-word', message: repeatedWordMessage(w.text), suggestions: [{ kind: 'remove' }] });
    else if (w.score >= threshold && w.homophone) {
      const h = w.homophone;
      visit(w, { kind: 'confused-word', message: confusedWordMessage(w.text, h.text, h.confidence), suggestions: [{ kind: 'replace', text: h.text, score: h.score }] });
    } else if (w.score >= threshold) visit(w, { kind: 'replaced-word', message: replacedWordMessage(w.text, w.score), suggestions: [] });
  }
}

/**
 * The least score at which each word may be a finding, whatever the threshold: `TERM_MIN_SCORE` for
 * a name or term (`terms.ts`), `FRAGMENT_MIN_SCORE` for a word of a fragment (`fragments.ts`: a
 * heading, a table cell), 0 for the others.
 */
export function evidenceBars(source: string, words: readonly WordScore[]): number[] {
  const terms = termWords(source, words);
  const fragments = fragmentWords(source, words);
  return words.map((_, i) => (terms[i] ? TERM_MIN_SCORE : fragments[i] ? FRAGMENT_MIN_SCORE : 0));
}

/**
 * Each word's score as the findings rule sees it, for measuring: a word is a finding at threshold t
 * exactly when its effective score is >= t (t > 0). A repeat is 1 (always a finding); a word below its
 * evidence bar is 0 (never); the others keep their score.
 */
export function effectiveScores(source: string, words: readonly WordScore[]): number[] {
  const bar = evidenceBars(source, words);
  return words.map((w, i) => (i > 0 && isRepeat(source, words[i - 1], w) ? 1 : w.score < bar[i] ? 0 : w.score));
}

/** Whether a finding's fixes come from the suggester (the model, on request); the others carry their own. */
export function needsSuggester(f: Pick<Finding, 'kind'>): boolean {
  return f.kind === 'replaced-word';
}

/**
 * A flag's score from which it is underlined even without a fix: the model is sure enough that
 * something is wrong there for the writer to look, though it cannot say what. A choice, not a
 * measurement: 0.9 keeps the underlines of the words the model is surest of.
 */
export const UNDERLINE_SCORE = 0.9;

/**
 * Underline what can be explained: a finding is only a doubt (shown quietly: a Hint in the editor,
 * hidden from the CLI's text output without `--doubts`) when it is a replaced word below
 * `UNDERLINE_SCORE` for which the suggester found no confident fix. A fix, a mix-up with a
 * homophone, a repeated word or a high score make it an underline. `suggestions` must be the
 * suggester's for a replaced word (`fixDecidesUnderline`): an unasked replaced word has none.
 * On held-out learner essays (issue 21), keeping only the flags that come with a confident fix
 * (plus confused and repeated words) raised precision from 0.30 to 0.45.
 */
export function isDoubt(f: Pick<Finding, 'kind' | 'score' | 'suggestions'>): boolean {
  return f.kind === 'replaced-word' && f.score < UNDERLINE_SCORE && f.suggestions.length === 0;
}

/** Whether only the suggester's fixes tell whether `f` is an underline or a doubt (ask it for these). */
export function fixDecidesUnderline(f: Pick<Finding, 'kind' | 'score'>): boolean {
  return needsSuggester(f) && f.score < UNDERLINE_SCORE;
}

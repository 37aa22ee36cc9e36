/**
 * Names and terms: words a writer uses on purpose that the model, trained on general prose, has
 * rarely seen ("PuppyPi", "MJPG-Streamer", "React", "H100"). Such a word needs much stronger evidence
 * before it is a finding (`TERM_MIN_SCORE`, applied by `findings.ts`), and is never "fixed" into a
 * common word (the checker offers no fix for one).
 *
 * A word is a term when its shape says so (an inner capital as in CamelCase, a digit, two capitals
 * in a row as in an acronym) or when it is capitalised where a sentence does not begin, or capitalised
 * at a sentence start while the same word stands capitalised mid-sentence elsewhere in the text. "I"
 * and its contractions are not terms. Offsets are UTF-16 units of `source`.
 */

/** Least score at which a term is a finding (the threshold still applies when it is higher). */
export const TERM_MIN_SCORE = 0.9;

const PRONOUN_I = /^I(?:['\u2019](?:m|d|ll|ve))?$/;

/** Whether the word's own letters mark it as a name or term. */
export function termShape(text: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(text) || /\p{N}/u.test(text) || /\p{Lu}\p{Lu}/u.test(text);
}

/**
 * Whether a sentence may begin at UTF-16 offset `start` of `source`: nothing but spaces, opening
 * quotes/brackets and Markdown/LaTeX markers stand between it and the start of the text, a line
 * break, or sentence punctuation (. ! ? : and a closing quote after one).
 */
export function mayBeginSentence(source: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[ \t"'\u2018\u201c([{*_#>|`~\\-]/.test(source[i])) i--;
  if (i < 0) return true;
  const c = source[i];
  if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return true;
  if (/[.!?:;\u2026]/.test(c)) return true;
  // "…end.” Next" and "…end.) Next": closing marks after sentence punctuation
  return /["'\u2019\u201d)\]]/.test(c) && i > 0 && /[.!?]/.test(source[i - 1]);
}

/** For each word of `words` (source order, spans of `source`), whether it is a name or term. */
export function termWords(source: string, words: ReadonlyArray<{ start: number; end: number; text: string }>): boolean[] {
  const capitalised = (t: string): boolean => /^\p{Lu}/u.test(t) && !PRONOUN_I.test(t);
  const initial = words.map((w) => mayBeginSentence(source, w.start));
  const midSentence = new Set<string>();
  words.forEach((w, i) => {
    if (capitalised(w.text) && !initial[i]) midSentence.add(w.text);
  });
  return words.map((w, i) => termShape(w.text) || (capitalised(w.text) && (!initial[i] || midSentence.has(w.text))));
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019\u2010\u2011-][\p{L}\p{N}]+)*/gu;

/**
 * Whether the word at a span (UTF-16 offsets of `source`) is a name or term, judged against every word
 * of `source`: the text is read once, then each span is a lookup.
 */
export function termSpansOf(source: string): (span: { start: number; end: number }) => boolean {
  const words = [...source.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const terms = termWords(source, words);
  const at = new Set(words.filter((_, i) => terms[i]).map((w) => `${w.start}:${w.end}`));
  return (span) => at.has(`${span.start}:${span.end}`);
}

/**
 * The fixes a term may get: none for a word whose shape makes it a name (CamelCase, digits, an
 * acronym: "HiWonder" is not a typo of "wonder"); for a capitalised term, only when it is no known
 * word itself (`isKnown`, lower case) — a misspelt name or month ("Septenber") — and only fixes
 * that keep it capitalised.
 */
export function termFixes<S extends { kind: string; text?: string }>(term: string, fixes: readonly S[], isKnown: (lower: string) => boolean): S[] {
  if (termShape(term) || isKnown(term.toLowerCase())) return [];
  return fixes.filter((f) => f.kind === 'replace' && f.text !== undefined && /^\p{Lu}/u.test(f.text));
}

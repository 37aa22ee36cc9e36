/**
 * Fragments: text that is not a sentence — a heading, a table cell, a short list item, a caption,
 * a letter's greeting. The model learned from sentences, and a fragment read as a broken sentence
 * looks wrong everywhere ("Install", "Key links:", "Source code"), so a word in a fragment needs
 * stronger evidence before it is a finding (`FRAGMENT_MIN_SCORE`, applied by `findings.ts`).
 *
 * A fragment is a sentence (the words sharing a `WordScore.sentence`) of at most
 * `FRAGMENT_MAX_WORDS` words that does not end with sentence punctuation (. ! ? and closing quotes
 * or brackets after one). Offsets are UTF-16 units of `source`.
 */
import type { WordScore } from './types';

/** Least score at which a word of a fragment is a finding (the threshold still applies when higher). */
export const FRAGMENT_MIN_SCORE = 0.5;

/** Most words of a fragment: a longer unpunctuated run is prose that lost its full stop. */
export const FRAGMENT_MAX_WORDS = 8;

/** For each word of `words` (source order), whether it stands in a fragment. */
export function fragmentWords(source: string, words: ReadonlyArray<Pick<WordScore, 'start' | 'end' | 'sentence'>>): boolean[] {
  const out = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length;) {
    let j = i;
    while (j + 1 < words.length && words[j + 1].sentence === words[i].sentence) j++;
    if (j - i + 1 <= FRAGMENT_MAX_WORDS && !endsSentence(source, words[j].end)) out.fill(true, i, j + 1);
    i = j + 1;
  }
  return out;
}

/** Whether sentence punctuation follows UTF-16 offset `at` (after closing quotes or brackets). */
function endsSentence(source: string, at: number): boolean {
  let k = at;
  while (k < source.length && /["'\u2019\u201d)\]*_`]/.test(source[k])) k++;
  return k < source.length && /[.!?\u2026]/.test(source[k]);
}

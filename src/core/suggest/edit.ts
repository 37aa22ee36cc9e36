/**
 * What a suggestion does to the source, in one place: the text edit (case, whitespace and
 * punctuation kept) and its title. The CLI, the evaluation and the editor's quick fixes all
 * apply suggestions through `suggestionEdit`.
 */
import type { Suggestion } from '../types';
import { lexicon } from './lexicon';

/** A replacement of the source's `[start, end)` by `text` (UTF-16 offsets). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** `candidate` in the case pattern of `original` (Capitalized, UPPER, or as is). */
export function matchCase(candidate: string, original: string): string {
  if (candidate === '' || original === '') return candidate;
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return candidate.toUpperCase();
  if (original[0] !== original[0].toLowerCase()) return candidate[0].toUpperCase() + candidate.slice(1);
  return candidate;
}

/** Whether `start` opens a sentence of `source`: only spaces, quotes or brackets since the last `.!?`, a blank line or the start. */
function opensSentence(source: string, start: number): boolean {
  return /(?:^|[.!?]["')\]]*\s+|\n\s*\n\s*)["'([]*$/.test(source.slice(Math.max(0, start - 40), start));
}

/**
 * The edit that applies `s` to the word at `span` of `source`:
 * - replace: the word becomes `s.text` in the word's case pattern;
 * - remove: the word goes with one adjacent space (after it if any, else before it);
 * - insert: `s.text` and a space go before the word; at the start of a sentence the inserted
 *   word takes the capital and a common word loses it ("Phones help" → "The phones help").
 */
export function suggestionEdit(source: string, span: { start: number; end: number }, s: Suggestion): TextEdit {
  const word = source.slice(span.start, span.end);
  switch (s.kind) {
    case 'replace':
      return { start: span.start, end: span.end, text: matchCase(s.text, word) };
    case 'remove': {
      let { start, end } = span;
      if (source[end] === ' ') end++;
      else if (start > 0 && source[start - 1] === ' ') start--;
      return { start, end, text: '' };
    }
    case 'insert': {
      const lower = word.toLowerCase();
      const capital = word !== lower && word.slice(1) === lower.slice(1);
      if (capital && opensSentence(source, span.start) && lower !== 'i' && lexicon().isWord(lower)) {
        return { start: span.start, end: span.end, text: `${matchCase(s.text, word)} ${lower}` };
      }
      return { start: span.start, end: span.start, text: `${s.text} ` };
    }
  }
}

/** `source` with `edit` applied. */
export function applyEdit(source: string, edit: TextEdit): string {
  return source.slice(0, edit.start) + edit.text + source.slice(edit.end);
}

/** "Replace with 'their'", "Remove 'the'", "Add 'the' before 'phones'" (the quick fix's title). */
export function suggestionTitle(word: string, s: Suggestion): string {
  switch (s.kind) {
    case 'replace':
      return `Replace with '${matchCase(s.text, word)}'`;
    case 'remove':
      return `Remove '${word}'`;
    case 'insert':
      return `Add '${s.text}' before '${word}'`;
  }
}

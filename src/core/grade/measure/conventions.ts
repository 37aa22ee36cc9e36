/**
 * Surface-convention checks a grader can see without a grammar: repeated words, unbalanced
 * brackets and quotes, lowercase sentence starts, a lowercase pronoun "i", spacing around
 * punctuation and contractions without their apostrophe. (Misspelt words are the spelling
 * criterion's: `error-kinds.ts`.)
 *
 * Checks only look inside the engine's sentence spans (prose), so markup and code are never judged.
 * Offsets are UTF-16 units of the original source, half-open.
 */
import { isRepeat } from '../../findings';
import type { ScoredText } from '../../types';

/** What a convention issue is. A closed union: add a member, document it. */
export type ConventionKind =
  /** The same word twice in a row ("the the"): the second word, by the core's rule (`isRepeat`). */
  | 'repeated-word'
  /** An opening parenthesis or double quote without its partner in the same paragraph (or a closing one without an opening). */
  | 'unbalanced'
  /** A sentence that starts with a lowercase letter. */
  | 'lowercase-start'
  /** The pronoun "I" written as "i". */
  | 'lowercase-i'
  /** A space before , . ; : ! or ? */
  | 'space-before-punctuation'
  /** No space after , or ; or after a sentence-ending period before a capital letter. */
  | 'missing-space'
  /** A contraction written without its apostrophe ("dont", "theyre"). */
  | 'missing-apostrophe'
  /** A paragraph whose last sentence has no closing punctuation. */
  | 'unfinished-paragraph';

export interface ConventionIssue {
  kind: ConventionKind;
  start: number;
  end: number;
  /** Short phrase for humans. */
  reason: string;
}

/** How much each kind counts towards the conventions score: spacing slips count less. */
export const CONVENTION_WEIGHTS: Readonly<Record<ConventionKind, number>> = {
  'repeated-word': 1,
  'unbalanced': 1,
  'lowercase-start': 1,
  'lowercase-i': 1,
  'space-before-punctuation': 0.5,
  'missing-space': 0.5,
  'missing-apostrophe': 1,
  'unfinished-paragraph': 0.5,
};

// Square brackets are left out: Markdown links and LaTeX options use them outside prose.
/** Contractions learners write without the apostrophe, with the spelling they mean. Only unambiguous
 * ones ("its", "lets", "were", "wont", "hell" are words too). */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  dont: "don't", doesnt: "doesn't", didnt: "didn't", cant: "can't", couldnt: "couldn't", wouldnt: "wouldn't",
  shouldnt: "shouldn't", isnt: "isn't", arent: "aren't", wasnt: "wasn't", werent: "weren't", havent: "haven't",
  hasnt: "hasn't", im: "I'm", ive: "I've", thats: "that's", theres: "there's", whats: "what's", youre: "you're",
  theyre: "they're", youve: "you've", theyve: "they've", weve: "we've", itll: "it'll", doesn: "doesn't",
};

const PAIRS: Record<string, string> = { '(': ')', '\u201C': '\u201D' };
const CLOSERS: Record<string, string> = { ')': '(', '\u201D': '\u201C' };

/** All convention issues of a document, sorted by start then kind. */
export function findConventionIssues(doc: ScoredText, source: string, paragraphs: ReadonlyArray<{ start: number; end: number }>): ConventionIssue[] {
  const issues: ConventionIssue[] = [];
  const words = doc.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const lower = w.text.toLowerCase();
    const prev = words[i - 1];
    if (prev && isRepeat(source, prev, w)) issues.push({ kind: 'repeated-word', start: w.start, end: w.end, reason: `"${w.text}" is repeated` });
    if (w.text === 'i') issues.push({ kind: 'lowercase-i', start: w.start, end: w.end, reason: 'the pronoun "I" is written in lowercase' });
    const contraction = Object.prototype.hasOwnProperty.call(CONTRACTIONS, lower) ? CONTRACTIONS[lower] : undefined;
    if (contraction) {
      issues.push({ kind: 'missing-apostrophe', start: w.start, end: w.end, reason: `"${w.text}" needs an apostrophe: ${contraction}` });
    }
  }
  for (const [index, s] of doc.sentences.entries()) {
    const first = firstWordOf(doc, index);
    // Only when the sentence opens with the word itself (or an opening quote/bracket), not with a number or symbol.
    if (first && /^[a-z]/.test(first.text) && first.text !== 'i' && /^[\s"'(\u201C\u2018]*$/.test(source.slice(s.start, first.start))) {
      issues.push({ kind: 'lowercase-start', start: first.start, end: first.end, reason: 'the sentence starts with a lowercase letter' });
    }
    const text = source.slice(s.start, s.end);
    for (const m of text.matchAll(/[^\S\n]+([,.;:!?])(?=\s|$)/g)) {
      // Leave ellipses and lone punctuation lines alone.
      if (m[1] === '.' && text[m.index + m[0].length] === '.') continue;
      const at = s.start + m.index;
      issues.push({ kind: 'space-before-punctuation', start: at, end: at + m[0].length, reason: `a space before "${m[1]}"` });
    }
    for (const m of text.matchAll(/[a-z][,;](?=[A-Za-z])|[a-z]{2}\.(?=[A-Z][a-z])/g)) {
      const at = s.start + m.index + m[0].length - 1;
      issues.push({ kind: 'missing-space', start: at, end: at + 1, reason: `no space after "${m[0].slice(-1)}"` });
    }
  }
  // Pairs are matched across the sentences of a paragraph (a quotation may span sentences), but
  // only characters inside sentences count, so code blocks and markup between them are ignored.
  let si = 0;
  for (const p of paragraphs) {
    const inside: Array<{ start: number; end: number }> = [];
    while (si < doc.sentences.length && doc.sentences[si].start < p.end) {
      if (doc.sentences[si].start >= p.start) inside.push(doc.sentences[si]);
      si++;
    }
    issues.push(...unbalanced(source, inside));
    const last = inside[inside.length - 1];
    const tail = last ? source.slice(last.start, last.end).trimEnd() : '';
    // Short lines (titles, headings, list items of a few words) need no full stop.
    if (last && countWords(tail) >= 6 && !/[.!?:;…"'”’)\]]$/.test(tail)) {
      const end = last.start + tail.length;
      issues.push({ kind: 'unfinished-paragraph', start: Math.max(last.start, end - 1), end, reason: 'the paragraph ends without punctuation' });
    }
  }
  return issues.sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

function countWords(text: string): number {
  return (text.match(/\p{L}+/gu) ?? []).length;
}

function firstWordOf(doc: ScoredText, sentence: number) {
  // Words are in source order and sentences in order, so a linear scan from a binary-searched start is exact.
  let lo = 0;
  let hi = doc.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.words[mid].sentence < sentence) lo = mid + 1;
    else hi = mid;
  }
  const w = doc.words[lo];
  return w && w.sentence === sentence ? w : undefined;
}

/** Brackets and quotes without a partner within `spans` (in order). Straight double quotes pair up in order. */
function unbalanced(source: string, spans: ReadonlyArray<{ start: number; end: number }>): ConventionIssue[] {
  const out: ConventionIssue[] = [];
  const stack: Array<{ ch: string; at: number }> = [];
  let straight: number | undefined;
  for (const { start, end } of spans) for (let i = start; i < end; i++) {
    const ch = source[i];
    if (ch === '"') {
      straight = straight === undefined ? i : undefined;
    } else if (PAIRS[ch]) {
      stack.push({ ch, at: i });
    } else if (CLOSERS[ch]) {
      // A ")" after "1" or "a" at a line start is a list marker, not a bracket.
      if (ch === ')' && /(^|\n)\s*[0-9a-zA-Z]$/.test(source.slice(Math.max(start, i - 4), i))) continue;
      const top = stack[stack.length - 1];
      if (top && top.ch === CLOSERS[ch]) stack.pop();
      else out.push({ kind: 'unbalanced', start: i, end: i + 1, reason: `"${ch}" closes nothing` });
    }
  }
  for (const open of stack) out.push({ kind: 'unbalanced', start: open.at, end: open.at + 1, reason: `"${open.ch}" is never closed` });
  if (straight !== undefined) out.push({ kind: 'unbalanced', start: straight, end: straight + 1, reason: 'a quotation mark is never closed' });
  return out;
}

/**
 * Readers for the error-detection evaluation sets in ../shared/eval (research licences:
 * read at evaluation time, never copied into the repository).
 *
 * The token-labelled sets (FCE public test TSV, JFLEG M2): each sentence becomes a text whose
 * tokens are joined as typed (`joinTokens`); every token keeps its [start, end) UTF-16 span
 * in that text, so scores are matched by offsets, not by search. The FCE JSON sets are whole essays
 * as written, labelled per word from the annotators' character-offset edits (`labelEssay`).
 */
import { readFileSync } from 'node:fs';
import { codePointToUtf16 } from '../../src/core/tokenizer';

export interface LabelledSentence {
  text: string;
  /** The evaluated units (tokens or words) in text order; `types` of a wrong unit where the set has them. */
  tokens: Array<{ start: number; end: number; wrong: boolean; types?: ErrorType[] }>;
}

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]+|n't|'(?:s|m|d|ll|re|ve))$/i;
const NO_SPACE_AFTER = /^[([{$£]$/;

/**
 * Joins tokens into the text a writer would have typed, so that neither checker sees
 * tokenizer artefacts ("do n't", "it 's", "word ,"): no space before closing punctuation,
 * "n't" and the clitics 's 'm 'd 'll 're 've; none after an opening bracket or currency sign;
 * a straight double quote alternates between opening (no space after) and closing (no space
 * before). Every other pair of tokens gets one space. `spaced` joins every pair with a space
 * (the form the files have). Each token keeps its exact span.
 */
export function joinTokens(tokens: readonly string[], wrong: readonly boolean[], spaced = false): LabelledSentence {
  const spans: LabelledSentence['tokens'] = [];
  let text = '';
  let quoteOpen = false;
  let glueNext = false;
  tokens.forEach((token, i) => {
    const isQuote = token === '"';
    const glue = glueNext || NO_SPACE_BEFORE.test(token) || (isQuote && quoteOpen);
    if (i > 0 && (spaced || !glue)) text += ' ';
    spans.push({ start: text.length, end: text.length + token.length, wrong: wrong[i] });
    text += token;
    glueNext = NO_SPACE_AFTER.test(token) || (isQuote && !quoteOpen);
    if (isQuote) quoteOpen = !quoteOpen;
  });
  return { text, tokens: spans };
}

/** FCE public test set (Rei & Yannakoudakis 2016): `token\tc|i` lines, blank line between sentences. */
export function readFce(path: string, spaced = false): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let tokens: string[] = [];
  let wrong: boolean[] = [];
  const flush = () => {
    if (tokens.length > 0) sentences.push(joinTokens(tokens, wrong, spaced));
    tokens = [];
    wrong = [];
  };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const [token, label] = line.split('\t');
    tokens.push(token);
    wrong.push(label === 'i');
  }
  flush();
  return sentences;
}

/**
 * JFLEG dev in M2 form, labelled by the rules of the FCE sets, so that every set measures the
 * same thing. A source token is wrong when at least `minAnnotators` of the annotators marked it:
 * an edit with a non-empty source span marks its tokens; a pure insertion ("a word is missing
 * here") marks the word `gapWord` picks, as in `labelEssay` (the token after the gap, or the word
 * before it when punctuation follows); punctuation-only edits (`isPunctuationOnly`) mark nothing.
 */
export function readJflegM2(path: string, minAnnotators = 2, spaced = false): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  const blocks = readFileSync(path, 'utf8').split(/\r?\n\r?\n/);
  for (const block of blocks) {
    const lines = block.split(/\r?\n/).filter((l) => l.length > 0);
    if (lines.length === 0 || !lines[0].startsWith('S ')) continue;
    const tokens = lines[0].slice(2).split(' ').filter((t) => t.length > 0);
    const joined = joinTokens(tokens, tokens.map(() => false), spaced);
    const wordTokens = tokens.flatMap((t, i) => (/[\p{L}\p{N}]/u.test(t) ? [i] : []));
    const wordSpans = wordTokens.map((i) => joined.tokens[i]);
    const editors: Array<Set<string>> = tokens.map(() => new Set());
    for (const line of lines.slice(1)) {
      if (!line.startsWith('A ')) continue;
      const fields = line.slice(2).split('|||');
      const [from, to] = fields[0].split(' ').map(Number);
      const type = fields[1];
      const annotator = fields[fields.length - 1];
      if (type === 'noop' || type === 'UNK' || from < 0) continue;
      const correction = fields[2] === '-NONE-' ? '' : fields[2];
      if (isPunctuationOnly(tokens.slice(from, to).join(' '), correction)) continue;
      if (to > from) {
        for (let t = from; t < to && t < tokens.length; t++) editors[t].add(annotator);
        continue;
      }
      const at = from < tokens.length ? joined.tokens[from].start : joined.text.length;
      const w = gapWord(joined.text, wordSpans, at);
      if (w >= 0) editors[wordTokens[w]].add(annotator);
    }
    const wrong = editors.map((e) => e.size >= minAnnotators);
    sentences.push({ text: joined.text, tokens: joined.tokens.map((t, i) => ({ ...t, wrong: wrong[i] })) });
  }
  return sentences;
}

/**
 * The error types of the per-type breakdown. FCE edits carry Cambridge Learner Corpus codes
 * (Nicholls 2003): an operation letter (R replace, M missing, U unnecessary, F wrong form,
 * D wrong derivation, I wrong inflection, C countability, AG agreement) and a part of speech
 * (D determiner, Q quantifier, T preposition, V verb, N noun, J adjective, Y adverb,
 * A pronoun, C conjunction, P punctuation), or a code of its own (S spelling, SA American
 * spelling, SX spelling confusion, TV tense, W word order, ID idiom, CE complex error, …).
 * See `fceErrorType` for the mapping.
 */
export const ERROR_TYPES = ['determiner', 'preposition', 'verb form', 'agreement', 'noun number', 'spelling', 'word order', 'missing word', 'other'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

/** Codes that are not agreement (AG…) or missing words (M…) and not "other". */
const FCE_CODES: Record<string, ErrorType> = {
  // a determiner or quantifier that is present but wrong, unnecessary or mis-formed
  RD: 'determiner', UD: 'determiner', FD: 'determiner', DD: 'determiner', CD: 'determiner', DI: 'determiner',
  RQ: 'determiner', UQ: 'determiner', FQ: 'determiner', DQ: 'determiner', IQ: 'determiner', CQ: 'determiner',
  RT: 'preposition', UT: 'preposition', FT: 'preposition', DT: 'preposition',
  FV: 'verb form', TV: 'verb form', IV: 'verb form', DV: 'verb form',
  FN: 'noun number', CN: 'noun number', IN: 'noun number',
  S: 'spelling', SA: 'spelling', SX: 'spelling',
  W: 'word order',
};

/**
 * The error type of an FCE (CLC) edit code. In order: AG… (AGV, AGN, AGA, AGD, AGQ, AGJ) is
 * agreement; every M… code (M, MD, MT, MV, MN, MA, MC, MJ, MQ, MY; MP when it adds letters)
 * is a missing word, whatever the part of speech of the missing word, because the underline
 * then falls on a neighbouring word; then determiner = RD UD FD DD CD DI and the quantifiers
 * RQ UQ FQ DQ IQ CQ; preposition = RT UT FT DT; verb form = FV TV IV DV; noun number = FN CN IN;
 * spelling = S SA SX; word order = W; everything else (R, U, RV, RN, RJ, RY, RA, RC, UV, UN,
 * DJ, DN, DY, ID, CE, L, X, AS, CL, …) is other.
 */
export function fceErrorType(code: string): ErrorType {
  if (code.startsWith('AG')) return 'agreement';
  if (code.startsWith('M')) return 'missing word';
  return FCE_CODES[code] ?? 'other';
}

/** One FCE edit in UTF-16 offsets of the essay text. `correction` is null when the annotator gave none. */
export interface FceEdit {
  start: number;
  end: number;
  correction: string | null;
  code: string;
}

const lettersAndDigits = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/**
 * Punctuation-only: the edit changes no letter or digit, compared case-insensitively
 * (punctuation, spacing, hyphenation, apostrophes that keep the letters, capitalisation).
 * In practice these are most of the CLC punctuation codes MP/RP/UP (the CLC files
 * capitalisation under punctuation too) and a handful of others ("anymore" -> "any more").
 * A word checker with an uncased vocabulary cannot see them. An edit without a correction
 * is kept.
 */
export function isPunctuationOnly(source: string, correction: string | null): boolean {
  return correction !== null && lettersAndDigits(source) === lettersAndDigits(correction);
}

/**
 * The words of an essay: runs of letters and digits joined by an inner apostrophe or hyphen
 * ("don't", "well-known"), holding at least one letter; numbers and punctuation are not
 * words. This is the checker's own notion of a scorable word (src/core/words.ts) without
 * the tokenizer, so the labels do not depend on the model.
 */
export function essayWords(text: string): Array<{ start: number; end: number }> {
  const words: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019\u2010\u2011-][\p{L}\p{N}]+)*/gu)) {
    if (/\p{L}/u.test(m[0])) words.push({ start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** Index of the first span (in text order) that ends after UTF-16 offset `at`; `spans.length` when none. */
function firstEndingAfter(spans: ReadonlyArray<{ start: number; end: number }>, at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The word a pure insertion marks (a gap at UTF-16 offset `at` of `text`; `words` are the scored
 * words in text order), in the FCE token convention: the word after the gap when only spaces and
 * quotes/brackets stand between the gap and that word on the same line; when sentence punctuation
 * (. , ; : ! ?), a line break or the end of the text comes first (the token after the gap is
 * punctuation, which no word checker scores), the last word before the gap on the same line; a gap
 * inside a word marks that word. -1 when there is no such word.
 */
export function gapWord(text: string, words: ReadonlyArray<{ start: number; end: number }>, at: number): number {
  const w = firstEndingAfter(words, at);
  if (w < words.length && words[w].start < at) return w; // the gap is inside a word
  if (w < words.length && /^[^\S\n]*(?:["'\u2018\u2019\u201c\u201d([{][^\S\n]*)*$/u.test(text.slice(at, words[w].start))) return w;
  if (w > 0 && !text.slice(words[w - 1].end, at).includes('\n')) return w - 1;
  return -1;
}

/**
 * Labels the words of one essay from its edits (all annotators together).
 * - Punctuation-only edits (`isPunctuationOnly`) are left out.
 * - An edit with a non-empty span marks every word its span overlaps.
 * - A pure insertion (start == end, "a word is missing here") marks the word `gapWord` picks
 *   (the word after the gap, as the FCE token convention does).
 * Every wrong word carries the error types (`fceErrorType`) of the edits that marked it.
 */
export function labelEssay(text: string, edits: readonly FceEdit[]): LabelledSentence {
  const words = essayWords(text);
  const types: Array<Set<ErrorType>> = words.map(() => new Set());
  const mark = (w: number, code: string) => types[w].add(fceErrorType(code));
  for (const edit of edits) {
    if (isPunctuationOnly(text.slice(edit.start, edit.end), edit.correction)) continue;
    if (edit.end === edit.start) {
      const g = gapWord(text, words, edit.start);
      if (g >= 0) mark(g, edit.code);
      continue;
    }
    for (let v = firstEndingAfter(words, edit.start); v < words.length && words[v].start < edit.end; v++) mark(v, edit.code);
  }
  return {
    text,
    tokens: words.map((word, i) => ({ ...word, wrong: types[i].size > 0, types: [...types[i]] })),
  };
}


/**
 * FCE dev/test as whole essays: JSON lines `{"text": …, "edits": [[annotator, [[start, end,
 * correction, code], …]], …]}` with offsets in code points of `text`. Each essay is labelled
 * by `labelEssay` over the edits of all its annotators (each essay has one).
 */
export function readFceJson(path: string): LabelledSentence[] {
  const essays: LabelledSentence[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text: string; edits: Array<[unknown, Array<[number, number, string | null, string | null]>]> };
    const utf16 = codePointToUtf16(record.text);
    const edits: FceEdit[] = record.edits.flatMap(([, list]) =>
      list.map(([start, end, correction, code]) => ({ start: utf16(start), end: utf16(end), correction, code: code ?? '' })),
    );
    essays.push(labelEssay(record.text, edits));
  }
  return essays;
}

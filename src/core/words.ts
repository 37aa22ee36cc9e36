/**
 * What a user-facing word is. The tokenizer's pre-tokenizer splits on whitespace and
 * on every punctuation mark, so "don't" is three pieces and "3.14" three more; users
 * think of each as one word. Here pre-token words (WordPiece sub-tokens already
 * grouped) are merged across an inner apostrophe or hyphen between letters/digits,
 * across a decimal point/comma between digits, and across a whole URL or e-mail
 * address. Every word gets a class; only `WordClass.Word` can ever be a finding.
 */

export enum WordClass {
  /** Contains a letter: can be scored, listed and flagged. */
  Word = 0,
  /** A single punctuation mark. */
  Punct = 1,
  /** Digits (with separators), no letters. */
  Number = 2,
  Url = 3,
  Email = 4,
  /** Several symbols/punctuation marks, or an emoji: no letter, no digit. */
  Symbol = 5,
}

/** Tokens grouped into words. Token ranges and offsets are in the units of the input arrays. */
export interface WordSpans {
  /** Word index of every token. */
  tokenWord: Int32Array;
  /** Per word: first token and one past the last token. */
  wordFirstToken: Int32Array;
  wordEndToken: Int32Array;
  /** Per word: `[start, end)` offsets into the text. */
  wordStart: Int32Array;
  wordEnd: Int32Array;
  wordClass: Uint8Array;
}

// The local part of an address is at most 64 characters (RFC 5321); the bound also keeps
// the scan linear: unbounded, a long run of letters without '@' made it quadratic (a
// 1-million-letter "word" took most of an hour).
const URL_OR_EMAIL = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+|[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
const JOINERS_IN_WORDS = new Set(['-', '\'', '\u2019', '\u2010', '\u2011']);
const JOINERS_IN_NUMBERS = new Set(['.', ',', ':']);
const ALNUM = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;

interface Protected {
  start: number;
  end: number;
  cls: WordClass;
}

/** URLs and e-mail addresses in `text`, trailing sentence punctuation excluded. */
function protectedSpans(text: string): Protected[] {
  const spans: Protected[] = [];
  for (const m of text.matchAll(URL_OR_EMAIL)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?)\]}]/.test(text[end - 1])) end--;
    spans.push({ start: m.index, end, cls: m[0].includes('@') && !m[0].includes('/') ? WordClass.Email : WordClass.Url });
  }
  return spans;
}

/**
 * Groups tokens into words. `preWords[i]` is the pre-tokenizer word of token i (-1 when
 * none); tokens are in text order with `[starts[i], ends[i])` offsets into `text`.
 */
export function groupWords(text: string, starts: Int32Array, ends: Int32Array, preWords: Int32Array): WordSpans {
  const n = starts.length;
  const tokenWord = new Int32Array(n);
  const first: number[] = [];
  const wStart: number[] = [];
  const wEnd: number[] = [];
  const wProt: number[] = [];
  const spans = protectedSpans(text);
  let p = 0;
  let joinNext = false;

  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && preWords[i] >= 0 && preWords[j] === preWords[i]) j++;
    const gs = starts[i];
    const ge = ends[j - 1];
    while (p < spans.length && spans[p].end <= gs) p++;
    const prot = p < spans.length && spans[p].start <= gs ? p : -1;
    const w = first.length - 1;
    let extend = false;
    if (w >= 0 && wEnd[w] === gs) {
      if (prot >= 0) extend = wProt[w] === prot;
      else if (wProt[w] < 0) {
        if (joinNext) extend = true;
        else if (j < n && starts[j] === ge && ge - gs === 1 && isJoiner(text, wEnd[w] - 1, gs, ge)) {
          extend = true;
          joinNext = true;
          for (let k = i; k < j; k++) tokenWord[k] = w;
          wEnd[w] = ge;
          i = j;
          continue;
        }
      }
    }
    joinNext = false;
    if (extend) {
      wEnd[w] = Math.max(wEnd[w], ge);
    } else {
      first.push(i);
      wStart.push(gs);
      wEnd.push(ge);
      wProt.push(prot);
    }
    const cur = first.length - 1;
    for (let k = i; k < j; k++) tokenWord[k] = cur;
    i = j;
  }

  const count = first.length;
  const wordFirstToken = Int32Array.from(first);
  const wordEndToken = new Int32Array(count);
  for (let w = 0; w < count; w++) wordEndToken[w] = w + 1 < count ? first[w + 1] : n;
  const wordClass = new Uint8Array(count);
  for (let w = 0; w < count; w++) {
    wordClass[w] = wProt[w] >= 0 ? spans[wProt[w]].cls : classify(text.slice(wStart[w], wEnd[w]));
  }
  return { tokenWord, wordFirstToken, wordEndToken, wordStart: Int32Array.from(wStart), wordEnd: Int32Array.from(wEnd), wordClass };
}

/** Whether the one-character group at `[gs, ge)` joins the character at `before` and the one at `ge`. */
function isJoiner(text: string, before: number, gs: number, ge: number): boolean {
  const c = text[gs];
  const left = charBefore(text, before);
  const right = charAt(text, ge);
  if (JOINERS_IN_WORDS.has(c)) return ALNUM.test(left) && ALNUM.test(right);
  if (JOINERS_IN_NUMBERS.has(c)) return DIGIT.test(left) && DIGIT.test(right);
  return false;
}

/** The code point ending at UTF-16 index `last` (inclusive). */
function charBefore(text: string, last: number): string {
  const lo = text.charCodeAt(last);
  if (lo >= 0xdc00 && lo <= 0xdfff && last > 0) return text.slice(last - 1, last + 1);
  return text.charAt(last);
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i) ?? 32);
}

function classify(word: string): WordClass {
  if (LETTER.test(word)) return WordClass.Word;
  if (DIGIT.test(word)) return WordClass.Number;
  return [...word].length === 1 ? WordClass.Punct : WordClass.Symbol;
}

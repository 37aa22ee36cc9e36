/**
 * Short contexts around one word of a tokenized block, as discriminator rows: the original and
 * the same context with one edit of the word (replace, remove, insert before). What the
 * suggester judges fixes with and the homophone check compares a word with its homophones by.
 * Token level: the context's own tokens are reused; only edit words are tokenized (cached).
 */
import type { TokenizedText, WordPieceTokenizer } from '../tokenizer';
import { WordClass } from '../words';
import type { CandidateEdit } from './candidates';
import type { ContextScores } from './judge';

/** One word of a tokenized block: a flagged word to fix, or a word to compare with its homophones. */
export interface SuggestTarget {
  tokens: TokenizedText;
  /** Word index in `tokens` (class Word). */
  word: number;
  /** The word as written. */
  text: string;
  /** The block's text (`tokens`' offsets index it). */
  blockText: string;
  /** `[first, end)` word range of its sentence in `tokens`. */
  sentence: { first: number; end: number };
  /** The flag's score in its document, when the caller gave one (a finding as the span). */
  score?: number;
}

/** A target's context: at most `words` words either side, within its sentence, as token ids. */
export interface Context {
  target: SuggestTarget;
  firstWord: number;
  endWord: number;
  before: number[];
  word: number[];
  after: number[];
}

/** Where each word of a row is (token positions), so that per-word probabilities can be read back. */
export interface Layout {
  words: LayoutWord[];
  edit: CandidateEdit['kind'] | undefined;
  /** The target's word index in the original context. */
  target: number;
}

const TARGET = -1;
const INSERTED = -2;
interface LayoutWord {
  /** Word index in the original context, or TARGET / INSERTED. */
  key: number;
  start: number;
  end: number;
  /** Not a real word (punctuation, numbers): context only, never judged. */
  context?: boolean;
}

/** Builds context rows; holds the token ids of edit words (at most 50,000, oldest dropped). */
export class ContextRows {
  private readonly pieces = new Map<string, number[]>();

  constructor(private readonly tokenizer: WordPieceTokenizer) {}

  /** Tokenizes the words not yet known (each once). */
  async ensurePieces(words: Iterable<string>): Promise<void> {
    for (const w of new Set(words)) {
      if (this.pieces.has(w)) continue;
      const t = await this.tokenizer.tokenize(w);
      this.pieces.set(w, Array.from(t.ids));
      if (this.pieces.size > 50_000) this.pieces.delete(this.pieces.keys().next().value as string);
    }
  }

  /** The token ids of `word` (after `ensurePieces`), else `undefined`. */
  piecesOf(word: string): readonly number[] | undefined {
    return this.pieces.get(word);
  }

  /** The token row of context `c` with `edit` applied (the original when undefined), and where its words are. */
  row(c: Context, edit: CandidateEdit | undefined): { row: number[]; layout: Layout } {
    const t = c.target.tokens;
    const { clsId, sepId } = this.tokenizer;
    const words: LayoutWord[] = [];
    let at = 1 + c.before.length;
    for (let w = c.firstWord; w < c.target.word; w++) words.push(layoutWord(t, w, 1 + t.wordFirstToken[w] - t.wordFirstToken[c.firstWord]));
    let mid: number[];
    if (!edit) {
      mid = c.word;
      words.push({ key: TARGET, start: at, end: at + mid.length });
    } else if (edit.kind === 'replace') {
      mid = this.pieces.get(edit.text) ?? [];
      words.push({ key: TARGET, start: at, end: at + mid.length });
    } else if (edit.kind === 'insert') {
      const ins = this.pieces.get(edit.text) ?? [];
      mid = [...ins, ...c.word];
      words.push({ key: INSERTED, start: at, end: at + ins.length }, { key: TARGET, start: at + ins.length, end: at + mid.length });
    } else {
      mid = [];
    }
    at += mid.length;
    const shift = at - (1 + t.wordEndToken[c.target.word] - t.wordFirstToken[c.firstWord]);
    for (let w = c.target.word + 1; w < c.endWord; w++) words.push(layoutWord(t, w, 1 + t.wordFirstToken[w] - t.wordFirstToken[c.firstWord] + shift));
    return { row: [clsId, ...c.before, ...mid, ...c.after, sepId], layout: { words, edit: edit?.kind, target: c.target.word } };
  }
}

function layoutWord(t: TokenizedText, w: number, start: number): LayoutWord {
  return { key: w, start, end: start + t.wordEndToken[w] - t.wordFirstToken[w], context: t.wordClass[w] !== WordClass.Word };
}

/** Per-word probabilities of a scored row (`probs`: one per token of the row). */
export function scoresOf(probs: Float32Array, layout: Layout): ContextScores {
  let total = 0;
  let position = 0;
  const wordProb = (w: LayoutWord): number => {
    let m = 0;
    for (let k = w.start; k < w.end; k++) m = Math.max(m, probs[k]);
    return m;
  };
  const real = layout.words.filter((w) => !w.context);
  for (const w of real) {
    const p = wordProb(w);
    total += p;
    if (w.key === TARGET || w.key === INSERTED) position = Math.max(position, p);
  }
  if (layout.edit === 'remove') {
    // The place of a removed word: the words either side of the gap.
    const before = real.filter((w) => w.key >= 0 && w.key < layout.target).pop();
    const after = real.find((w) => w.key > layout.target);
    position = Math.max(before ? wordProb(before) : 0, after ? wordProb(after) : 0);
  }
  return { position, mean: real.length > 0 ? total / real.length : 0 };
}

/** Most tokens of a context (the word and the words around it), so that a row with an edit
 * stays far inside every model's window (512 for ELECTRA) however long its words are. */
export const CONTEXT_MAX_TOKENS = 128;

/**
 * The context of `target`: at most `words` words either side, within its sentence, and at most
 * `CONTEXT_MAX_TOKENS` tokens (the farther words go first); `undefined` when the word alone is
 * longer than that (a run of hundreds of characters with no space: nothing to judge).
 */
export function contextOf(target: SuggestTarget, words: number): Context | undefined {
  const t = target.tokens;
  const w = target.word;
  if (t.wordEndToken[w] - t.wordFirstToken[w] > CONTEXT_MAX_TOKENS) return undefined;
  let firstWord = Math.max(target.sentence.first, w - words);
  let endWord = Math.min(target.sentence.end, w + 1 + words);
  while (t.wordEndToken[endWord - 1] - t.wordFirstToken[firstWord] > CONTEXT_MAX_TOKENS) {
    if (w - firstWord >= endWord - 1 - w) firstWord++;
    else endWord--;
  }
  return contextIn(target, firstWord, endWord);
}

/** The context of `target` made of the words `[firstWord, endWord)` (which hold it). */
function contextIn(target: SuggestTarget, firstWord: number, endWord: number): Context {
  const t = target.tokens;
  const w = target.word;
  const slice = (a: number, b: number): number[] => Array.from(t.ids.subarray(a, b));
  return {
    target,
    firstWord,
    endWord,
    before: slice(t.wordFirstToken[firstWord], t.wordFirstToken[w]),
    word: slice(t.wordFirstToken[w], t.wordEndToken[w]),
    after: slice(t.wordEndToken[w], t.wordEndToken[endWord - 1]),
  };
}

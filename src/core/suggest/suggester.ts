/**
 * Suggestions for flagged words, fast: for every target word, a short context (its sentence,
 * at most `CONTEXT_WORDS` words either side), one generator row for its masked slot and one for
 * a [MASK] inserted before it (all targets in one batched run), at most `MAX_CANDIDATES`
 * candidate edits (`candidates.ts`), and the original plus every edited context of every target
 * scored by the discriminator in one batched run; `judge.ts` keeps and ranks.
 * Token level: the context's own tokens are reused, only candidate words are tokenized (cached).
 */
import type { Logits } from '../runtime';
import { runRows, topK } from './rows';
import type { TokenizedText, WordPieceTokenizer } from '../tokenizer';
import type { Suggestion } from '../types';
import { WordClass } from '../words';
import { candidateEdits, isUnknownWord, MAX_CANDIDATES, tableWords, type CandidateEdit, type GeneratorView } from './candidates';
import { judge, type ContextScores, type Judged } from './judge';
import { damerau, lexicon } from './lexicon';

/** Words of context kept on either side of the target, within its sentence. */
export const CONTEXT_WORDS = 4;
/** Words of context the generator sees on either side (its full-vocabulary output costs more per token). */
export const GENERATOR_CONTEXT_WORDS = 3;
/** One flagged word of a tokenized block. */
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
}

export interface SuggesterModel {
  tokenizer: WordPieceTokenizer;
  discriminator: (batch: { ids: BigInt64Array; mask: BigInt64Array; rows: number; seq: number }) => Promise<Logits>;
  /** The generator, when the model has one. */
  generator?: () => Promise<(batch: { ids: BigInt64Array; mask: BigInt64Array; rows: number; seq: number }) => Promise<Logits>>;
}

interface Context {
  target: SuggestTarget;
  firstWord: number;
  endWord: number;
  before: number[];
  word: number[];
  after: number[];
}

export class Suggester {
  private readonly pieces = new Map<string, number[]>();

  constructor(private readonly model: SuggesterModel) {}

  /** Suggestions for each target (same order), best first, at most `max` each. */
  async suggest(targets: readonly SuggestTarget[], opts: { threshold: number; max: number }): Promise<Suggestion[][]> {
    if (targets.length === 0) return [];
    const contexts = targets.map((t) => contextOf(t));
    const lex = lexicon();
    await this.ensurePieces([...lex.missable, ...contexts.flatMap((c) => tableWords(c.target.text.toLowerCase()))]);
    const views = await this.generatorViews(contexts);
    const edits = contexts.map((c, i) => candidateEdits(c.target.text, views?.[i], MAX_CANDIDATES, previousWord(c.target)));
    await this.ensurePieces(edits.flat().flatMap((e) => (e.kind === 'remove' ? [] : [e.text])));

    // Rows: per target, the original context then each edit.
    const rows: number[][] = [];
    const layouts: Layout[] = [];
    contexts.forEach((c, i) => {
      for (const e of [undefined, ...edits[i]]) {
        const { row, layout } = this.row(c, e);
        rows.push(row);
        layouts.push(layout);
      }
    });
    const probs = await runRows(rows, this.model.discriminator, this.model.tokenizer.padId);

    const out: Suggestion[][] = [];
    let r = 0;
    contexts.forEach((c, i) => {
      const original = scoresOf(probs[r], layouts[r]);
      r++;
      const word = c.target.text.toLowerCase();
      const fix = lex.spellingFix(word);
      // A word no list knows is misspelt, unless capitalised inside a sentence (it may be a name).
      const t = c.target.text;
      const plain = /^[a-z]+$/.test(t) || (c.target.word === c.target.sentence.first && /^[A-Z][a-z]+$/.test(t));
      const misspelt = plain && isUnknownWord(word);
      const judged: Judged[] = edits[i].map((edit) => {
        const scores = scoresOf(probs[r], layouts[r]);
        r++;
        // A known misspelling's dictionary correction goes first when it is kept; the spellings of a
        // word no list knows go by edit distance (the discriminator orders those at equal distance).
        const spelling = edit.kind === 'replace' && misspelt && fix === undefined;
        const prior = edit.kind === 'replace' && edit.text === fix ? 0 : spelling ? damerau(word, edit.text, 3) : 1;
        const certain = edit.kind === 'replace' && (prior === 0 || spelling);
        return { edit, scores, prior, certain, rank: lex.rank(edit.kind === 'remove' ? word : edit.text) };
      });
      out.push(judge(original, judged, opts.threshold, opts.max));
    });
    return out;
  }

  private async ensurePieces(words: readonly string[]): Promise<void> {
    for (const w of new Set(words)) {
      if (this.pieces.has(w)) continue;
      const t = await this.model.tokenizer.tokenize(w);
      this.pieces.set(w, Array.from(t.ids));
      if (this.pieces.size > 50_000) this.pieces.delete(this.pieces.keys().next().value as string);
    }
  }

  /**
   * One generator row per target that needs one, its word masked, all in one run. A word whose
   * candidates need no ordering (a misspelling or non-word; a table of one to three words) goes
   * without: the generator's full-vocabulary output costs more per token than the discriminator.
   */
  private async generatorViews(all: Context[]): Promise<Array<GeneratorView | undefined> | undefined> {
    if (!this.model.generator) return undefined;
    const lex = lexicon();
    const needs = all.map((c) => {
      const w = c.target.text.toLowerCase();
      const table = tableWords(w).length;
      return lex.spellingFix(w) === undefined && lex.isWord(w) && (table === 0 || table > 3);
    });
    const contexts = all.filter((_, i) => needs[i]);
    if (contexts.length === 0) return all.map(() => undefined);
    const run = await this.model.generator();
    const { clsId, sepId, maskId } = this.model.tokenizer;
    const near = contexts.map((c) => contextOf(c.target, GENERATOR_CONTEXT_WORDS));
    const rows = near.map((c) => [clsId, ...c.before, maskId, ...c.after, sepId]);
    const maskAt = (i: number): number => 1 + near[i].before.length;
    const logitRows = await runRows(rows, run, this.model.tokenizer.padId, (data, dims, b, i) => {
      const vocab = dims[2];
      const at = (b * dims[1] + maskAt(i)) * vocab;
      return data.slice(at, at + vocab);
    });
    const single = (w: string): number | undefined => {
      const p = this.pieces.get(w);
      return p && p.length === 1 ? p[0] : undefined;
    };
    const views = contexts.map((c, i): GeneratorView => {
      const slot = logitRows[i];
      const self = c.target.text.toLowerCase();
      const slotTop: string[] = [];
      for (const id of topK(slot, 30)) {
        const w = this.model.tokenizer.token(id);
        if (w !== self && /^[a-z]+$/.test(w) && lex.isWord(w)) slotTop.push(w);
        if (slotTop.length >= 3) break;
      }
      return {
        slotLogit: (w: string) => {
          const id = single(w);
          return id === undefined ? undefined : slot[id];
        },
        slotTop,
      };
    });
    let next = 0;
    return needs.map((n) => (n ? views[next++] : undefined));
  }

  /** The token row of context `c` with `edit` applied (the original when undefined), and where its words are. */
  private row(c: Context, edit: CandidateEdit | undefined): { row: number[]; layout: Layout } {
    const t = c.target.tokens;
    const { clsId, sepId } = this.model.tokenizer;
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
interface Layout {
  words: LayoutWord[];
  edit: CandidateEdit['kind'] | undefined;
  /** The target's word index in the original context. */
  target: number;
}

function layoutWord(t: TokenizedText, w: number, start: number): LayoutWord {
  return { key: w, start, end: start + t.wordEndToken[w] - t.wordFirstToken[w], context: t.wordClass[w] !== WordClass.Word };
}

/** Per-word probabilities of a scored row (`probs`: one per token of the row). */
function scoresOf(probs: Float32Array, layout: Layout): ContextScores {
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

function contextOf(target: SuggestTarget, words = CONTEXT_WORDS): Context {
  const t = target.tokens;
  const firstWord = Math.max(target.sentence.first, target.word - words);
  const endWord = Math.min(target.sentence.end, target.word + 1 + words);
  const slice = (a: number, b: number): number[] => Array.from(t.ids.subarray(a, b));
  return {
    target,
    firstWord,
    endWord,
    before: slice(t.wordFirstToken[firstWord], t.wordFirstToken[target.word]),
    word: slice(t.wordFirstToken[target.word], t.wordEndToken[target.word]),
    after: slice(t.wordEndToken[target.word], endWord > target.word + 1 ? t.wordEndToken[endWord - 1] : t.wordEndToken[target.word]),
  };
}

/** The word before the target in its sentence, lower case (a letter word), if any. */
function previousWord(target: SuggestTarget): string | undefined {
  const w = target.word - 1;
  const t = target.tokens;
  if (w < target.sentence.first || t.wordClass[w] !== WordClass.Word) return undefined;
  return target.blockText.slice(t.wordStart[w], t.wordEnd[w]).toLowerCase();
}


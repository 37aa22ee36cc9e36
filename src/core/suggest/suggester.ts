/**
 * Suggestions for flagged words, fast: for every target word, a short context (its sentence,
 * at most `CONTEXT_WORDS` words either side), one generator row for its masked slot and one for
 * a [MASK] inserted before it (all targets in one batched run), at most `MAX_CANDIDATES`
 * candidate edits (`candidates.ts`), and the original plus every edited context of every target
 * scored by the discriminator in one batched run; `judge.ts` keeps and ranks.
 * The rows: `context-rows.ts`.
 */
import { runRows, topK, type Run } from './rows';
import type { WordPieceTokenizer } from '../tokenizer';
import type { Suggestion } from '../types';
import { WordClass } from '../words';
import { candidateEdits, isUnknownWord, MAX_CANDIDATES, slipWords, tableWords, type GeneratorView } from './candidates';
import { contextOf, ContextRows, scoresOf, type Context, type Layout, type SuggestTarget } from './context-rows';
import { ranked, toSuggestion, type Judged } from './judge';
import { damerau, lexicon } from './lexicon';

/** Words of context kept on either side of the target, within its sentence. */
export const CONTEXT_WORDS = 4;
/** Words of context either side (within the sentence) that an unsure fix is confirmed in (`confirm`). */
export const WIDE_CONTEXT_WORDS = 12;
/** Kept edits per word confirmed in the wide context; those ranked after are offered only behind a confirmed one. */
export const CONFIRMED = 2;
/**
 * The higher bar is for words the model barely doubts: a flag scored at least this in its
 * document (when the caller says, `SuggestTarget.score`) keeps its fixes unconfirmed (and costs
 * no confirmation rows). "Trees cool the streets" flags "cool" at 0.29.
 */
export const CONFIRM_BELOW = 0.6;
/** Words of context the generator sees on either side (its full-vocabulary output costs more per token). */
export const GENERATOR_CONTEXT_WORDS = 3;

export interface SuggesterModel {
  tokenizer: WordPieceTokenizer;
  discriminator: Run;
  /** The generator, when the model has one. */
  generator?: () => Promise<Run>;
}

export class Suggester {
  private readonly rows: ContextRows;

  constructor(private readonly model: SuggesterModel) {
    this.rows = new ContextRows(model.tokenizer);
  }

  /** Suggestions for each target (same order), best first, at most `max` each. */
  async suggest(targets: readonly SuggestTarget[], opts: { threshold: number; max: number }): Promise<Suggestion[][]> {
    // A word too long for any context (hundreds of characters without a space) gets no fix.
    const all = targets.map((t) => contextOf(t, CONTEXT_WORDS));
    const contexts = all.filter((c): c is Context => c !== undefined);
    const lex = lexicon();
    await this.rows.ensurePieces([...lex.missable, ...contexts.flatMap((c) => [c.target.text.toLowerCase(), ...replacementWords(c.target.text.toLowerCase())])]);
    const views = await this.generatorViews(contexts);
    // The tables go in the generator's order only where they need one (`ordersTables`); the slips always do.
    const edits = contexts.map((c, i) => {
      const view = views?.[i];
      return candidateEdits(c.target.text, ordersTables(c.target.text.toLowerCase()) ? view : undefined, MAX_CANDIDATES, previousWord(c.target), view);
    });
    await this.rows.ensurePieces(edits.flat().flatMap((e) => (e.kind === 'remove' ? [] : [e.text])));

    // Rows: per target, the original context then each edit.
    const rows: number[][] = [];
    const layouts: Layout[] = [];
    contexts.forEach((c, i) => {
      for (const e of [undefined, ...edits[i]]) {
        const { row, layout } = this.rows.row(c, e);
        rows.push(row);
        layouts.push(layout);
      }
    });
    const probs = await runRows(rows, this.model.discriminator, this.model.tokenizer.padId);

    const out: Judged[][] = [];
    let r = 0;
    contexts.forEach((c, i) => {
      const original = scoresOf(probs[r], layouts[r]);
      r++;
      const word = c.target.text.toLowerCase();
      const fix = lex.spellingFix(word);
      const phrases = lex.phrases(word);
      // A word no list knows is misspelt, unless capitalised inside a sentence (it may be a name).
      const t = c.target.text;
      const plain = /^[a-z]+$/.test(t) || (c.target.word === c.target.sentence.first && /^[A-Z][a-z]+$/.test(t));
      const misspelt = plain && isUnknownWord(word);
      const judged: Judged[] = edits[i].map((edit) => {
        const scores = scoresOf(probs[r], layouts[r]);
        r++;
        // A known misspelling's dictionary correction goes first when it is kept; the spellings of a
        // word no list knows go by edit distance (the discriminator orders those at equal distance).
        const spelling = edit.kind === 'replace' && misspelt && fix === undefined && phrases.length === 0;
        const dictionary = edit.kind === 'replace' && (edit.text === fix || phrases.includes(edit.text));
        const prior = dictionary ? 0 : spelling ? damerau(word, edit.text, 3) : 1;
        const certain = edit.kind === 'replace' && (prior === 0 || spelling);
        return { edit, scores, prior, certain, rank: lex.rank(edit.kind === 'remove' ? word : edit.text) };
      });
      out.push(ranked(original, judged, opts.threshold));
    });
    const confirmed = await this.confirm(contexts, out);
    let next = 0;
    return all.map((c) => (c ? confirmed[next++].slice(0, opts.max).map(toSuggestion) : []));
  }

  /**
   * The higher bar (don't confidently fix what isn't broken), for the words the model barely
   * doubts (`CONFIRM_BELOW`): a short context can make a right
   * word look wrong and its neighbour form look right ("Trees cool the streets in summer" →
   * "cooled", until "and clean the air" follows). Each target's first `CONFIRMED` kept edits that
   * are not sure spelling corrections are scored again in their sentence (`WIDE_CONTEXT_WORDS`
   * words either side), all in one batched run, and stay only if there too the edited place
   * looks less replaced than the word as written and the sentence reads better (its mean falls);
   * the others after them go. A word left with none says "no confident fix".
   */
  private async confirm(contexts: readonly Context[], kept: Judged[][]): Promise<Judged[][]> {
    const rows: number[][] = [];
    const layouts: Layout[] = [];
    const asked = contexts.map((c, i) => {
      // A word the model is sure is wrong (flagged at CONFIRM_BELOW or more) needs no higher bar.
      if (c.target.score !== undefined && c.target.score >= CONFIRM_BELOW) return undefined;
      const unsure = kept[i].slice(0, CONFIRMED).filter((j) => j.certain !== true);
      const wide = unsure.length > 0 ? contextOf(c.target, WIDE_CONTEXT_WORDS) : undefined;
      if (!wide) return undefined;
      const at = rows.length;
      for (const e of [undefined, ...unsure.map((j) => j.edit)]) {
        const { row, layout } = this.rows.row(wide, e);
        rows.push(row);
        layouts.push(layout);
      }
      return { at, unsure };
    });
    if (rows.length === 0) return kept;
    const probs = await runRows(rows, this.model.discriminator, this.model.tokenizer.padId);
    return kept.map((list, i) => {
      const a = asked[i];
      if (!a) return list;
      const original = scoresOf(probs[a.at], layouts[a.at]);
      const failed = new Set(a.unsure.filter((_, k) => {
        const s = scoresOf(probs[a.at + 1 + k], layouts[a.at + 1 + k]);
        return !(s.position < original.position && s.mean < original.mean);
      }));
      // Only the confirmed head is kept: an edit ranked after the first `CONFIRMED` was never confirmed.
      const head = list.slice(0, CONFIRMED).filter((j) => !failed.has(j));
      return head.length === 0 ? [] : [...head, ...list.slice(CONFIRMED)];
    });
  }

  /**
   * One generator row per target that needs one, its word masked, all in one run: a word whose
   * tables need ordering (`ordersTables`) or that has real-word slips to order and sift. A
   * misspelling or non-word goes without: the generator's full-vocabulary output costs more per
   * token than the discriminator.
   */
  private async generatorViews(all: Context[]): Promise<Array<GeneratorView | undefined> | undefined> {
    if (!this.model.generator) return undefined;
    const lex = lexicon();
    const needs = all.map((c) => {
      const w = c.target.text.toLowerCase();
      return ordersTables(w) || (lex.spellingFix(w) === undefined && lex.isWord(w) && slipWords(w).length > 0);
    });
    const contexts = all.filter((_, i) => needs[i]);
    if (contexts.length === 0) return all.map(() => undefined);
    const run = await this.model.generator();
    const { clsId, sepId, maskId } = this.model.tokenizer;
    const near = contexts.map((c) => contextOf(c.target, GENERATOR_CONTEXT_WORDS) ?? c);
    const rows = near.map((c) => [clsId, ...c.before, maskId, ...c.after, sepId]);
    const maskAt = (i: number): number => 1 + near[i].before.length;
    const logitRows = await runRows(rows, run, this.model.tokenizer.padId, (data, dims, b, i) => {
      const vocab = dims[2];
      const at = (b * dims[1] + maskAt(i)) * vocab;
      return data.slice(at, at + vocab);
    });
    const single = (w: string): number | undefined => {
      const p = this.rows.piecesOf(w);
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
}

/**
 * Whether the generator orders `word`'s tables (and insertions, and adds its own word): a real
 * word, not a known misspelling, whose tables are empty or longer than three. A table of one to
 * three words is judged whole, in its own order (measured: ordering those too cost JFLEG dev
 * 2.5 points of top-1, 43.6% against 46.1%).
 */
function ordersTables(word: string): boolean {
  const lex = lexicon();
  const table = tableWords(word).length;
  return lex.spellingFix(word) === undefined && lex.isWord(word) && (table === 0 || table > 3);
}

/** The replacement words `candidateEdits` may take for `word` (lower case): tables and slips. */
function replacementWords(word: string): string[] {
  return [...tableWords(word), ...slipWords(word)];
}

/** The word before the target in its sentence, lower case (a letter word), if any. */
function previousWord(target: SuggestTarget): string | undefined {
  const w = target.word - 1;
  const t = target.tokens;
  if (w < target.sentence.first || t.wordClass[w] !== WordClass.Word) return undefined;
  return target.blockText.slice(t.wordStart[w], t.wordEnd[w]).toLowerCase();
}


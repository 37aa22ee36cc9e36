/**
 * The homophone check: a word that sounds like another (there/their/they're, then/than,
 * to/too) is compared with each of its homophones in its sentence by the discriminator, and
 * is marked when one of them fits far better. The discriminator alone misses some of these in
 * a long context ("Teachers tell students to put there phones away" scores 4% in its
 * paragraph), because a correctly spelt real word there is plausible on its own; asked to
 * compare the two sentences, it is sure which one holds the replacement.
 *
 * The verdict is pairwise: with p the written word's probability of being replaced and q the
 * homophone's in the same context, the probability that the written word, not the homophone,
 * is the replaced one is p(1-q) / (p(1-q) + q(1-p)).
 *
 * Measured on the shipped model (prototype scripts kept out of the repository; the learner-set
 * figures are printed by `npm run eval`): of 1,380 homophone swaps planted in held-out corpus text
 * (`dev.txt`), the discriminator alone flags 1,275 at 0.21; of the other 105 this check finds 33
 * and it marks 2 of 20,954 unchanged homophones that were not flagged. On FCE dev it marks 18 words,
 * 16 of them annotated errors. Sentence-long contexts instead of 12 words either side found 37 but
 * marked 6; 8 words either side found 27. `HOMOPHONE_MIN_SCORE` bounds the cost (below).
 */
import type { WordPieceTokenizer } from '../tokenizer';
import type { HomophoneVerdict } from '../types';
import { contextOf, ContextRows, scoresOf, type Layout, type SuggestTarget } from './context-rows';
import type { ContextScores } from './judge';
import { lexicon } from './lexicon';
import { runRows, type Run } from './rows';

/** Words of context either side, within the sentence: 12 found more swaps than 8 (41 against 34 of 105) with fewer false marks (3 against 4). */
export const HOMOPHONE_CONTEXT_WORDS = 12;
/** A word is marked when the pairwise probability that it is the wrong one of the two reaches this. */
export const HOMOPHONE_CONFIDENCE = 0.99;
/**
 * Words the discriminator scores below this in their paragraph are not compared: the cost bound.
 * Each compared word costs 2 to 4 short rows; `check` took 1.91x the time without the check when
 * every homophone scoring 0.005 or more was compared, 1.47x from 0.02, 1.35x from 0.04 (bench
 * documents). Swaps found at 0.02 / 0.03 / 0.04 / 0.05: 35 / 33 / 29 / 29.
 */
export const HOMOPHONE_MIN_SCORE = 0.03;

/** The probability that the word scored `p` is the replaced one, not its homophone scored `q`, when one of the two is. */
export function pairwiseConfidence(p: number, q: number): number {
  const a = p * (1 - q);
  const b = q * (1 - p);
  return a + b === 0 ? 0.5 : a / (a + b);
}

/**
 * The verdict on one word: the homophone the model is surest is right instead of the word,
 * when that confidence reaches `HOMOPHONE_CONFIDENCE` and the context as a whole reads better
 * with it (its mean probability falls); else `undefined`.
 */
export function homophoneVerdict(original: ContextScores, homophones: ReadonlyArray<{ text: string; scores: ContextScores }>): HomophoneVerdict | undefined {
  let best: HomophoneVerdict | undefined;
  for (const h of homophones) {
    const confidence = pairwiseConfidence(original.position, h.scores.position);
    if (confidence < HOMOPHONE_CONFIDENCE || h.scores.mean >= original.mean) continue;
    if (!best || confidence > best.confidence) best = { text: h.text, confidence, score: h.scores.position };
  }
  return best;
}

/** Whether `word` (as written) is compared with homophones at all. */
export function hasHomophones(word: string): boolean {
  return lexicon().homophones(word.toLowerCase()).length > 0;
}

/** The scores of one word's place as written and with each of its homophones, in one context. */
export interface HomophoneComparison {
  original: ContextScores;
  homophones: Array<{ text: string; scores: ContextScores }>;
}

/** Compares words with their homophones; one instance per checker (it caches the homophones' token ids). */
export class HomophoneCheck {
  private readonly rows: ContextRows;

  constructor(
    private readonly tokenizer: WordPieceTokenizer,
    private readonly discriminator: Run,
  ) {
    this.rows = new ContextRows(tokenizer);
  }

  /** The verdict on each target (same order). */
  async check(targets: readonly SuggestTarget[]): Promise<Array<HomophoneVerdict | undefined>> {
    return (await this.compare(targets)).map((c) => (c ? homophoneVerdict(c.original, c.homophones) : undefined));
  }

  /**
   * Each target's comparison (same order; `undefined` for a word too long for a context), all rows
   * in one batched run: per word, its context (`HOMOPHONE_CONTEXT_WORDS` words either side, within
   * its sentence) as written and with each homophone.
   */
  async compare(targets: readonly SuggestTarget[]): Promise<Array<HomophoneComparison | undefined>> {
    if (targets.length === 0) return [];
    const lex = lexicon();
    const homophones = targets.map((t) => lex.homophones(t.text.toLowerCase()));
    await this.rows.ensurePieces(homophones.flat());
    const rows: number[][] = [];
    const layouts: Layout[] = [];
    const first = targets.map((t, i) => {
      const c = contextOf(t, HOMOPHONE_CONTEXT_WORDS);
      if (!c) return undefined;
      const at = rows.length;
      for (const text of [undefined, ...homophones[i]]) {
        const { row, layout } = this.rows.row(c, text === undefined ? undefined : { kind: 'replace', text });
        rows.push(row);
        layouts.push(layout);
      }
      return at;
    });
    const probs = await runRows(rows, this.discriminator, this.tokenizer.padId);
    const scores = (r: number): ContextScores => scoresOf(probs[r], layouts[r]);
    return first.map((r, i) => r === undefined ? undefined : {
      original: scores(r),
      homophones: homophones[i].map((text, k) => ({ text, scores: scores(r + 1 + k) })),
    });
  }
}

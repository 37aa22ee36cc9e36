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
 * is the replaced one is p(1-q) / (p(1-q) + q(1-p)). Measured (models/training/.work was the
 * prototype; the numbers are `npm run eval`'s and the model card's): on 1,380 homophone swaps
 * in held-out corpus text the discriminator already flags 1,275 at 0.21; this check at
 * `HOMOPHONE_CONFIDENCE` 0.99 finds 41 of the other 105 and marks 3 of 20,954 unchanged
 * homophones (two of those three are real errors in the corpus: "would loose its identity");
 * on FCE dev it marks 18 words, 16 of them annotated errors.
 */
import type { Logits } from '../runtime';
import type { WordPieceTokenizer } from '../tokenizer';
import type { HomophoneVerdict } from '../types';
import { contextOf, ContextRows, scoresOf, type SuggestTarget } from './context-rows';
import type { ContextScores } from './judge';
import { lexicon } from './lexicon';
import { runRows } from './rows';

/** Words of context either side, within the sentence: 12 found more swaps than 8 (41 against 34 of 105) with fewer false marks (3 against 4). */
export const HOMOPHONE_CONTEXT_WORDS = 12;
/** A word is marked when the pairwise probability that it is the wrong one of the two reaches this. */
export const HOMOPHONE_CONFIDENCE = 0.99;
/** Words the discriminator scores below this in their paragraph are not compared (the cost
 * bound: 4 in 10 homophones pass it, and it kept 40 of the 41 swaps found). */
export const HOMOPHONE_MIN_SCORE = 0.005;

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

/** Compares words with their homophones; one instance per checker (it caches the homophones' token ids). */
export class HomophoneCheck {
  private readonly rows: ContextRows;

  constructor(
    private readonly tokenizer: WordPieceTokenizer,
    private readonly discriminator: (batch: { ids: BigInt64Array; mask: BigInt64Array; rows: number; seq: number }) => Promise<Logits>,
  ) {
    this.rows = new ContextRows(tokenizer);
  }

  /** The verdict on each target (same order), all rows in one batched run. */
  async check(targets: readonly SuggestTarget[]): Promise<Array<HomophoneVerdict | undefined>> {
    if (targets.length === 0) return [];
    const lex = lexicon();
    const homophones = targets.map((t) => lex.homophones(t.text.toLowerCase()));
    await this.rows.ensurePieces(homophones.flat());
    const rows: number[][] = [];
    const layouts: Array<ReturnType<ContextRows['row']>['layout']> = [];
    const contexts = targets.map((t) => contextOf(t, HOMOPHONE_CONTEXT_WORDS));
    contexts.forEach((c, i) => {
      if (!c) return;
      for (const text of [undefined, ...homophones[i]]) {
        const { row, layout } = this.rows.row(c, text === undefined ? undefined : { kind: 'replace', text });
        rows.push(row);
        layouts.push(layout);
      }
    });
    const probs = await runRows(rows, this.discriminator, this.tokenizer.padId);
    let r = 0;
    return targets.map((_, i) => {
      if (!contexts[i]) return undefined;
      const original = scoresOf(probs[r], layouts[r]);
      r++;
      const scored = homophones[i].map((text) => {
        const scores = scoresOf(probs[r], layouts[r]);
        r++;
        return { text, scores };
      });
      return homophoneVerdict(original, scored);
    });
  }
}

/**
 * The one scoring loop of the evaluation: texts scored through `Checker.scoreMany` in chunks (the
 * batching users get), each labelled unit given the max score of the checker's words overlapping it.
 */
import type { Checker } from '../../src/core/checker';
import { effectiveScores } from '../../src/core/findings';
import type { ScoredText } from '../../src/core/types';
import { alignScores, flagsFromSpans } from './metrics';

/** A text with labelled units: spans in UTF-16 offsets of `text`. */
export interface LabelledText {
  text: string;
  tokens: ReadonlyArray<{ start: number; end: number; wrong: boolean }>;
}

/** Scores `texts` (plain text) in chunks of 64; `onChunk` gets each chunk's scored texts with their index. */
export async function scoreChunks(checker: Checker, texts: readonly string[], onChunk: (docs: ScoredText[], first: number) => void, progress?: (done: number) => void): Promise<void> {
  const chunk = 64;
  for (let i = 0; i < texts.length; i += chunk) {
    const part = texts.slice(i, i + chunk);
    onChunk(await checker.scoreMany(part.map((text) => ({ source: text, format: 'plaintext' as const }))), i);
    progress?.(Math.min(texts.length, i + chunk));
  }
}

/** Each unit's score (max over the words overlapping it of their score as the findings rule sees it,
 * `effectiveScores`; 0 when none) and whether the homophone check marked one of them. */
export async function scoreUnits(checker: Checker, items: readonly LabelledText[], progress?: (done: number) => void): Promise<{ scores: number[]; homophone: boolean[] }> {
  const scores: number[] = [];
  const homophone: boolean[] = [];
  await scoreChunks(checker, items.map((i) => i.text), (docs, first) => docs.forEach((doc, k) => {
    const item = items[first + k];
    // The findings rule's view of each word (names, fragments, repeats): what users are shown.
    const eff = effectiveScores(item.text, doc.words);
    scores.push(...alignScores(item.tokens, doc.words.map((w, k) => ({ ...w, score: eff[k] }))));
    homophone.push(...flagsFromSpans(item.tokens, doc.words.filter((w) => w.homophone)));
  }), progress);
  return { scores, homophone };
}

/** `n` of `d` as a percentage with one decimal ('–' for NaN). */
export const pct = (x: number): string => (Number.isNaN(x) ? '–' : (100 * x).toFixed(1));

/** Seconds since `since` (Date.now()), one decimal. */
export const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/** One progress line on stderr. */
export const log = (msg: string): void => void process.stderr.write(`eval: ${msg}\n`);

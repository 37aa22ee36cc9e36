/**
 * Which scored words become flags (diagnostics): a word is flagged when its score is at
 * or above the threshold and it is neither in the workspace word list nor ignored for
 * this document. Pure; offsets stay those of the scored words (UTF-16, source).
 */
import type { DocumentFormat } from '../core/types';
import { wordKey } from './word-list';
import type { SourceWord } from './incremental-scorer';

export interface Flag {
  /** UTF-16 `[start, end)` in the document source. */
  start: number;
  end: number;
  /** `source.slice(start, end)`. */
  text: string;
  /** Probability in [0, 1] that the word is out of place. */
  score: number;
  /** Where to ask for suggestions: a text (the paragraph's prose, or the whole source), its format, and the word's span in it. */
  blockText: string;
  blockFormat: DocumentFormat;
  blockStart: number;
  blockEnd: number;
}

export function selectFlags(
  source: string,
  words: readonly SourceWord[],
  threshold: number,
  ignored: ReadonlySet<string>,
): Flag[] {
  const out: Flag[] = [];
  for (const w of words) {
    if (w.score < threshold) continue;
    const text = source.slice(w.start, w.end);
    if (ignored.has(wordKey(text)) || ignored.has(wordKey(w.text))) continue;
    out.push({ start: w.start, end: w.end, text, score: w.score, blockText: w.blockText, blockFormat: 'plaintext', blockStart: w.blockStart, blockEnd: w.blockEnd });
  }
  return out;
}

/** "93%": a probability as a whole percentage, never 100% or 0% for a non-certain value. */
export function percent(p: number): string {
  const v = Math.round(p * 100);
  if (v >= 100 && p < 1) return '99%';
  if (v <= 0 && p > 0) return '1%';
  return `${v}%`;
}

/** The diagnostic message of a flag. */
export function flagMessage(f: Pick<Flag, 'text' | 'score'>): string {
  return `"${f.text}" looks out of place here (${percent(f.score)} likely replaced).`;
}

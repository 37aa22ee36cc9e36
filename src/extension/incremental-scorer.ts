/**
 * Scores a document paragraph by paragraph, re-scoring only paragraphs whose text is
 * not in the cache.
 *
 * Design: the extension host extracts the prose (cheap, pure) and sends the worker only
 * the texts of uncached blocks, which it scores as plain text; the cache lives in the
 * host, keyed by block text. Results come back in block coordinates and are mapped to
 * the source through `Prose.toSource`, the extractor's one offset map. Scoring blocks
 * separately means the model's context never crosses a paragraph boundary; a paragraph
 * is the unit a writer edits, and this keeps a keystroke's cost to one paragraph.
 */
import type { Prose } from '../core/extract';
import type { ScoredText, WordScore } from '../core/types';
import type { ParagraphCache } from './paragraph-cache';

/** A scored word in source coordinates plus where it came from (for suggestions). */
export interface SourceWord extends WordScore {
  /** The text of the block the word was scored in (send it back to `suggest`). */
  blockText: string;
  /** The word's `[start, end)` within `blockText`. */
  blockStart: number;
  blockEnd: number;
}

export interface IncrementalResult {
  /** Every scored word, in source order, offsets in the ORIGINAL source (empty when cancelled). */
  words: SourceWord[];
  /** `isCancelled` said stop before every block was scored (what was scored is cached). */
  cancelled: boolean;
  /** How many blocks had to be sent to the model (0 when all were cached). */
  scoredBlocks: number;
  totalBlocks: number;
}

export interface ScoreOptions {
  /** Most blocks per `scoreBlocks` call (default 32). */
  batchSize?: number;
  /** Asked between batches; `true` stops early (the document changed: the result would be dropped). */
  isCancelled?: () => boolean;
}

/**
 * Scores `prose`, taking unchanged blocks from `cache` and sending the others (each
 * distinct text once) to `scoreBlocks` in batches; it returns one `ScoredText` per
 * text, in order.
 */
export async function scoreIncrementally(
  prose: Prose,
  cache: ParagraphCache<ScoredText>,
  scoreBlocks: (texts: string[]) => Promise<ScoredText[]>,
  opts: ScoreOptions = {},
): Promise<IncrementalResult> {
  const texts = prose.blocks.map((b) => prose.text.slice(b.start, b.end));
  const results: Array<ScoredText | undefined> = texts.map((t) => cache.get(t));
  const missing = [...new Set(texts.filter((_, i) => results[i] === undefined && texts[i].trim() !== ''))];
  const batch = Math.max(1, opts.batchSize ?? 32);
  for (let at = 0; at < missing.length; at += batch) {
    if (opts.isCancelled?.()) return { words: [], cancelled: true, scoredBlocks: at, totalBlocks: prose.blocks.length };
    const part = missing.slice(at, at + batch);
    const scored = await scoreBlocks(part);
    if (scored.length !== part.length) {
      throw new Error(`The worker returned ${scored.length} results for ${part.length} paragraphs.`);
    }
    part.forEach((t, i) => cache.set(t, scored[i]));
  }
  const words: SourceWord[] = [];
  let sentenceBase = 0;
  prose.blocks.forEach((b, i) => {
    const doc = results[i] ?? cache.get(texts[i]);
    if (!doc) return; // blank block
    for (const w of doc.words) {
      const src = prose.toSource(b.start + w.start, b.start + w.end);
      // An explicit literal, not a spread: this runs for every word of the document on every check.
      words.push({
        start: src.start,
        end: src.end,
        text: w.text,
        score: w.score,
        homophone: w.homophone,
        sentence: sentenceBase + w.sentence,
        blockText: texts[i],
        blockStart: w.start,
        blockEnd: w.end,
      });
    }
    sentenceBase += doc.sentences.length;
  });
  return { words, cancelled: false, scoredBlocks: missing.length, totalBlocks: prose.blocks.length };
}

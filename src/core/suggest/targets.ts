/**
 * Finding the words to suggest for: each source span becomes the tokenized prose block and the
 * word (class Word) overlapping it, with the word range of its sentence. Only the blocks that
 * hold a span are tokenized.
 */
import { extractProse } from '../extract';
import { sentenceSpans } from '../sentences';
import { WordClass, type TokenizedText, type WordPieceTokenizer } from '../tokenizer';
import type { DocumentFormat } from '../types';
import type { SuggestTarget } from './context-rows';

/**
 * The target of each span (same order), or `undefined` where no word overlaps it. A span that is
 * a finding carries its `score` (the flag's, in its document) to its target.
 */
export async function locateTargets(
  tokenizer: WordPieceTokenizer, source: string, format: DocumentFormat, spans: ReadonlyArray<{ start: number; end: number; score?: number }>,
): Promise<Array<SuggestTarget | undefined>> {
  const out = new Array<SuggestTarget | undefined>(spans.length).fill(undefined);
  const prose = extractProse(source, format);
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start);
  for (const b of prose.blocks) {
    const range = prose.toSource(b.start, b.end);
    const mine = order.filter((i) => out[i] === undefined && range.start < spans[i].end && spans[i].start < range.end);
    if (mine.length === 0) continue;
    const blockText = prose.text.slice(b.start, b.end);
    const tokens = await tokenizer.tokenize(blockText);
    const sentences = sentenceSpans(prose.text, b.start, b.end);
    const sentenceOf = sentenceWordRanges(tokens, sentences, b.start);
    for (let w = 0; w < tokens.wordStart.length; w++) {
      if (tokens.wordClass[w] !== WordClass.Word) continue;
      const src = prose.toSource(b.start + tokens.wordStart[w], b.start + tokens.wordEnd[w]);
      for (const i of mine) {
        if (out[i] === undefined && src.start < spans[i].end && spans[i].start < src.end) {
          const score = spans[i].score;
          out[i] = { tokens, word: w, text: source.slice(src.start, src.end), blockText, sentence: sentenceOf[w], ...(typeof score === 'number' ? { score } : {}) };
        }
      }
    }
  }
  return out;
}

/**
 * The `[first, end)` word range of each word's sentence in `tokens` (a block starting at prose
 * offset `blockStart`; `sentences` in prose offsets): a word belongs to the last sentence
 * starting at or before it.
 */
export function sentenceWordRanges(tokens: TokenizedText, sentences: ReadonlyArray<{ start: number }>, blockStart: number): Array<{ first: number; end: number }> {
  const words = tokens.wordStart.length;
  const out = new Array<{ first: number; end: number }>(words);
  let s = 0;
  let first = 0;
  for (let w = 0; w < words; w++) {
    const at = blockStart + tokens.wordStart[w];
    if (s + 1 < sentences.length && sentences[s + 1].start <= at) {
      while (s + 1 < sentences.length && sentences[s + 1].start <= at) s++;
      const range = { first, end: w };
      for (let k = first; k < w; k++) out[k] = range;
      first = w;
    }
  }
  const last = { first, end: words };
  for (let k = first; k < words; k++) out[k] = last;
  return out;
}

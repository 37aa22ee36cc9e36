/**
 * Finding the words to suggest for: each source span becomes the tokenized prose block and the
 * word (class Word) overlapping it, with the word range of its sentence. Only the blocks that
 * hold a span are tokenized.
 */
import { extractProse } from '../extract';
import { sentenceSpans } from '../sentences';
import { WordClass, type WordPieceTokenizer } from '../tokenizer';
import type { DocumentFormat } from '../types';
import type { SuggestTarget } from './suggester';

/** The target of each span (same order), or `undefined` where no word overlaps it. */
export async function locateTargets(
  tokenizer: WordPieceTokenizer, source: string, format: DocumentFormat, spans: ReadonlyArray<{ start: number; end: number }>,
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
    let s = 0;
    let sentenceFirst = 0;
    const words = tokens.wordStart.length;
    const sentenceOf: Array<{ first: number; end: number }> = [];
    // Word ranges of the sentences: a word belongs to the last sentence starting at or before it.
    for (let w = 0; w < words; w++) {
      const at = b.start + tokens.wordStart[w];
      if (s + 1 < sentences.length && sentences[s + 1].start <= at) {
        while (s + 1 < sentences.length && sentences[s + 1].start <= at) s++;
        for (let k = sentenceFirst; k < w; k++) sentenceOf[k] = { first: sentenceFirst, end: w };
        sentenceFirst = w;
      }
    }
    for (let k = sentenceFirst; k < words; k++) sentenceOf[k] = { first: sentenceFirst, end: words };
    for (let w = 0; w < words; w++) {
      if (tokens.wordClass[w] !== WordClass.Word) continue;
      const src = prose.toSource(b.start + tokens.wordStart[w], b.start + tokens.wordEnd[w]);
      for (const i of mine) {
        if (out[i] === undefined && src.start < spans[i].end && spans[i].start < src.end) {
          out[i] = { tokens, word: w, text: source.slice(src.start, src.end), blockText, sentence: sentenceOf[w] };
        }
      }
    }
  }
  return out;
}

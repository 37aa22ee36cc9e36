/** Test helper: the whitespace-separated words of extracted prose, mapped to the source. */
import type { Prose } from '../../src/core/extract/index';

export interface MappedWord {
  word: string;
  start: number;
  end: number;
  source: string;
}

/** Every `\S+` run of the prose with its `toSource` span and that span's source text. */
export function mappedWords(source: string, prose: Prose): MappedWord[] {
  const words: MappedWord[] = [];
  for (const m of prose.text.matchAll(/\S+/g)) {
    const span = prose.toSource(m.index, m.index + m[0].length);
    words.push({ word: m[0], start: span.start, end: span.end, source: source.slice(span.start, span.end) });
  }
  return words;
}

/** The words whose source span does not hold exactly the prose word. */
export function roundTripFailures(source: string, prose: Prose): MappedWord[] {
  return mappedWords(source, prose).filter((w) => w.source !== w.word);
}

/** The prose text of each block. */
export function blockTexts(prose: Prose): string[] {
  return prose.blocks.map((b) => prose.text.slice(b.start, b.end));
}

/**
 * Builds a ScoredText from text for grading tests: words and sentences from simple regexes
 * (grading is a pure function of words, scores and offsets), scores from a caller's function.
 * Not a model: the scores are the test's input.
 */
import type { ScoredText, WordScore } from '../../src/core/types';

export function scoredDoc(source: string, scoreOf: (word: string, index: number) => number = () => 0.05): ScoredText {
  const sentences: Array<{ start: number; end: number }> = [];
  for (const m of source.matchAll(/[^.!?\n]+[.!?]*/g)) {
    if (/[A-Za-z]/.test(m[0])) sentences.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  }
  const words: WordScore[] = [];
  let s = 0;
  for (const m of source.matchAll(/[A-Za-z]+(?:'[A-Za-z]+)?/g)) {
    while (s < sentences.length - 1 && m.index >= sentences[s].end) s++;
    words.push({ start: m.index, end: m.index + m[0].length, text: m[0], score: scoreOf(m[0], words.length), sentence: s });
  }
  return { words, sentences, wordCount: words.length };
}

/**
 * Word-frequency ranks from the training corpus (built by scripts/build-word-frequencies.mjs;
 * sources and licences in the JSON's `about`). Rank 1 is the most frequent word.
 */
import data from './word-frequencies.json';

let ranks: Map<string, number> | undefined;

/** Number of ranked words (the list's length). */
export const RANKED_WORDS: number = (data as { words: string[] }).words.length;

/** 1-based frequency rank of a lowercased word, or undefined when it is not among the ranked words. */
export function wordRank(lowercased: string): number | undefined {
  if (!ranks) {
    ranks = new Map();
    const words = (data as { words: string[] }).words;
    for (let i = 0; i < words.length; i++) ranks.set(words[i], i + 1);
  }
  return ranks.get(lowercased);
}

/**
 * Homophone swaps (`npm run eval`, set `homophones`): in held-out corpus paragraphs (the dev split
 * of the pre-training corpus) that hold a lower-case word of a homophone set
 * (`src/core/lexicon/confusions.json`), every other paragraph gets one such word swapped for a
 * random member of its set ("their" → "there"); the rest stay as written. The units are the words
 * of homophone sets (as written after the swap), wrong only where swapped: the question is
 * whether a checker tells a slipped homophone from a right one, not how it reads other words. What a writer's there/their slips look like, to measure the
 * homophone check (`src/core/suggest/homophones.ts`) beside the discriminator alone and harper.js.
 */
import { lexicon } from '../../src/core/suggest/lexicon';
import { essayWords, type LabelledSentence } from './datasets';
import { rng } from './random';

/** The labelled texts from `paragraphs` (those holding a homophone), seeded. */
export function homophoneSwaps(paragraphs: readonly string[], seed = 7): LabelledSentence[] {
  const lex = lexicon();
  const random = rng(seed);
  const out: LabelledSentence[] = [];
  for (const paragraph of paragraphs) {
    const words = essayWords(paragraph);
    const candidates = words.filter((w) => {
      const text = paragraph.slice(w.start, w.end);
      return text === text.toLowerCase() && lex.homophones(text).length > 0;
    });
    if (candidates.length === 0) continue;
    const chosen = candidates[Math.floor(random() * candidates.length)];
    const swap = random() < 0.5;
    let text = paragraph;
    let swapped: { start: number; end: number } | undefined;
    if (swap) {
      const others = lex.homophones(paragraph.slice(chosen.start, chosen.end));
      const other = others[Math.floor(random() * others.length)];
      text = paragraph.slice(0, chosen.start) + other + paragraph.slice(chosen.end);
      swapped = { start: chosen.start, end: chosen.start + other.length };
    }
    const tokens = essayWords(text)
      .filter((w) => lex.homophones(text.slice(w.start, w.end).toLowerCase()).length > 0)
      .map((w) => ({ ...w, wrong: swapped !== undefined && w.start === swapped.start }));
    out.push({ text, tokens });
  }
  return out;
}

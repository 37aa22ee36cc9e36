/**
 * Homophone swaps (`npm run eval`, set `homophones`): in held-out corpus paragraphs (the dev split
 * of the pre-training corpus) that hold a lower-case word of a homophone set
 * (`src/core/lexicon/confusions.json`), every other paragraph gets one such word swapped for a
 * random member of its set ("their" → "there"); the rest stay as written. The units are the words
 * of homophone sets (as written after the swap), wrong only where swapped: the question is
 * whether a checker tells a slipped homophone from a right one, not how it reads other words. What a writer's there/their slips look like, to measure the
 * homophone check (`src/core/suggest/homophones.ts`) beside the discriminator alone and harper.js.
 */
import type { Checker } from '../../src/core/checker';
import { lexicon } from '../../src/core/suggest/lexicon';
import { essayWords, type LabelledSentence } from './datasets';
import type { Harper } from './harper';
import { flagsFromSpans, prfAt, prfOfFlags, type PrfAt } from './metrics';
import { rng } from './random';
import { pct, scoreUnits, seconds } from './score-units';

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

/** Corpus dev paragraphs the swaps are drawn from: [3000, 5000) of dev.txt, since the first 3,000
 * were used to choose the homophone check's settings (`suggest/homophones.ts`). */
export const HOMOPHONE_PARAGRAPHS = { from: 3000, count: 2000 };

export interface HomophoneResult {
  texts: number;
  words: number;
  swaps: number;
  withCheck: PrfAt;
  discriminatorAlone: PrfAt;
  harper: PrfAt | null;
  seconds: number;
}

/** P/R/F0.5 on the swaps: the model with its homophone check, the discriminator alone (`alone`), harper.js. */
export async function measureHomophones(checker: Checker, alone: Checker, harper: Harper | undefined, paragraphs: readonly string[], limit: number, threshold: number): Promise<HomophoneResult> {
  const t = Date.now();
  const { from, count } = HOMOPHONE_PARAGRAPHS;
  const items = homophoneSwaps(paragraphs.slice(from, from + Math.min(limit, count)));
  const labels = items.flatMap((item) => item.tokens.map((u) => u.wrong));
  const withCheck = await scoreUnits(checker, items);
  const without = await scoreUnits(alone, items);
  const flags = harper ? (await harper.lint(items.map((item) => item.text))).spans.flatMap((spans, i) => flagsFromSpans(items[i].tokens, spans)) : undefined;
  return {
    texts: items.length,
    words: labels.length,
    swaps: labels.filter(Boolean).length,
    withCheck: prfAt(withCheck.scores, labels, threshold),
    discriminatorAlone: prfAt(without.scores, labels, threshold),
    harper: flags ? prfOfFlags(flags, labels) : null,
    seconds: seconds(t),
  };
}

export function renderHomophones(h: HomophoneResult, threshold: number): string[] {
  const { from, count } = HOMOPHONE_PARAGRAPHS;
  const row = (name: string, m: PrfAt | null): string => `| ${name} | ${m ? `${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f05)} | ${m.flagged}` : '– | – | – | –'} |`;
  return [
    `Homophone swaps (\`homophone-swaps.ts\`: ${h.texts} corpus dev paragraphs holding a homophone (of paragraphs ${from}–${from + count - 1}, held out from choosing the check's settings), ${h.swaps} of them with one swapped for another member of its set; the units are their ${h.words} words of homophone sets), default threshold ${threshold}, in %:`, '',
    '| checker | P | R | F0.5 | homophones flagged |', '|---|---:|---:|---:|---:|',
    row('model with the homophone check (what users run)', h.withCheck), row('discriminator alone (homophoneCheck: false)', h.discriminatorAlone), row('harper.js', h.harper), '',
  ];
}

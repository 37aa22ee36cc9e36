/**
 * Real-word slips (`npm run eval`, set `real-word-slips`): in held-out corpus paragraphs (the dev
 * split of the pre-training corpus, paragraphs [5000, 7000) of dev.txt: after the homophone set's
 * [3000, 5000)), one lower-case word of a slip pair ("better"/"batter", "noon"/"moon",
 * "from"/"form") is replaced by its partner, a real word one or two letters away that a typist or
 * a spell checker lets through. At most `PER_WORD` plants per written word, so that "from" → "form"
 * does not drown the rest. For each plant: whether the checker flags it, whether its first fix
 * (the suggester's, or a confused word's own) restores the word, and the false flags the slip
 * adds elsewhere (findings on other words that the paragraph as written does not have).
 *
 * What `src/core/suggest/near-words.ts` and the slip candidates of `candidates.ts` are for:
 * before them, no candidate source held a real word one letter from the right one.
 */
import { readFileSync } from 'node:fs';
import type { Checker } from '../../src/core/checker';
import { findingsOf, needsSuggester } from '../../src/core/findings';
import { applyEdit, suggestionEdit } from '../../src/core/suggest/edit';
import type { Finding } from '../../src/core/types';
import { essayWords } from './datasets';
import { rng } from './random';

/** Pairs of real words one slip apart (either may be planted for the other). */
export const SLIP_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['better', 'batter'], ['noon', 'moon'], ['from', 'form'], ['break', 'brake'], ['lose', 'loose'],
  ['advice', 'advise'], ['affect', 'effect'], ['accepted', 'excepted'], ['whole', 'hole'], ['weak', 'week'],
  ['quite', 'quiet'], ['though', 'through'], ['tried', 'tired'], ['feel', 'fell'], ['later', 'latter'],
  ['chose', 'choose'], ['life', 'live'], ['price', 'prize'], ['bad', 'bed'], ['sign', 'sing'],
  ['trial', 'trail'], ['angle', 'angel'], ['adopt', 'adapt'], ['desert', 'dessert'], ['casual', 'causal'],
  ['of', 'off'], ['were', 'wear'], ['now', 'know'], ['want', 'went'], ['there', 'three'],
];

/** Most plants of one written word (before the slip). */
export const PER_WORD = 40;
/** The paragraphs of dev.txt the set is drawn from. */
export const SLIP_PARAGRAPHS = { from: 5000, count: 2000 };

export interface PlantedSlip {
  /** The paragraph as written. */
  original: string;
  /** The paragraph with the slip. */
  text: string;
  /** The slip's span in `text`. */
  start: number;
  end: number;
  /** The word written in `original` (the right fix). */
  right: string;
  /** Length change of the slip (`text.length - original.length`). */
  delta: number;
}

/** One slip planted in each paragraph holding a word of `SLIP_PAIRS` (seeded). */
export function plantSlips(paragraphs: readonly string[], seed = 11): PlantedSlip[] {
  const partner = new Map<string, string>();
  for (const [a, b] of SLIP_PAIRS) {
    partner.set(a, b);
    partner.set(b, a);
  }
  const random = rng(seed);
  const used = new Map<string, number>();
  const out: PlantedSlip[] = [];
  for (const original of paragraphs) {
    const words = essayWords(original).filter((w) => {
      const t = original.slice(w.start, w.end);
      return partner.has(t) && (used.get(t) ?? 0) < PER_WORD;
    });
    if (words.length === 0) continue;
    const w = words[Math.floor(random() * words.length)];
    const right = original.slice(w.start, w.end);
    const slip = partner.get(right)!;
    used.set(right, (used.get(right) ?? 0) + 1);
    out.push({ original, text: original.slice(0, w.start) + slip + original.slice(w.end), start: w.start, end: w.start + slip.length, right, delta: slip.length - right.length });
  }
  return out;
}

export interface SlipScore {
  slips: number;
  flagged: number;
  /** Flagged slips whose first fix restores the word. */
  firstRight: number;
  /** Flagged slips with no fix at all ("no confident fix"). */
  noFix: number;
  /** Findings on other words that the paragraph as written does not have. */
  falseFlagsAdded: number;
  words: number;
  seconds: number;
}

/** The findings of `text` with their fixes (the suggester's for those that need it), as the CLI's `--suggest` gives them. */
async function findingsWithFixes(checker: Checker, text: string, threshold: number): Promise<Finding[]> {
  const doc = await checker.score(text, 'plaintext');
  const findings = findingsOf(text, doc.words, threshold);
  const asked = findings.filter(needsSuggester);
  const fixes = await checker.suggestMany(text, 'plaintext', asked, { threshold, max: 3 });
  asked.forEach((f, i) => { f.suggestions = fixes[i]; });
  return findings;
}

/** Scores the planted slips with `checker` at `threshold`. */
export async function scoreSlips(checker: Checker, items: readonly PlantedSlip[], threshold: number): Promise<SlipScore> {
  const t = Date.now();
  const score: SlipScore = { slips: items.length, flagged: 0, firstRight: 0, noFix: 0, falseFlagsAdded: 0, words: 0, seconds: 0 };
  for (const item of items) {
    score.words += essayWords(item.text).length;
    const found = await findingsWithFixes(checker, item.text, threshold);
    const before = new Set(findingsOf(item.original, (await checker.score(item.original, 'plaintext')).words, threshold).map((f) => f.start));
    const slip = found.find((f) => f.start < item.end && item.start < f.end);
    if (slip) {
      score.flagged++;
      const first = slip.suggestions[0];
      if (!first) score.noFix++;
      else if (applyEdit(item.text, suggestionEdit(item.text, slip, first)) === item.original) score.firstRight++;
    }
    for (const f of found) {
      if (f === slip) continue;
      const at = f.start >= item.end ? f.start - item.delta : f.start;
      if (!before.has(at)) score.falseFlagsAdded++;
    }
  }
  score.seconds = Math.round((Date.now() - t) / 100) / 10;
  return score;
}

/** The paragraphs of dev.txt at `file` the set uses, at most `limit`. */
export function slipParagraphs(file: string, limit: number): string[] {
  const all = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return all.slice(SLIP_PARAGRAPHS.from, SLIP_PARAGRAPHS.from + Math.min(limit, SLIP_PARAGRAPHS.count));
}

/** The Markdown lines of the report. */
export function slipReport(s: SlipScore, threshold: number): string[] {
  const pct = (a: number, b: number): string => (b > 0 ? `${(100 * a / b).toFixed(1)} (${a}/${b})` : '–');
  return [
    `Real-word slips (\`real-word-slips.ts\`: ${s.slips} corpus dev paragraphs of ${SLIP_PARAGRAPHS.from}–${SLIP_PARAGRAPHS.from + SLIP_PARAGRAPHS.count - 1}, each with one word replaced by a real word one slip away: "better" → "batter", "noon" → "moon", "from" → "form"…; at most ${PER_WORD} per word), default threshold ${threshold}, in %:`,
    '',
    '| slips | flagged | first fix right (of flagged) | no confident fix (of flagged) | fixed end to end | false flags added per 100 words |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${s.slips} | ${pct(s.flagged, s.slips)} | ${pct(s.firstRight, s.flagged)} | ${pct(s.noFix, s.flagged)} | ${pct(s.firstRight, s.slips)} | ${(100 * s.falseFlagsAdded / Math.max(1, s.words)).toFixed(2)} (${s.falseFlagsAdded}) |`,
    '',
  ];
}

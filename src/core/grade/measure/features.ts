/**
 * Measurements of one scored document that the criteria turn into sub-scores. Pure and
 * deterministic: the same document gives the same features on every machine.
 * Offsets are UTF-16 units of the original source, half-open.
 */
import type { ScoredText, WordScore } from '../../types';
import { findConventionIssues, type ConventionIssue } from './conventions';
import { classifyError, isNonWord, type ErrorKind } from './error-kinds';
import { termCounts } from './fit';
import { wordRank } from './frequencies';
import { mean, sd } from './numbers';

/** Words ranked beyond this in the corpus frequency list count as sophisticated. */
export const COMMON_RANK = 2000;
/** A sentence with at least this many flagged words is a cluster. */
export const CLUSTER_FLAGS = 2;
/** Sentences longer than this many words are hard to follow. */
export const LONG_SENTENCE_WORDS = 40;

export interface Span { start: number; end: number }

/** A word that is probably an error, with its kind (`error-kinds.ts`). */
export interface ErrorWord extends Span {
  text: string;
  kind: ErrorKind;
  /** The model's score of the word. */
  score: number;
  /** Whether the model flagged it (at the threshold); a non-word counts as a spelling error even when not flagged. */
  flagged: boolean;
  /** The words around it in its sentence (up to 3 before, 2 after), for a passage a reader can follow. */
  context: Span;
}

export interface Features {
  words: number;
  /** Sentences that contain at least one word. */
  sentences: number;
  /** Paragraphs (blank-line separated, or one per long line) that contain at least one word. */
  paragraphs: Span[];
  /** Words with score >= threshold, in source order. */
  flagged: WordScore[];
  /** flagged / words (0 when no words). */
  flaggedRate: number;
  /** Mean over flagged words of (score - threshold) / (1 - threshold), in [0, 1]: how sure the model is. */
  flagStrength: number;
  /** Mean discriminator score of all words, in [0, 1]. */
  meanScore: number;
  /** Per sentence that has words: its span, word count and flagged-word count, in order. */
  sentenceStats: Array<Span & { index: number; words: number; flags: number }>;
  /** Sentences with >= CLUSTER_FLAGS flagged words. */
  clusterSentences: number;
  /** Sentences with more than LONG_SENTENCE_WORDS words. */
  longSentences: number;
  /** Measure of textual lexical diversity (McCarthy & Jarvis 2010, factor 0.72, mean of both directions). */
  mtld: number;
  /** Share of lowercase alphabetic words ranked beyond COMMON_RANK (but within the list), in [0, 1]. */
  sophistication: number;
  /** The 8 rarest sophisticated words (by corpus rank, rarest last; ties alphabetical), for evidence. */
  sophisticatedExamples: string[];
  /** Mean and population sd of words per sentence. */
  sentenceLengthMean: number;
  sentenceLengthSd: number;
  conventions: ConventionIssue[];
  /** Flagged words by kind, and every non-word (flagged or not), in source order. */
  errors: ErrorWord[];
  /** Content-word counts by stem (`fit.ts`), for similarity to other essays and the prompt. */
  terms: Map<string, number>;
}

/** Computes the features of `doc` (scored from `source`) with `threshold` deciding which words are flagged. */
export function computeFeatures(doc: ScoredText, source: string, threshold: number): Features {
  const words = doc.words;
  const flagged = words.filter((w) => w.score >= threshold);
  const strength = flagged.map((w) => (threshold >= 1 ? 1 : (w.score - threshold) / (1 - threshold)));
  const perSentence = new Map<number, { words: number; flags: number }>();
  for (const w of words) {
    const s = perSentence.get(w.sentence) ?? { words: 0, flags: 0 };
    s.words++;
    if (w.score >= threshold) s.flags++;
    perSentence.set(w.sentence, s);
  }
  const sentenceStats = [...perSentence.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, s]) => ({ index, start: doc.sentences[index]?.start ?? 0, end: doc.sentences[index]?.end ?? 0, ...s }));
  const lengths = sentenceStats.map((s) => s.words);
  const paragraphs = findParagraphs(source, words);
  const lower = words.map((w) => w.text.toLowerCase());
  const alpha = words.filter((w) => /^[a-z]+$/.test(w.text));
  const soph = new Map<string, number>();
  let sophCount = 0;
  for (const w of alpha) {
    const r = wordRank(w.text);
    if (r !== undefined && r > COMMON_RANK) {
      sophCount++;
      soph.set(w.text, r);
    }
  }
  return {
    words: words.length,
    sentences: sentenceStats.length,
    paragraphs,
    flagged,
    flaggedRate: words.length ? flagged.length / words.length : 0,
    flagStrength: mean(strength),
    meanScore: mean(words.map((w) => w.score)),
    sentenceStats,
    clusterSentences: sentenceStats.filter((s) => s.flags >= CLUSTER_FLAGS).length,
    longSentences: sentenceStats.filter((s) => s.words > LONG_SENTENCE_WORDS).length,
    mtld: mtld(lower),
    sophistication: alpha.length ? sophCount / alpha.length : 0,
    sophisticatedExamples: [...soph.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(-8).map(([w]) => w),
    sentenceLengthMean: mean(lengths),
    sentenceLengthSd: sd(lengths),
    conventions: findConventionIssues(doc, source, paragraphs),
    errors: errorWords(words, new Set(flagged)),
    terms: termCounts(words),
  };
}

/** The `flagged` words with their kind, plus the non-words the model did not flag (spelling), in order. */
function errorWords(words: readonly WordScore[], flaggedWords: ReadonlySet<WordScore>): ErrorWord[] {
  const out: ErrorWord[] = [];
  words.forEach((w, i) => {
    const flagged = flaggedWords.has(w);
    if (!flagged && !isNonWord(w.text)) return;
    const prev = i > 0 && words[i - 1].sentence === w.sentence ? words[i - 1].text : undefined;
    let from = i;
    while (from > i - 3 && from > 0 && words[from - 1].sentence === w.sentence) from--;
    let to = i;
    while (to < i + 2 && to + 1 < words.length && words[to + 1].sentence === w.sentence) to++;
    const context = { start: words[from].start, end: words[to].end };
    // The checker's own verdict first: a confused word ("to" for "too") is a sound-alike slip, whatever table holds it.
    const kind = !flagged ? 'spelling' : w.homophone ? 'homophone' : classifyError(w.text, prev);
    out.push({ start: w.start, end: w.end, text: w.text, kind, score: w.score, flagged, context });
  });
  return out;
}

/**
 * Paragraphs as source spans that contain words. Blank lines separate paragraphs; a text without
 * any blank line whose lines are long (more than 20 words on average, so not hard-wrapped) has one
 * paragraph per line.
 */
export function findParagraphs(source: string, words: readonly WordScore[]): Span[] {
  const byBlank = splitSpans(source, /\n[^\S\n]*\n\s*/g);
  let spans = byBlank;
  if (byBlank.length <= 1) {
    const lines = splitSpans(source, /\n\s*/g);
    const withWords = lines.filter((l) => countWordsIn(words, l) > 0);
    if (withWords.length > 1 && words.length / withWords.length > 20) spans = lines;
  }
  return spans.filter((p) => countWordsIn(words, p) > 0);
}

function splitSpans(source: string, separator: RegExp): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of source.matchAll(separator)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: source.length });
  return out;
}

/** Words whose start lies in `span` (binary search; words are in source order). */
export function countWordsIn(words: readonly WordScore[], span: Span): number {
  return lowerBound(words, span.end) - lowerBound(words, span.start);
}

function lowerBound(words: readonly WordScore[], offset: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** MTLD of lowercased tokens: mean of the forward and backward passes; 0 for an empty text. */
export function mtld(tokens: readonly string[], factor = 0.72): number {
  if (tokens.length === 0) return 0;
  const pass = (seq: readonly string[]) => {
    let factors = 0;
    let types = new Set<string>();
    let count = 0;
    let ttr = 1;
    for (const t of seq) {
      types.add(t);
      count++;
      ttr = types.size / count;
      if (ttr <= factor) {
        factors++;
        types = new Set();
        count = 0;
        ttr = 1;
      }
    }
    if (count > 0) factors += (1 - ttr) / (1 - factor);
    // A text that never falls to the factor has a partial factor near 0: cap at its length.
    return factors > 0 ? seq.length / factors : seq.length;
  };
  return (pass(tokens) + pass([...tokens].reverse())) / 2;
}

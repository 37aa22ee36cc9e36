/**
 * Fit to the assignment: how a submission compares with the class's graded essays and with the
 * prompt. Three measurements, each optional:
 *
 * - **vocabulary of the stronger essays**: TF-IDF cosine similarity between the submission's
 *   content words and the centroid of the better-graded half of the calibration essays (sublinear
 *   term frequency, smoothed IDF over the calibration essays), as a z-score against the class;
 * - **length relative to the class**: z-score of ln(1 + words) against the calibration essays;
 * - **coverage of the prompt**: the share of the prompt's key terms (content words, light
 *   stemming) the submission uses, when the rubric gives the prompt.
 *
 * The reference is built from the calibration essays and saved in the calibration, so grading
 * later needs no other essay. Pure and deterministic (sorted keys, fixed rounding).
 */
import { wordRank } from './frequencies';
import { mean, round, sd } from './numbers';

/** Words ranked this frequent or more are function words, never terms. */
const FUNCTION_RANK = 120;
/** Centroid terms kept in a saved reference (the heaviest). */
const CENTROID_TERMS = 400;
/** Words that ask for an essay rather than name its topic. */
const INSTRUCTION_WORDS = new Set(['write', 'essay', 'explain', 'discuss', 'describe', 'argue', 'agree', 'disagree', 'reason', 'example', 'opinion', 'whether', 'think', 'use', 'specific', 'detail', 'support', 'position', 'response', 'answer', 'question', 'paragraph', 'your', 'you']);

/** The calibration essays' vocabulary, saved with a calibration. */
export interface FitReference {
  /** Calibration essays the reference was built from. */
  n: number;
  /** Smoothed inverse document frequency of every term seen: ln((n + 1) / (df + 1)) + 1. */
  idf: Record<string, number>;
  /** Unit-length TF-IDF centroid of the better-graded half (its heaviest terms). */
  centroid: Record<string, number>;
  /** Similarity of the calibration essays to the centroid (each left out of it), for z-scores. */
  similarity: { mean: number; sd: number };
  /** ln(1 + words) of the calibration essays. */
  logWords: { mean: number; sd: number };
  /** Median words of the calibration essays (for evidence). */
  medianWords: number;
}

/** What one submission's fit measurements are (absent when there is nothing to compare with). */
export interface FitMeasure {
  /** Cosine similarity to the stronger essays' centroid, its z-score against the class, and the class's mean. */
  similarity?: { cosine: number; z: number; classMean: number };
  /** z-score of ln(1 + words) against the class; the class's median words. */
  length?: { z: number; medianWords: number };
  /** The prompt's key terms the submission uses, and those it does not. */
  prompt?: { used: string[]; missing: string[] };
}

/** A light stem: lowercase, a plural or third-person -s removed (not -ss, -us, -is). */
export function stemTerm(word: string): string {
  const w = word.toLowerCase();
  return w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w) ? w.slice(0, -1) : w;
}

/** Content-word counts of a text's words (3+ letters, not among the most frequent words), by stem. */
export function termCounts(words: ReadonlyArray<{ text: string }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const { text } of words) {
    if (!/^[A-Za-z]{3,}$/.test(text)) continue;
    const rank = wordRank(text.toLowerCase());
    if (rank !== undefined && rank <= FUNCTION_RANK) continue;
    const t = stemTerm(text);
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

/** The prompt's key terms: its content words, stemmed, without instruction words, in order of first use. */
export function promptTerms(prompt: string): string[] {
  const words = (prompt.match(/[A-Za-z]+/g) ?? []).map((text) => ({ text }));
  return [...termCounts(words).keys()].filter((t) => !INSTRUCTION_WORDS.has(t));
}

const defaultIdf = (n: number) => Math.log(n + 1) + 1;

function vectorOf(counts: ReadonlyMap<string, number>, idf: Readonly<Record<string, number>>, n: number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of counts) {
    const x = (1 + Math.log(c)) * (idf[t] ?? defaultIdf(n));
    v.set(t, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, x] of v) v.set(t, x / norm);
  return v;
}

function cosine(v: ReadonlyMap<string, number>, centroid: Readonly<Record<string, number>>): number {
  let s = 0;
  for (const [t, x] of v) s += x * (centroid[t] ?? 0);
  return s;
}

function centroidOf(vectors: ReadonlyArray<Map<string, number>>, keep = Infinity): Record<string, number> {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [t, x] of v) sum.set(t, (sum.get(t) ?? 0) + x);
  const top = [...sum.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep);
  const norm = Math.sqrt(top.reduce((s, [, x]) => s + x * x, 0));
  return Object.fromEntries(top.map(([t, x]) => [t, norm > 0 ? x / norm : 0]));
}

/** One calibration essay: its term counts, words and the teacher's grade. */
export interface ReferenceEssay { terms: ReadonlyMap<string, number>; words: number; score: number }

/** The reference of `essays` (see `classReference`); undefined for fewer than 4. */
export function buildFitReference(essays: readonly ReferenceEssay[]): FitReference | undefined {
  return classReference(essays)?.reference;
}

/**
 * Builds the reference from the calibration essays; undefined for fewer than 4. The better-graded
 * half is the essays graded at or above the median; each essay's own similarity (`ownCosine`,
 * for the class's mean and spread, and to measure a calibration essay as a new submission would
 * be) is against a centroid that leaves it out.
 */
export function classReference(essays: readonly ReferenceEssay[]): { reference: FitReference; ownCosine: number[] } | undefined {
  const n = essays.length;
  if (n < 4) return undefined;
  const df = new Map<string, number>();
  for (const e of essays) for (const t of e.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = Object.fromEntries([...df.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, d]) => [t, round(Math.log((n + 1) / (d + 1)) + 1, 4)]));
  const vectors = essays.map((e) => vectorOf(e.terms, idf, n));
  const median = [...essays.map((e) => e.score)].sort((a, b) => a - b)[Math.floor((n - 1) / 2)];
  const strong = essays.map((e, i) => (e.score >= median ? i : -1)).filter((i) => i >= 0);
  const sims = vectors.map((v, i) => cosine(v, centroidOf(strong.filter((j) => j !== i).map((j) => vectors[j]))));
  const logWords = essays.map((e) => Math.log1p(e.words));
  const words = [...essays.map((e) => e.words)].sort((a, b) => a - b);
  const centroid = Object.fromEntries(Object.entries(centroidOf(strong.map((j) => vectors[j]), CENTROID_TERMS)).map(([t, x]) => [t, round(x, 5)]));
  const reference = {
    n, idf, centroid,
    similarity: { mean: round(mean(sims), 5), sd: round(sd(sims), 5) },
    logWords: { mean: round(mean(logWords), 5), sd: round(sd(logWords), 5) },
    medianWords: words[Math.floor((n - 1) / 2)],
  };
  return { reference, ownCosine: sims };
}

/**
 * The fit measurements of a submission with content-word `terms` and `words` words; `ownCosine`:
 * its similarity when it is one of the reference's essays (`classReference`).
 */
export function measureFit(terms: ReadonlyMap<string, number>, words: number, reference: FitReference | undefined, prompt: readonly string[], ownCosine?: number): FitMeasure {
  const out: FitMeasure = {};
  if (reference) {
    const c = ownCosine ?? cosine(vectorOf(terms, reference.idf, reference.n), reference.centroid);
    const z = reference.similarity.sd > 0 ? (c - reference.similarity.mean) / reference.similarity.sd : 0;
    out.similarity = { cosine: c, z, classMean: reference.similarity.mean };
    const lz = reference.logWords.sd > 0 ? (Math.log1p(words) - reference.logWords.mean) / reference.logWords.sd : 0;
    out.length = { z: lz, medianWords: reference.medianWords };
  }
  if (prompt.length) out.prompt = { used: prompt.filter((t) => terms.has(t)), missing: prompt.filter((t) => !terms.has(t)) };
  return out;
}

/**
 * Scaling: throughput against document length; against batch size, intra-op threads and
 * session options (each configuration its own Checker, taking turns within each round);
 * and grading many essays with batched scoring (`scoreMany`) against a sequential loop.
 */
import { Checker, type CheckerOptions } from '../src/core/checker';
import { DEFAULT_RUBRIC, grade } from '../src/core/grade';
import { median, timed } from './stats';

export interface LengthPoint {
  words: number;
  ms: number;
  wordsPerSec: number;
}

export async function byLength(checker: Checker, docs: Array<{ words: number; source: string }>, runs: number): Promise<LengthPoint[]> {
  const out: LengthPoint[] = [];
  for (const d of docs) {
    const n = d.words >= 50_000 ? 1 : runs; // the largest are long enough to time once
    const ms: number[] = [];
    let words = 0;
    for (let r = 0; r < n; r++) {
      const t = await timed(() => checker.score(d.source, 'markdown'));
      ms.push(t.ms);
      words = t.value.wordCount;
    }
    out.push({ words, ms: median(ms), wordsPerSec: (words / median(ms)) * 1000 });
  }
  return out;
}

export interface ConfigPoint {
  label: string;
  wordsPerSec: number;
  /** Median per-round ratio to the first configuration. */
  relative: number;
}

export async function byConfig(modelDir: string, configs: Array<{ label: string; options: CheckerOptions }>, docs: string[], runs: number): Promise<ConfigPoint[]> {
  const checkers: Checker[] = [];
  try {
    for (const c of configs) checkers.push(await Checker.create({ modelDir, provider: 'cpu', trustUnverified: true, ...c.options }));
    let words = 0;
    for (const d of docs) words += (await checkers[0].score(d, 'markdown')).wordCount;
    for (const c of checkers.slice(1)) await c.score(docs[0], 'markdown'); // warm-up
    const ms: number[][] = configs.map(() => []);
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < checkers.length; i++) {
        ms[i].push((await timed(async () => { for (const d of docs) await checkers[i].score(d, 'markdown'); })).ms);
      }
    }
    return configs.map((c, i) => ({
      label: c.label,
      wordsPerSec: (words / median(ms[i])) * 1000,
      relative: median(ms[i].map((x, r) => ms[0][r] / x)),
    }));
  } finally {
    for (const c of checkers) await c.dispose();
  }
}

export interface GradingResult {
  essays: number;
  words: number;
  sequentialMs: number;
  batchedMs: number;
  group: number;
  /** Largest difference of the weighted 0–100 score between the two ways (padding rounding only). */
  maxWeightedDiff: number;
}

/** Grades `essays` one by one (`score` then `grade`, as a loop would) and in groups of `group` with `scoreMany`. */
export async function grading(checker: Checker, essays: string[], group = 32): Promise<GradingResult> {
  const seq = await timed(async () => {
    const out: number[] = [];
    for (const e of essays) out.push(grade(await checker.score(e, 'markdown'), e, DEFAULT_RUBRIC).weighted);
    return out;
  });
  const bat = await timed(async () => {
    const out: number[] = [];
    for (let i = 0; i < essays.length; i += group) {
      const part = essays.slice(i, i + group);
      const docs = await checker.scoreMany(part.map((source) => ({ source, format: 'markdown' as const })));
      docs.forEach((d, k) => out.push(grade(d, part[k], DEFAULT_RUBRIC).weighted));
    }
    return out;
  });
  let words = 0;
  for (const e of essays) words += e.split(/\s+/).filter(Boolean).length;
  return {
    essays: essays.length,
    words,
    sequentialMs: seq.ms,
    batchedMs: bat.ms,
    group,
    maxWeightedDiff: Math.max(0, ...seq.value.map((g, i) => Math.abs(g - bat.value[i]))),
  };
}

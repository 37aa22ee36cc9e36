/**
 * Model variants side by side: the fp32 model and an int8 dynamic-quantized copy
 * (models/training/quantize.py) score the same documents, taking turns per document. Speed,
 * and agreement with fp32: mean absolute score difference and the overlap of the words
 * each flags at the default threshold (quality relative to fp32, not against labels).
 */
import { statSync } from 'node:fs';
import { Checker } from '../src/core/checker';
import { DEFAULT_THRESHOLD } from '../src/core/defaults';
import { median, timed } from './stats';

export interface VariantResult {
  words: number;
  fp32: { wordsPerSec: number; mib: number };
  int8: { wordsPerSec: number; mib: number };
  speedup: number;
  meanAbsDiff: number;
  /** |flagged by both| / |flagged by either| at the default threshold. */
  flagJaccard: number;
  flaggedFp32: number;
  flaggedInt8: number;
  maxAbsDiff: number;
  /** Share of fp32's 1% highest-scored words that are also in int8's top 1% (threshold-free). */
  top1Overlap: number;
}

export async function variants(fp32Dir: string, int8Dir: string, docs: string[], runs: number): Promise<VariantResult> {
  const a = await Checker.create({ modelDir: fp32Dir, provider: 'cpu', trustUnverified: true });
  const b = await Checker.create({ modelDir: int8Dir, provider: 'cpu', trustUnverified: true });
  try {
    let words = 0;
    let diff = 0;
    let both = 0;
    let either = 0;
    let fa = 0;
    let fb = 0;
    let maxDiff = 0;
    const sa: number[] = [];
    const sb: number[] = [];
    for (const d of docs) {
      const x = await a.score(d, 'markdown');
      const y = await b.score(d, 'markdown');
      words += x.wordCount;
      x.words.forEach((w, i) => {
        const v = y.words[i].score;
        diff += Math.abs(w.score - v);
        maxDiff = Math.max(maxDiff, Math.abs(w.score - v));
        sa.push(w.score);
        sb.push(v);
        const p = w.score >= DEFAULT_THRESHOLD;
        const q = v >= DEFAULT_THRESHOLD;
        if (p) fa++;
        if (q) fb++;
        if (p && q) both++;
        if (p || q) either++;
      });
    }
    const ta: number[] = [];
    const tb: number[] = [];
    for (let r = 0; r < runs; r++) {
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < docs.length; i++) {
        const first = (i + r) % 2 === 0 ? a : b;
        const t1 = (await timed(() => first.score(docs[i], 'markdown'))).ms;
        const t2 = (await timed(() => (first === a ? b : a).score(docs[i], 'markdown'))).ms;
        sa += first === a ? t1 : t2;
        sb += first === a ? t2 : t1;
      }
      ta.push(sa);
      tb.push(sb);
    }
    const k = Math.max(1, Math.round(sa.length / 100));
    const top = (xs: number[]): Set<number> => new Set(xs.map((x, i) => [x, i]).sort((p, q) => q[0] - p[0]).slice(0, k).map((p) => p[1]));
    const ta1 = top(sa);
    let common = 0;
    for (const i of top(sb)) if (ta1.has(i)) common++;
    const mib = (dir: string): number => statSync(`${dir}/onnx/model.onnx`).size / 2 ** 20;
    return {
      words,
      fp32: { wordsPerSec: (words / median(ta)) * 1000, mib: mib(fp32Dir) },
      int8: { wordsPerSec: (words / median(tb)) * 1000, mib: mib(int8Dir) },
      speedup: median(ta.map((x, i) => x / tb[i])),
      meanAbsDiff: diff / Math.max(1, words),
      flagJaccard: either === 0 ? 1 : both / either,
      flaggedFp32: fa,
      flaggedInt8: fb,
      maxAbsDiff: maxDiff,
      top1Overlap: common / k,
    };
  } finally {
    await a.dispose();
    await b.dispose();
  }
}

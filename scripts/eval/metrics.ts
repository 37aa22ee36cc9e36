/**
 * Detection metrics over (score, label) pairs. Scores are probabilities in [0, 1];
 * label `true` means "this word is wrong / was replaced".
 */

/** ROC-AUC by the rank-sum (Mann–Whitney U) formula; ties get their average rank. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSumPositive = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSumPositive += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface PrfAt {
  threshold: number;
  precision: number;
  recall: number;
  f05: number;
  /** Predicted positives at this threshold. */
  flagged: number;
}

/** Precision, recall and F0.5 when flagging every score >= threshold. */
export function prfAt(scores: ArrayLike<number>, labels: ArrayLike<boolean>, threshold: number): PrfAt {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] >= threshold;
    if (flagged && labels[i]) tp++;
    else if (flagged) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { threshold, precision, recall, f05: fBeta(precision, recall, 0.5), flagged: tp + fp };
}

/** F-beta; beta < 1 weighs precision more (F0.5 is the GEC convention). */
export function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
}

/**
 * Every distinct threshold's precision/recall, from the highest score down: one pass
 * after sorting. The threshold of each point is a score value, so `>=` reproduces it.
 */
export function sweep(scores: ArrayLike<number>, labels: ArrayLike<boolean>): PrfAt[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let totalPositive = 0;
  for (let i = 0; i < n; i++) if (labels[i]) totalPositive++;
  const points: PrfAt[] = [];
  let tp = 0;
  let flagged = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      flagged++;
      if (labels[order[k]]) tp++;
    }
    const precision = tp / flagged;
    const recall = totalPositive === 0 ? 0 : tp / totalPositive;
    points.push({ threshold: scores[order[i]], precision, recall, f05: fBeta(precision, recall, 0.5), flagged });
    i = j + 1;
  }
  return points;
}

/** Highest precision reachable with recall >= `recall` (0 when unreachable). */
export function precisionAtRecall(scores: ArrayLike<number>, labels: ArrayLike<boolean>, recall: number): number {
  let best = 0;
  for (const p of sweep(scores, labels)) if (p.recall >= recall && p.precision > best) best = p.precision;
  return best;
}

/** The sweep point with the best F0.5. */
export function bestF05(scores: ArrayLike<number>, labels: ArrayLike<boolean>): PrfAt {
  let best: PrfAt = { threshold: 1, precision: 0, recall: 0, f05: 0, flagged: 0 };
  for (const p of sweep(scores, labels)) if (p.f05 > best.f05) best = p;
  return best;
}

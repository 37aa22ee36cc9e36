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

/** Precision, recall and F0.5 of a yes/no checker (a rule-based peer): `flagged[i]` says it flagged unit i. */
export function prfOfFlags(flagged: ArrayLike<boolean>, labels: ArrayLike<boolean>): PrfAt {
  const scores = Array.from(flagged, (f) => (f ? 1 : 0));
  return prfAt(scores, labels, 1);
}

/** The underline-everything baseline: precision is the share of wrong units, recall 1. */
export function underlineEverything(labels: ArrayLike<boolean>): PrfAt {
  return prfAt(new Array<number>(labels.length).fill(1), labels, 0);
}

interface Span {
  start: number;
  end: number;
}

/** Half-open overlap; an empty span [p, p) overlaps a unit when start <= p < end. */
function overlaps(unit: Span, span: Span): boolean {
  if (span.start === span.end) return unit.start <= span.start && span.start < unit.end;
  return span.start < unit.end && unit.start < span.end;
}

/**
 * Each unit's score: the highest score of the scored words that overlap it, 0 when none does
 * (punctuation and numbers, which a checker of words never flags). Both lists in text order;
 * words do not overlap one another.
 */
export function alignScores(units: readonly Span[], words: ReadonlyArray<Span & { score: number }>): number[] {
  const out: number[] = [];
  let w = 0;
  for (const unit of units) {
    while (w < words.length && words[w].end <= unit.start) w++;
    let best = 0;
    for (let v = w; v < words.length && words[v].start < unit.end; v++) if (overlaps(unit, words[v])) best = Math.max(best, words[v].score);
    out.push(best);
  }
  return out;
}

/** Each unit is flagged when at least one span (in any order, overlapping allowed) overlaps it. */
export function flagsFromSpans(units: readonly Span[], spans: readonly Span[]): boolean[] {
  return units.map((unit) => spans.some((span) => overlaps(unit, span)));
}

/** Per group: wrong units carrying it, how many of those were flagged, recall (NaN when none). */
export interface GroupRecall {
  wrong: number;
  found: number;
  recall: number;
}

/**
 * Recall per error type: `groups[i]` lists the types of unit i (empty for correct units); a
 * unit with several types counts in each. Precision has no per-type meaning (a false alarm
 * has no type), so only recall is given.
 */
export function recallByGroup(flagged: ArrayLike<boolean>, groups: ReadonlyArray<readonly string[] | undefined>, names: readonly string[]): Record<string, GroupRecall> {
  const out: Record<string, GroupRecall> = {};
  for (const name of names) out[name] = { wrong: 0, found: 0, recall: NaN };
  for (let i = 0; i < groups.length; i++) {
    for (const g of groups[i] ?? []) {
      const r = (out[g] ??= { wrong: 0, found: 0, recall: NaN });
      r.wrong++;
      if (flagged[i]) r.found++;
    }
  }
  for (const r of Object.values(out)) r.recall = r.wrong === 0 ? NaN : r.found / r.wrong;
  return out;
}

/** The precision a default threshold should reach on the development set when it can: users judge
 * the product by whether underlined words are wrong, so at least three in five. */
export const MIN_DEFAULT_PRECISION = 0.6;

/** The most flags per 100 words a default threshold may leave on the development set's corrected
 * essays (as written and joined into one paragraph), where nothing should be flagged. */
export const MAX_DEFAULT_FALSE_ALARMS = 0.6;

/** A recommended threshold and whether the precision floor was reachable. */
export interface Recommendation extends PrfAt {
  /** True when some threshold reached `minPrecision` (with `minFlagged` flags); false: best F0.5 without the floor. */
  floorReached: boolean;
  minPrecision: number;
}

/**
 * The default threshold the model pipeline ships, chosen on the development set (FCE dev
 * JSON essays, word level): among the thresholds 0.01, 0.02, …, 0.99 that `allowed` accepts (the
 * false-alarm cap on the corrected essays, when measured), the one with the best F0.5 whose
 * precision is at least `minPrecision` where one reaches it with at least `minFlagged` flagged words (so that a
 * handful of lucky flags at the top of the range does not count as reaching it); otherwise
 * the best F0.5 without the floor. Ties go to the lower threshold.
 */
export function recommendThreshold(scores: ArrayLike<number>, labels: ArrayLike<boolean>, minPrecision = MIN_DEFAULT_PRECISION, minFlagged = 20, allowed: (threshold: number) => boolean = () => true): Recommendation {
  let floor: PrfAt | undefined;
  let any: PrfAt | undefined;
  for (let k = 1; k <= 99; k++) {
    const p = prfAt(scores, labels, k / 100);
    if (!any || p.f05 > any.f05) any = p;
    if (p.precision >= minPrecision && p.flagged >= minFlagged && allowed(k / 100) && (!floor || p.f05 > floor.f05)) floor = p;
  }
  const chosen = floor ?? any ?? prfAt(scores, labels, 0.99);
  return { ...chosen, floorReached: floor !== undefined, minPrecision };
}

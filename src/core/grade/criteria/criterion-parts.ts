/**
 * What every criterion is built with: its context (features, source, line lookup, rubric),
 * the draft it returns, a passage with its line, and a few phrasing helpers.
 */
import type { PositionOf } from '../../positions';
import type { Features } from '../measure/features';
import type { FitMeasure } from '../measure/fit';
import { round } from '../measure/numbers';
import type { CriterionScore, Passage, Rubric } from '../types';

/** Most passages listed per criterion: a report explains, it does not list everything. */
export const MAX_PASSAGES = 12;

/** `at`: line/column of a source offset (the core's one rule, `positions.ts`); `fit`: the fit measurements, when any. */
export interface CriterionContext { f: Features; source: string; at: PositionOf; rubric: Rubric; fit?: FitMeasure }

export type Draft = Omit<CriterionScore, 'label' | 'weight'>;

export function passage(ctx: Pick<CriterionContext, 'source' | 'at'>, start: number, end: number, reason: string): Passage {
  return { start, end, line: ctx.at(start).line, text: ctx.source.slice(start, end), reason };
}

export const pct = (x: number) => `${round(100 * x, 1)}%`;
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How sure a flag is, in [0, 1]: 0 at the threshold, 1 at certainty. */
export function strengthOf(score: number, threshold: number): number {
  return threshold >= 1 ? 1 : Math.max(0, (score - threshold) / (1 - threshold));
}

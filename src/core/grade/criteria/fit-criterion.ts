/**
 * The fit criterion (`fit.ts` measures): a third from each of the vocabulary of the class's
 * stronger essays (z-score of the similarity: 100 at ≥ +1, 0 at ≤ −2), length against the class
 * (100 at or above the class's mean log length, 0 at 2 sd below) and the prompt's key terms
 * (100 at ≥ 80% used, 0 at none); the parts that can be measured share the weight. Absent
 * when nothing can be measured (no calibration essays and no prompt).
 */
import type { CriterionContext, Draft } from './criterion-parts';
import type { FitMeasure } from '../measure/fit';
import { ramp, round } from '../measure/numbers';

export function fit(ctx: CriterionContext): Draft | undefined {
  return fitDraft(ctx.fit, ctx.f.words);
}

/** The fit criterion of a submission of `words` words with measurements `m`. */
export function fitDraft(m: FitMeasure | undefined, words: number): Draft | undefined {
  if (!m || (!m.similarity && !m.length && !m.prompt)) return undefined;
  const parts: number[] = [];
  const evidence: string[] = [];
  if (m.similarity) {
    parts.push(ramp(m.similarity.z, 1, -2));
    const c = round(m.similarity.cosine, 2);
    const cls = round(m.similarity.classMean, 2);
    evidence.push(m.similarity.z <= -1
      ? `Uses few of the words the stronger essays of the class use about the topic (similarity ${c}; the class's typical ${cls}).`
      : m.similarity.z >= 1
        ? `Uses many of the words the stronger essays of the class use about the topic (similarity ${c}; the class's typical ${cls}).`
        : `Uses about as many of the stronger essays' words about the topic as the class does (similarity ${c}; typical ${cls}).`);
  }
  if (m.length) {
    parts.push(ramp(m.length.z, 0, -2));
    const side = m.length.z <= -1 ? 'Much shorter than most of the class' : m.length.z < 0 ? 'A little shorter than the middle of the class' : 'As long as or longer than the middle of the class';
    evidence.push(`${side} (${words} words; the class's middle ${m.length.medianWords}).`);
  }
  if (m.prompt) {
    const total = m.prompt.used.length + m.prompt.missing.length;
    parts.push(ramp(total ? m.prompt.used.length / total : 1, 0.8, 0));
    evidence.push(m.prompt.missing.length === 0
      ? `Uses every key term of the prompt (${m.prompt.used.join(', ')}).`
      : `Uses ${m.prompt.used.length} of the prompt's ${total} key terms; not: ${m.prompt.missing.slice(0, 8).join(', ')}.`);
  }
  const score = words === 0 ? 0 : parts.reduce((s, x) => s + x, 0) / parts.length;
  return { id: 'fit', score, evidence, passages: [] };
}

/**
 * Suggests the default rubric's weights and range for a model: coordinate ascent of each
 * criterion's weight (fit left as it is: it needs a class) for the Pearson correlation of the
 * uncalibrated weighted score with the human Overall on ELLIPSE dev, then the range (low, high)
 * with the best uncalibrated QWK on dev; both checked on test. Prints a rubric to paste into
 * `DEFAULT_RUBRIC` (src/core/grade/rubric.ts) and the schema's defaults; changes nothing.
 *
 * Usage: npx tsx scripts/eval-grading/tune.ts [--model DIR] [--threshold P] [--no-test]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIR } from '../../src/core/defaults';
import { DEFAULT_RUBRIC, rubricGrade, type CriterionId, type Rubric } from '../../src/core/grade';
import { ELLIPSE_SCALE as S, loadEllipse, type EssaySet } from './ellipse';
import { featuresOf, prepare } from './experiment';
import { scoreTexts } from './score-cache';
import { pearson, quadraticWeightedKappa } from './stats';

const repo = resolve(__dirname, '..', '..');
const { values: opt } = parseArgs({ options: { model: { type: 'string' }, threshold: { type: 'string' }, 'no-test': { type: 'boolean', default: false } } });
const TUNED: CriterionId[] = ['wordChoice', 'grammar', 'spelling', 'fluency', 'vocabulary', 'organisation', 'conventions'];
const STEPS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4];

async function main() {
  const modelDir = resolve(opt.model ?? DEFAULT_MODEL_DIR);
  const base: Rubric = { ...DEFAULT_RUBRIC, scale: S, ...(opt.threshold ? { threshold: Number(opt.threshold) } : {}) };
  const sets: Partial<Record<EssaySet, { f: Array<Record<string, number>>; y: number[] }>> = {};
  for (const set of opt['no-test'] ? ['dev'] as const : ['dev', 'test'] as const) {
    const { essays } = loadEllipse(repo, set);
    const docs = await scoreTexts(essays.map((e) => e.text), modelDir, resolve(repo, 'models', 'training', '.work'), (s) => process.stderr.write(`${s}\n`));
    // Sub-scores do not depend on the weights: computed once, re-weighed below.
    const data = prepare(essays, docs, base);
    sets[set] = { f: data.map((p) => featuresOf(p, base, { classFit: false }, undefined)), y: data.map((p) => p.essay.human.Overall) };
  }
  const weighted = (w: Rubric['weights'], f: Record<string, number>) => {
    let sum = 0;
    let total = 0;
    for (const id of Object.keys(w) as CriterionId[]) if (f[id] !== undefined) { sum += w[id] * f[id]; total += w[id]; }
    return total > 0 ? sum / total : 0;
  };
  const r = (w: Rubric['weights'], set: EssaySet) => pearson(sets[set]!.f.map((f) => weighted(w, f)), sets[set]!.y) ?? 0;
  const qwk = (rubric: Rubric, set: EssaySet) => quadraticWeightedKappa(sets[set]!.f.map((f) => rubricGrade(weighted(rubric.weights, f), rubric)), sets[set]!.y, S) ?? 0;
  const w = { ...base.weights };
  for (let round = 0; round < 3; round++) {
    for (const id of TUNED) {
      let best = w[id];
      let bestR = r(w, 'dev');
      for (const v of STEPS) { const x = r({ ...w, [id]: v }, 'dev'); if (x > bestR + 1e-4) { bestR = x; best = v; } }
      w[id] = best;
    }
  }
  const total = TUNED.reduce((s, id) => s + w[id], 0) + w.fit;
  const weights = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Math.round((100 * v) / total) / 100])) as Rubric['weights'];
  let range = base.range;
  let bestQ = -1;
  for (let low = 0; low <= 60; low += 5) for (let high = low + 25; high <= 100; high += 5) {
    const q = qwk({ ...base, weights, range: { low, high } }, 'dev');
    if (q > bestQ) { bestQ = q; range = { low, high }; }
  }
  const line = (name: string, rubric: Rubric) => `| ${name} | ${Object.keys(sets).map((set) => `${r(rubric.weights, set as EssaySet).toFixed(3)} / ${qwk(rubric, set as EssaySet).toFixed(3)}`).join(' | ')} |`;
  process.stdout.write([
    `Model \`${modelDir}\`, threshold ${base.threshold}. Pearson / QWK of the uncalibrated grade with the human Overall:`, '',
    `| Rubric | ${Object.keys(sets).join(' | ')} |`, `| --- | ${Object.keys(sets).map(() => '---:').join(' | ')} |`,
    line('current defaults', base), line('suggested', { ...base, weights, range }), '',
    `Suggested: weights ${JSON.stringify(weights)}, range ${JSON.stringify(range)}`, '',
  ].join('\n'));
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });

/**
 * `npm run eval:grading`: how well the grader agrees with human raters on ELLIPSE (learner
 * essays, human Overall and analytic scores 1–5 in half points), every table of docs/grading.md.
 *
 * 1. Scores every essay once per model; word scores are cached per essay text in
 *    models/training/.work/ (git-ignored), so splits, ablations and re-runs never run the model again.
 * 2. Seeded random splits: calibrate on N essays (the class's reference for fit is built from
 *    them too), grade the rest; QWK and Pearson against the human Overall, mean ± sd over splits.
 *    The uncalibrated rubric mapped onto 1–5 and a length-only calibration as baselines.
 * 3. The learning curve (QWK with 10, 20, 30, 50 calibration essays), the ablation (criteria
 *    removed), the analytic traits against ELLIPSE's trait scores and each criterion's Pearson
 *    correlation with every human score.
 *
 * Usage: npx tsx scripts/eval-grading.ts [--model DIR] [--set dev|test|all] [--limit N]
 *        [--splits 20] [--train 30] [--curve 10,20,30,50] [--seed 1] [--threshold P] [--no-ablation]
 * Data: $ELLIPSE_CSV, else ../shared/eval/ellipse/ELLIPSE_Final_github_test.csv beside the repo
 * (read in place, never copied).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIR } from '../src/core/defaults';
import { DEFAULT_RUBRIC, MODEL_CRITERIA, CRITERION_IDS, TRAITS, type CalibrationMethod, type CriterionId, type Rubric } from '../src/core/grade';
import { ELLIPSE_SCALE as SCALE, HUMAN, loadEllipse, type EssaySet } from './eval-grading/ellipse';
import { featuresOf, prepare, runSplit, runTraitSplit, TRAIT_COLUMN, uncalibrated, type Prepared, type SplitResult, type Variant } from './eval-grading/experiment';
import { scoreTexts } from './eval-grading/score-cache';
import { fmt, mean, pearson, sd, shuffled } from './eval-grading/stats';
import { classReference } from '../src/core/grade/measure/fit';

const repo = resolve(__dirname, '..');
const { values: opt } = parseArgs({
  options: {
    model: { type: 'string' }, set: { type: 'string', default: 'dev' }, limit: { type: 'string' }, splits: { type: 'string', default: '20' },
    train: { type: 'string', default: '30' }, curve: { type: 'string', default: '10,20,30,50' }, seed: { type: 'string', default: '1' },
    'no-ablation': { type: 'boolean', default: false }, threshold: { type: 'string' },
  },
});

const V1: CriterionId[] = ['grammar', 'spelling', 'fit'];

function splits(data: readonly Prepared[], n: number, count: number, seed: number, run: (train: number[], test: number[]) => SplitResult): SplitResult[] {
  const out: SplitResult[] = [];
  for (let s = 0; s < count; s++) {
    const order = shuffled(data.length, seed + s);
    out.push(run(order.slice(0, n), order.slice(n)));
  }
  return out;
}

const row = (name: string, rs: readonly SplitResult[]) => `| ${name} | ${fmt(rs.map((r) => r.qwk))} | ${fmt(rs.map((r) => r.r))} |`;
const methods = (rs: readonly SplitResult[]) => {
  const c = new Map<CalibrationMethod, number>();
  for (const r of rs) if (r.method) c.set(r.method, (c.get(r.method) ?? 0) + 1);
  return [...c.entries()].map(([m, k]) => `${m} ${k}`).join(', ');
};

async function main() {
  const modelDir = resolve(opt.model ?? DEFAULT_MODEL_DIR);
  const set = opt.set as EssaySet;
  if (!['dev', 'test', 'all'].includes(set)) throw new Error('--set must be dev, test or all');
  let { essays } = loadEllipse(repo, set);
  if (opt.limit) essays = essays.slice(0, Number(opt.limit));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const docs = await scoreTexts(essays.map((e) => e.text), modelDir, resolve(repo, 'models', 'training', '.work'), log);
  const rubric: Rubric = { ...DEFAULT_RUBRIC, scale: SCALE, ...(opt.threshold ? { threshold: Number(opt.threshold) } : {}) };
  if (!(rubric.threshold > 0 && rubric.threshold < 1)) throw new Error('--threshold must be between 0 and 1');
  const t0 = Date.now();
  const data = prepare(essays, docs, rubric);
  const count = Number(opt.splits);
  const train = Number(opt.train);
  const seed = Number(opt.seed);
  const calibrated = (v: Variant, n = train) => splits(data, n, count, seed, (tr, te) => runSplit(data, tr, te, rubric, v, SCALE));
  const model = modelDir.startsWith(repo) ? modelDir.slice(repo.length + 1) : modelDir;
  const out: string[] = [];
  out.push(`ELLIPSE ${set}: ${data.length} essays, human Overall 1–5 (half points). Model: \`${model}\` at threshold ${rubric.threshold}. `
    + `${count} seeded random splits: calibrate on ${train} essays, grade the other ${data.length - train}. Mean ± sd over splits.`, '');
  const full = calibrated({});
  out.push('| Grader | QWK | Pearson |', '| --- | ---: | ---: |');
  out.push(row(`Calibrated on ${train} essays (method chosen by cross-validation: ${methods(full)})`, full));
  out.push(row(`Calibrated on ${train}, always re-weighing the criteria (no fallback)`, calibrated({ method: 'criteria' })));
  out.push(row('Default rubric mapped to 1–5, no calibration (prompt coverage from the ELLIPSE prompt title)', splits(data, train, count, seed, (_, te) => uncalibrated(data, te, rubric, SCALE))));
  out.push(row('Baseline: calibrated on length only (log words)', calibrated({ lengthOnly: true, method: 'criteria' })), '');

  // A class writes on one prompt: calibrate on essays of that prompt, grade the rest of it.
  const byPrompt = new Map<string, Prepared[]>();
  for (const p of data) {
    const same = byPrompt.get(p.essay.prompt) ?? [];
    same.push(p);
    byPrompt.set(p.essay.prompt, same);
  }
  const prompts = [...byPrompt.entries()].filter(([, ps]) => ps.length >= train + 20).sort((a, b) => b[1].length - a[1].length);
  if (prompts.length > 0) {
    out.push(`By prompt (a class on one prompt): calibrated on ${train} essays of the prompt, graded on the rest of it; ${count} splits; prompts with at least ${train + 20} essays in this set:`, '');
    out.push('| Prompt | Essays | QWK | Pearson |', '| --- | ---: | ---: | ---: |');
    for (const [name, ps] of prompts) {
      const rs = splits(ps, train, count, seed, (tr, te) => runSplit(ps, tr, te, rubric, {}, SCALE));
      out.push(`| ${name} | ${ps.length} | ${fmt(rs.map((r) => r.qwk))} | ${fmt(rs.map((r) => r.r))} |`);
    }
    out.push('');
  }

  out.push('Learning curve (QWK and Pearson against the human Overall; calibration method chosen by cross-validation):', '');
  out.push('| Calibration essays | QWK | Pearson | Methods chosen |', '| ---: | ---: | ---: | --- |');
  for (const n of opt.curve!.split(',').map(Number).filter((n) => n > 0 && n < data.length)) {
    const rs = n === train ? full : calibrated({}, n);
    out.push(`| ${n} | ${fmt(rs.map((r) => r.qwk))} | ${fmt(rs.map((r) => r.r))} | ${methods(rs)} |`);
  }
  out.push('');

  if (!opt['no-ablation']) {
    out.push(`Ablation: calibrated on ${train} essays, always re-weighing the criteria (no fallback, so removals show):`, '');
    out.push('| Criteria | QWK | Pearson |', '| --- | ---: | ---: |');
    const all = calibrated({ method: 'criteria' });
    out.push(row('All', all));
    out.push(row(`Without the model's criteria (${MODEL_CRITERIA.join(', ')})`, calibrated({ method: 'criteria', drop: MODEL_CRITERIA })));
    for (const id of ['grammar', 'spelling', 'wordChoice'] as CriterionId[]) out.push(row(`Without ${id}`, calibrated({ method: 'criteria', drop: [id] })));
    out.push(row('Without fit (class vocabulary, length, prompt)', calibrated({ method: 'criteria', drop: ['fit'] })));
    out.push(row('Fit without the prompt', calibrated({ method: 'criteria', prompt: false })));
    out.push(row('v1 criteria only (no grammar, spelling, fit)', calibrated({ method: 'criteria', drop: V1 })), '');
  }

  out.push(`Analytic scores (rubric \`"analytic"\`): QWK and Pearson of each trait against ELLIPSE's human trait score, ${count} splits, calibrated on ${train} essays' trait scores:`, '');
  out.push('| Trait | Uncalibrated QWK | Calibrated QWK | Calibrated Pearson | Methods chosen |', '| --- | ---: | ---: | ---: | --- |');
  for (const trait of TRAITS) {
    const unc = splits(data, train, count, seed, (tr, te) => runTraitSplit(data, tr, te, rubric, trait, false, SCALE));
    const cal = splits(data, train, count, seed, (tr, te) => runTraitSplit(data, tr, te, rubric, trait, true, SCALE));
    out.push(`| ${trait} (${TRAIT_COLUMN[trait]}) | ${fmt(unc.map((r) => r.qwk))} | ${fmt(cal.map((r) => r.qwk))} | ${fmt(cal.map((r) => r.r))} | ${methods(cal)} |`);
  }
  out.push('');

  // Correlations: fit measured against the class of the first split's calibration essays.
  const order = shuffled(data.length, seed);
  const cls = classReference(order.slice(0, train).map((i) => ({ terms: data[i].terms, words: data[i].words, score: data[i].essay.human.Overall })));
  const withFit = data.map((p) => featuresOf(p, rubric, {}, cls?.reference));
  const shown = ['Overall', 'Grammar', 'Conventions', 'Vocabulary', 'Phraseology', 'Cohesion', 'Syntax'] as const;
  out.push('Which criteria carry the signal (Pearson with each human score, all essays; error rates negated, so positive = fewer errors go with higher human scores):', '');
  out.push(`| Criterion | ${shown.join(' | ')} |`, `| --- | ${shown.map(() => '---:').join(' | ')} |`);
  const series: Array<[string, number[]]> = [
    ...CRITERION_IDS.map((id) => [id, withFit.map((f) => f[id] ?? 0)] as [string, number[]]),
    ['− grammar errors /100 words', data.map((p) => -p.rates.grammar)],
    ['− spelling errors /100 words', data.map((p) => -p.rates.spelling)],
    ['− word-choice flags /100 words', data.map((p) => -p.rates.wordChoice)],
    ['− flagged rate', data.map((p) => -p.flaggedRate)],
    ['log words', data.map((p) => Math.log1p(p.words))],
    ['default grade (weighted)', withFit.map((f) => f.weighted)],
  ];
  for (const [name, xs] of series) out.push(`| ${name} | ${shown.map((h) => (pearson(xs, data.map((p) => p.essay.human[h])) ?? 0).toFixed(3)).join(' | ')} |`);
  const overall = data.map((p) => p.essay.human.Overall);
  const unc = data.map((p) => featuresOf(p, rubric, { classFit: false }, undefined).weighted).map((w) => 1 + (4 * (w - rubric.range.low)) / (rubric.range.high - rubric.range.low));
  out.push('', `Human Overall: mean ${mean(overall).toFixed(2)}, sd ${sd(overall).toFixed(2)}; uncalibrated grades on 1–5 (before rounding): mean ${mean(unc).toFixed(2)}, sd ${sd(unc).toFixed(2)}. `
    + `Human scores: ${HUMAN.join(', ')}. Grading time after scoring: ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });

/**
 * `npm run eval:grading`: how well the grader agrees with human raters on ELLIPSE (2,571 learner
 * essays, human Overall 1–5 in half points).
 *
 * 1. Scores every essay once with the model and caches the scored words (test/.cache, git-ignored).
 * 2. 20 seeded random splits: calibrate on 30 essays, grade the rest; QWK and Pearson against
 *    the human Overall (mean ± sd over splits). Also: the default rubric mapped onto 1–5 without
 *    calibration, and a length-only calibration as a baseline.
 * 3. Which criteria carry the signal: Pearson of each criterion with every human score.
 *
 * Usage: npx tsx scripts/eval-grading.ts [--model DIR] [--limit N] [--splits 20] [--train 30]
 * Data: $ELLIPSE_CSV, else ../shared/eval/ellipse/ELLIPSE_Final_github_test.csv beside the repo
 * (read in place, never copied).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Checker } from '../src/core/checker';
import { DEFAULT_MODEL_DIR } from '../src/core/defaults';
import { grade, fitCalibration, applyCalibration, predictCalibrated, calibrationFeatures, DEFAULT_RUBRIC, CRITERION_IDS, CALIBRATION_FEATURES, type Rubric } from '../src/core/grade';
import { splitCsvRecords } from '../src/core/csv';
import { mean, pearson, quadraticWeightedKappa, round, sd } from '../src/core/grade/numbers';
import type { ScoredText } from '../src/core/types';
import { rng } from './eval/random';

const repo = resolve(__dirname, '..');
const { values: opt } = parseArgs({
  options: {
    model: { type: 'string' }, limit: { type: 'string' }, splits: { type: 'string', default: '20' },
    train: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' },
  },
});
const HUMAN = ['Overall', 'Cohesion', 'Syntax', 'Vocabulary', 'Phraseology', 'Grammar', 'Conventions'] as const;
const SCALE = { min: 1, max: 5, step: 0.5 };

interface Essay { id: string; text: string; human: Record<string, number> }

function loadEllipse(): Essay[] {
  const path = process.env.ELLIPSE_CSV ?? [join(repo, '..', 'shared', 'eval', 'ellipse', 'ELLIPSE_Final_github_test.csv'), '/work/shared/eval/ellipse/ELLIPSE_Final_github_test.csv'].find(existsSync);
  if (!path || !existsSync(path)) throw new Error('ELLIPSE CSV not found: set ELLIPSE_CSV to ELLIPSE_Final_github_test.csv');
  const records = splitCsvRecords(readFileSync(path, 'utf8'));
  const header = records[0];
  const col = (name: string) => { const i = header.indexOf(name); if (i < 0) throw new Error(`${path}: no column ${name}`); return i; };
  const id = col('text_id_kaggle');
  const text = col('full_text');
  const hi = HUMAN.map((h) => [h, col(h)] as const);
  return records.slice(1).filter((r) => r.length === header.length).map((r) => ({
    id: r[id], text: r[text], human: Object.fromEntries(hi.map(([h, i]) => [h, Number(r[i])])),
  }));
}


function shuffled(n: number, rand: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  return idx;
}

/** Scored words of each essay, cached per model (keyed by its manifest) as JSON lines. */
async function scoreAll(essays: Essay[], modelDir: string): Promise<Map<string, ScoredText>> {
  const manifest = join(modelDir, 'manifest.json');
  const key = createHash('sha256').update(existsSync(manifest) ? readFileSync(manifest) : modelDir).digest('hex').slice(0, 12);
  const dir = join(repo, 'test', '.cache');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, `eval-grading-${key}.jsonl`);
  const docs = new Map<string, ScoredText>();
  if (existsSync(cache)) {
    for (const line of readFileSync(cache, 'utf8').split('\n')) {
      if (!line) continue;
      const c = JSON.parse(line) as { id: string; w: number[][]; s: number[][] };
      const essay = essays.find((e) => e.id === c.id);
      if (!essay) continue;
      docs.set(c.id, {
        words: c.w.map(([start, end, score, sentence]) => ({ start, end, score, sentence, text: essay.text.slice(start, end) })),
        sentences: c.s.map(([start, end]) => ({ start, end })),
        wordCount: c.w.length,
      });
    }
  } else writeFileSync(cache, '');
  const todo = essays.filter((e) => !docs.has(e.id));
  if (todo.length === 0) return docs;
  const checker = await Checker.create({ modelDir, log: (l: string) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`Scoring ${todo.length} essays with ${checker.info.name} on ${checker.info.provider} (cache ${cache})\n`);
  const t0 = Date.now();
  try {
    for (const [i, e] of todo.entries()) {
      const doc = await checker.score(e.text, 'plaintext');
      docs.set(e.id, doc);
      appendFileSync(cache, `${JSON.stringify({ id: e.id, w: doc.words.map((w) => [w.start, w.end, round(w.score, 5), w.sentence]), s: doc.sentences.map((s) => [s.start, s.end]) })}\n`);
      if ((i + 1) % 50 === 0 || i + 1 === todo.length) {
        const rate = (Date.now() - t0) / 1000 / (i + 1);
        process.stderr.write(`  ${i + 1}/${todo.length} (${rate.toFixed(2)} s/essay)\n`);
      }
    }
  } finally {
    await checker.dispose();
  }
  return docs;
}

const fmt = (xs: number[]) => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`;

async function main() {
  const modelDir = resolve(opt.model ?? DEFAULT_MODEL_DIR);
  let essays = loadEllipse();
  if (opt.limit) essays = essays.slice(0, Number(opt.limit));
  const docs = await scoreAll(essays, modelDir);
  const rubric: Rubric = { ...DEFAULT_RUBRIC, scale: SCALE };
  const rows = essays.map((e) => {
    const r = grade(docs.get(e.id)!, e.text, rubric);
    return { e, r, features: calibrationFeatures(r.criteria, r.words) };
  });
  const overall = rows.map((x) => x.e.human.Overall);
  const splits = Number(opt.splits);
  const train = Number(opt.train);
  const res = { cal: { qwk: [] as number[], r: [] as number[] }, def: { qwk: [] as number[], r: [] as number[] }, len: { qwk: [] as number[], r: [] as number[] } };
  const lengthOnly = (f: Record<string, number>) => Object.fromEntries(CALIBRATION_FEATURES.map((k) => [k, k === 'logWords' ? f[k] : 0]));
  for (let s = 0; s < splits; s++) {
    const order = shuffled(rows.length, rng(Number(opt.seed) + s));
    const tr = order.slice(0, train);
    const te = order.slice(train);
    const y = te.map((i) => overall[i]);
    const cal = fitCalibration(tr.map((i) => ({ features: rows[i].features, score: overall[i] })), { scale: SCALE });
    const len = fitCalibration(tr.map((i) => ({ features: lengthOnly(rows[i].features), score: overall[i] })), { scale: SCALE });
    // QWK on the grades as reported (rounded to half points); Pearson on the unrounded predictions.
    const add = (bucket: { qwk: number[]; r: number[] }, graded: number[], raw: number[]) => {
      bucket.qwk.push(quadraticWeightedKappa(graded, y, SCALE) ?? 0);
      bucket.r.push(pearson(raw, y) ?? 0);
    };
    add(res.cal, te.map((i) => applyCalibration(cal, rows[i].features)), te.map((i) => predictCalibrated(cal, rows[i].features)));
    add(res.len, te.map((i) => applyCalibration(len, lengthOnly(rows[i].features))), te.map((i) => predictCalibrated(len, lengthOnly(rows[i].features))));
    add(res.def, te.map((i) => rows[i].r.grade), te.map((i) => rows[i].r.weighted));
  }
  const out: string[] = [];
  out.push(`ELLIPSE test: ${rows.length} essays, human Overall 1–5 (half points). Model: \`${modelDir.startsWith(repo) ? modelDir.slice(repo.length + 1) : modelDir}\`. `
    + `${splits} seeded random splits: calibrate on ${train} essays, grade the other ${rows.length - train}. Mean ± sd over splits.`, '');
  out.push('| Grader | QWK | Pearson |', '| --- | ---: | ---: |');
  out.push(`| Calibrated on ${train} essays (ridge on rubric score, 5 criteria, log words) | ${fmt(res.cal.qwk)} | ${fmt(res.cal.r)} |`);
  out.push(`| Default rubric mapped to 1–5, no calibration | ${fmt(res.def.qwk)} | ${fmt(res.def.r)} |`);
  out.push(`| Baseline: calibrated on length only (log words) | ${fmt(res.len.qwk)} | ${fmt(res.len.r)} |`, '');
  out.push('Which criteria carry the signal (Pearson with each human score, all essays):', '');
  out.push(`| Criterion | ${HUMAN.join(' | ')} |`, `| --- | ${HUMAN.map(() => '---:').join(' | ')} |`);
  const feats: Array<[string, number[]]> = [
    ...CRITERION_IDS.map((id) => [id, rows.map((x) => x.r.criteria.find((c) => c.id === id)!.score)] as [string, number[]]),
    ['log words', rows.map((x) => x.features.logWords)],
    ['flagged rate', rows.map((x) => (x.r.words ? x.r.flagged / x.r.words : 0))],
    ['default grade', rows.map((x) => x.r.weighted)],
  ];
  for (const [name, xs] of feats) out.push(`| ${name} | ${HUMAN.map((h) => (pearson(xs, rows.map((x) => x.e.human[h])) ?? 0).toFixed(3)).join(' | ')} |`);
  const dist = (xs: number[]) => `mean ${mean(xs).toFixed(2)}, sd ${sd(xs).toFixed(2)}`;
  out.push('', `Human Overall: ${dist(overall)}; default-rubric grades on 1–5: ${dist(rows.map((x) => x.r.grade))}.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });

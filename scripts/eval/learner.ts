/**
 * Learner errors, side by side with harper.js (a rule-based checker; `./harper.ts` says which lint
 * kinds count) and the underline-everything baseline, on the same units:
 * - `fce-tsv`: FCE public test, token labels (Rei & Yannakoudakis 2016); tokens joined as typed
 *   (`joinTokens`; `--spaced-tokens` joins them all with spaces); every token counts, punctuation
 *   included (the checker never flags it).
 * - `fce-dev`, `fce-test`: FCE dev/test JSON as whole essays, words labelled from the annotators'
 *   edits (`labelEssay` in ./datasets.ts); `fce-dev-joined`, `fce-test-joined`: the same essays as one
 *   paragraph each (line breaks as spaces: same words, same offsets).
 * - `jfleg`: JFLEG dev (M2; a token is wrong when at least 2 of 4 annotators marked it).
 * For each: precision, recall, F0.5 at the default threshold, ROC-AUC, underline-everything,
 * harper.js; a recall breakdown by error type on the FCE JSON sets; and the threshold choice
 * (`recommendThreshold` on FCE dev: the best F0.5 among thresholds whose precision is >= 0.5).
 */
import type { Checker } from '../../src/core/checker';
import { ERROR_TYPES, readFce, readFceJson, readJflegM2 } from './datasets';
import { joined } from './false-alarms';
import type { Harper } from './harper';
import { HARPER_KINDS, HARPER_KINDS_LEFT_OUT } from './harper';
import { bestF05, flagsFromSpans, MIN_DEFAULT_PRECISION, prfAt, prfOfFlags, recallByGroup, recommendThreshold, rocAuc, underlineEverything, type GroupRecall, type PrfAt, type Recommendation } from './metrics';
import { evalFile } from './paths';
import { log, pct, scoreUnits, seconds } from './score-units';

export const LEARNER_SETS = {
  'fce-tsv': { name: 'FCE public test (token labels)', unit: 'tokens', read: (spaced: boolean) => readFce(evalFile('fce', 'fce-public.test.original.tsv'), spaced) },
  'fce-dev': { name: 'FCE dev JSON (whole essays)', unit: 'words', read: () => readFceJson(evalFile('fce', 'fce-dev.json')) },
  'fce-test': { name: 'FCE test JSON (whole essays)', unit: 'words', read: () => readFceJson(evalFile('fce', 'fce-test.json')) },
  // The same essays as one paragraph each: a word's score must not depend on how much text surrounds it.
  'fce-dev-joined': { name: 'FCE dev JSON joined into one paragraph', unit: 'words', read: () => readFceJson(evalFile('fce', 'fce-dev.json')).map((e) => ({ ...e, text: joined(e.text) })) },
  'fce-test-joined': { name: 'FCE test JSON joined into one paragraph', unit: 'words', read: () => readFceJson(evalFile('fce', 'fce-test.json')).map((e) => ({ ...e, text: joined(e.text) })) },
  jfleg: { name: 'JFLEG dev (tokens, >= 2 of 4 annotators)', unit: 'tokens', read: (spaced: boolean) => readJflegM2(evalFile('jfleg-dev', 'dev.ref.m2'), 2, spaced) },
} as const;
export type LearnerKey = keyof typeof LEARNER_SETS;
/** The development set the default threshold is chosen on. */
export const DEV_SET: LearnerKey = 'fce-dev';

/** One learner set scored by the model (and harper.js). */
export interface LearnerRun {
  key: LearnerKey;
  texts: number;
  scores: number[];
  /** Units the homophone check marked (`suggest/homophones.ts`). */
  homophone: boolean[];
  labels: boolean[];
  types: Array<string[] | undefined>;
  harper?: boolean[];
  harperKinds?: Record<string, number>;
  seconds: { model: number; harper: number };
}

/** What the report and the model card read of one set. */
export interface LearnerSetResult {
  name: string;
  unit: string;
  texts: number;
  units: number;
  wrong: number;
  auc: number;
  atDefault: PrfAt;
  atRecommended: PrfAt | null;
  best: PrfAt;
  everything: PrfAt;
  harper: PrfAt | null;
  harperLintsByKind: Record<string, number> | null;
  homophoneCheck: { marked: number; wrong: number };
  seconds: { model: number; harper: number };
}

export interface LearnerResult {
  learner: Record<string, LearnerSetResult>;
  byType: Record<string, { model: Record<string, GroupRecall>; harper: Record<string, GroupRecall> | null; modelAtRecommended: Record<string, GroupRecall> | null }>;
  /** `falseAlarmCap`: the cap on flags per 100 corrected words the choice obeyed (null: not measured). */
  recommendation: (Recommendation & { chosenOn: LearnerKey; falseAlarmCap: number | null }) | null;
}

export async function runLearnerSet(key: LearnerKey, checker: Checker, harper: Harper | undefined, limit: number, spaced: boolean): Promise<LearnerRun> {
  const items = LEARNER_SETS[key].read(spaced).slice(0, limit);
  const units = items.flatMap((item) => item.tokens);
  let t = Date.now();
  const tty = process.stderr.isTTY;
  const { scores, homophone } = await scoreUnits(checker, items, (done) => tty && process.stderr.write(`\reval: ${key}: model ${done}/${items.length}`));
  if (tty) process.stderr.write('\n');
  const modelSeconds = seconds(t);
  t = Date.now();
  let flags: boolean[] | undefined;
  let kinds: Record<string, number> | undefined;
  if (harper) {
    const linted = await harper.lint(items.map((item) => item.text));
    flags = items.flatMap((item, i) => flagsFromSpans(item.tokens, linted.spans[i]));
    kinds = linted.kinds;
  }
  const run: LearnerRun = {
    key, texts: items.length, scores, homophone, labels: units.map((u) => u.wrong), types: units.map((u) => u.types),
    harper: flags, harperKinds: kinds, seconds: { model: modelSeconds, harper: seconds(t) },
  };
  log(`${key}: ${items.length} texts, ${units.length} ${LEARNER_SETS[key].unit}, model ${run.seconds.model} s, harper ${run.seconds.harper} s`);
  return run;
}

/** Every figure of the learner sets at `threshold`, with the recommendation made on `DEV_SET` when it ran. */
export function measureLearner(runs: readonly LearnerRun[], threshold: number, allowed?: (threshold: number) => boolean, falseAlarmCap: number | null = null): LearnerResult {
  const dev = runs.find((r) => r.key === DEV_SET);
  const rec = dev ? recommendThreshold(dev.scores, dev.labels, MIN_DEFAULT_PRECISION, 20, allowed) : undefined;
  const learner: Record<string, LearnerSetResult> = {};
  for (const r of runs) {
    learner[r.key] = {
      name: LEARNER_SETS[r.key].name,
      unit: LEARNER_SETS[r.key].unit,
      texts: r.texts,
      units: r.labels.length,
      wrong: r.labels.filter(Boolean).length,
      auc: rocAuc(r.scores, r.labels),
      atDefault: prfAt(r.scores, r.labels, threshold),
      atRecommended: rec ? prfAt(r.scores, r.labels, rec.threshold) : null,
      best: bestF05(r.scores, r.labels),
      everything: underlineEverything(r.labels),
      harper: r.harper ? prfOfFlags(r.harper, r.labels) : null,
      harperLintsByKind: r.harperKinds ?? null,
      homophoneCheck: { marked: r.homophone.filter(Boolean).length, wrong: r.homophone.filter((m, i) => m && r.labels[i]).length },
      seconds: r.seconds,
    };
  }
  const byType: LearnerResult['byType'] = {};
  for (const r of runs.filter((x) => x.types.some((t) => t !== undefined))) {
    byType[r.key] = {
      model: recallByGroup(r.scores.map((s) => s >= threshold), r.types, ERROR_TYPES),
      harper: r.harper ? recallByGroup(r.harper, r.types, ERROR_TYPES) : null,
      modelAtRecommended: rec ? recallByGroup(r.scores.map((s) => s >= rec.threshold), r.types, ERROR_TYPES) : null,
    };
  }
  return { learner, byType, recommendation: rec ? { chosenOn: DEV_SET, ...rec, falseAlarmCap } : null };
}

const prf = (p: PrfAt): string => `${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f05)}`;

export function renderLearner(res: LearnerResult, threshold: number, harper: Harper | undefined): string[] {
  const keys = Object.keys(res.learner) as LearnerKey[];
  const lines: string[] = [];
  lines.push(`Learner errors at the default threshold ${threshold} (precision, recall, F0.5 in %; units the checker does not score count as not flagged):`, '');
  lines.push('| set | units | wrong % | ROC-AUC | model P | R | F0.5 | underline all P | F0.5 | harper.js P | R | F0.5 |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const k of keys) {
    const m = res.learner[k];
    lines.push(`| ${m.name} | ${m.units} ${m.unit} | ${pct(m.wrong / m.units)} | ${m.auc.toFixed(3)} | ${prf(m.atDefault)} | ${pct(m.everything.precision)} | ${pct(m.everything.f05)} | ${m.harper ? prf(m.harper) : '– | – | –'} |`);
  }
  lines.push('');
  const marked = keys.map((k) => `${res.learner[k].name} ${res.learner[k].homophoneCheck.marked} (${res.learner[k].homophoneCheck.wrong} annotated wrong)`);
  lines.push(`The model's scores include the homophone check (a sound-alike word marked when the model is >= 99% sure, pairwise, that its homophone belongs there; \`src/core/suggest/homophones.ts\`). Units it marked: ${marked.join('; ')}.`, '');
  const typed = Object.keys(res.byType);
  if (typed.length > 0) {
    lines.push(`Recall by error type (FCE JSON edits, CLC codes mapped by \`fceErrorType\`; a word with several types counts in each), default threshold ${threshold}, in %:`, '');
    lines.push(`| error type | ${typed.map((k) => `${k} wrong words | model R | harper.js R`).join(' | ')} |`);
    lines.push(`|---|${typed.map(() => '---:|---:|---:').join('|')}|`);
    for (const type of ERROR_TYPES) {
      lines.push(`| ${type} | ${typed.map((k) => {
        const m = res.byType[k].model[type];
        const h = res.byType[k].harper?.[type];
        return `${m.wrong} | ${pct(m.recall)} | ${h ? pct(h.recall) : '–'}`;
      }).join(' | ')} |`);
    }
    lines.push('');
  }
  const rec = res.recommendation;
  if (rec) {
    const cap = rec.falseAlarmCap === null ? '' : ` and at most ${rec.falseAlarmCap} flags per 100 words on its corrected essays, as written and joined`;
    const how = rec.floorReached ? `the best F0.5 among thresholds with precision >= ${pct(rec.minPrecision)}%${cap}` : `no threshold reaches precision ${pct(rec.minPrecision)}%${cap} on ${DEV_SET}, so the best F0.5`;
    lines.push(`Threshold choice: \`recommendThreshold\` on ${DEV_SET} (${how}): **${rec.threshold.toFixed(2)}** (shipped default: ${threshold}).`, '');
    lines.push(`| set | recommended ${rec.threshold.toFixed(2)}: P | R | F0.5 | set's own best (oracle): threshold | P | R | F0.5 |`);
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const k of keys) {
      const m = res.learner[k];
      lines.push(`| ${m.name} | ${m.atRecommended ? prf(m.atRecommended) : '– | – | –'} | ${m.best.threshold.toFixed(3)} | ${prf(m.best)} |`);
    }
    lines.push('');
  } else {
    lines.push(`Threshold choice: needs ${DEV_SET} in --sets.`, '');
  }
  if (harper) lines.push(`harper.js ${harper.version} (British English) counts lints of the kinds ${HARPER_KINDS.join(', ')}; left out: ${HARPER_KINDS_LEFT_OUT.join(', ')}.`);
  return lines;
}

/**
 * `npm run eval [-- --model DIR] [--sets LIST] [--suggestions] [--limit N] [--paragraphs N] [--json PATH] [--no-harper] [--spaced-tokens] [--window W]`:
 * every quality number of the model card, measured through the same TypeScript pipeline users run
 * (extraction, tokenizer, windows, onnxruntime-node). One module per set measures and renders it;
 * `main` only composes them:
 *
 * - `synthetic` (./synthetic.ts): replaced-token detection on the corpus dev split.
 * - `homophones` (./homophone-swaps.ts): homophone swaps, with and without the homophone check.
 * - `real-word-slips` (./real-word-slips.ts): a word replaced by a real word one slip away ("better" →
 *   "batter"); flagged, first fix right, false flags added.
 * - `wrapped` (./wrapped.ts): FCE dev essays hard-wrapped at 72 columns against as written: the same
 *   flags and first fixes (a soft line break is a space; src/core/sentences.ts).
 * - learner sets (./learner.ts): `fce-tsv`, `fce-dev`, `fce-test`, `fce-dev-joined`, `fce-test-joined`,
 *   `jfleg`, beside harper.js and underline-everything, recall by error type, and the threshold
 *   choice on FCE dev (`recommendThreshold`; the model ships it as DEFAULT_THRESHOLD).
 * - `false-alarms` and `stability` (./false-alarms.ts): flags per 100 words on clean text (corrected
 *   FCE, JFLEG references, technical docs, this project's docs), as written and joined into one
 *   paragraph; the same sentences alone vs inside their essay.
 * - `suggest-fce-dev`, `suggest-fce-test`, `suggest-jfleg` (./suggestions.ts): top-1/top-3/end-to-end
 *   fix accuracy on one-word errors; `--suggestions` runs only these.
 *
 * Flags: `--sets` a comma list (default all); `--limit N` the first N texts of each set (quick
 * checks); `--paragraphs N` synthetic paragraphs (600); `--no-harper`; `--harper-cache FILE|none`;
 * `--spaced-tokens`; `--window LENGTH[:OVERLAP][:sentence]` scores in other windows than the model's
 * (never longer), to choose them; `--json PATH` (alias `--out`) for the machine-readable results
 * (`EvalResult`; default models/training/.work/eval-<model folder>.json). The evaluation sets stay
 * in ../shared/eval (research licences); nothing is copied.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Checker } from '../../src/core/checker';
import { DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD } from '../../src/core/defaults';
import type { ScoringWindow } from '../../src/core/prepare';
import { correctedEssays, joined, jflegReference, measureFalseAlarms, measureStability, projectDocs, renderFalseAlarms, techdocsDev, type CleanSet, type FalseAlarmRow, type Stability } from './false-alarms';
import { HARPER_KINDS, HARPER_KINDS_LEFT_OUT, openHarper, type Harper } from './harper';
import { measureHomophones, renderHomophones, type HomophoneResult } from './homophone-swaps';
import { LEARNER_SETS, measureLearner, renderLearner, runLearnerSet, type LearnerKey, type LearnerResult, type LearnerRun } from './learner';
import { DATA, devParagraphs, ensureDevSplit, evalFile, ROOT } from './paths';
import { plantSlips, scoreSlips, slipParagraphs, slipReport, type SlipScore } from './real-word-slips';
import { measureWrapped, wrappedReport, type WrappedScore } from './wrapped';
import { MAX_DEFAULT_FALSE_ALARMS } from './metrics';
import { log, seconds } from './score-units';
import { measureSuggestions, renderSuggestions, SUGGESTION_SETS, type SuggestionKey, type SuggestionResult } from './suggestions';
import { measureSynthetic, renderSynthetic, type SyntheticResult } from './synthetic';

const ALL_SETS = ['synthetic', 'homophones', 'real-word-slips', 'wrapped', ...Object.keys(LEARNER_SETS), 'false-alarms', 'stability', ...Object.keys(SUGGESTION_SETS)] as const;

/** Everything one run measured: the JSON the model card reads. NaN is written as null. */
interface EvalResult {
  model: string;
  dir: string;
  defaultThreshold: number;
  date: string;
  sets: string[];
  limit: number | null;
  spacedTokens: boolean;
  window: ScoringWindow;
  synthetic?: SyntheticResult;
  harper?: { version: string; dialect: string; kinds: readonly string[]; kindsLeftOut: readonly string[] };
  homophones?: HomophoneResult;
  realWordSlips?: SlipScore;
  wrapped?: WrappedScore;
  falseAlarms?: FalseAlarmRow[];
  stability?: Stability | null;
  suggestions?: SuggestionResult;
  learner?: LearnerResult['learner'];
  byType?: LearnerResult['byType'];
  recommendedThreshold?: number;
  recommendation?: LearnerResult['recommendation'];
  seconds?: number;
}

/** `--window LENGTH[:OVERLAP][:sentence]`: another window than the model's (at most its own length), to choose one. */
function parseWindow(spec: string): Partial<ScoringWindow> {
  const [length, overlap, unit] = spec.split(':');
  const w: Partial<ScoringWindow> = { length: Number(length) };
  if (overlap) w.overlap = Number(overlap);
  if (unit === 'sentence' || unit === 'block') w.unit = unit;
  if (!(w.length! >= 8) || (w.overlap !== undefined && !(w.overlap >= 0)) || (unit && !w.unit)) throw new Error(`--window takes LENGTH[:OVERLAP][:sentence|block], got '${spec}'`);
  return w;
}

/** Clean texts of the `false-alarms` set (./false-alarms.ts), each as written and joined where it has paragraphs. */
function cleanSets(limit: number): CleanSet[] {
  const fce = (split: 'dev' | 'test'): string[] => correctedEssays(evalFile('fce', `fce-${split}.json`)).slice(0, limit);
  const plain = (texts: string[]) => texts.map((text) => ({ text, format: 'plaintext' as const }));
  const ref = evalFile('jfleg-dev', 'dev.ref0');
  const sets: CleanSet[] = [
    { name: 'FCE dev corrected, as written', docs: plain(fce('dev')) },
    { name: 'FCE dev corrected, joined', docs: plain(fce('dev').map(joined)) },
    { name: 'FCE test corrected, as written', docs: plain(fce('test')) },
    { name: 'FCE test corrected, joined', docs: plain(fce('test').map(joined)) },
    { name: 'JFLEG dev reference 0, sentences', docs: plain(jflegReference(ref, 1).slice(0, limit)) },
    { name: 'JFLEG dev reference 0, 20 sentences a paragraph', docs: plain(jflegReference(ref, 20).slice(0, limit)) },
    { name: 'This project\'s README.md and docs/*.md', docs: projectDocs(ROOT) },
  ];
  const tech = techdocsDev(DATA);
  if (tech.length > 0) sets.push({ name: 'Technical docs of held-out packages (techdocs_dev.txt)', docs: tech.slice(0, limit) });
  return sets;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_MODEL_DIR },
      paragraphs: { type: 'string', default: '600' },
      sets: { type: 'string', default: ALL_SETS.join(',') },
      limit: { type: 'string' },
      'no-harper': { type: 'boolean', default: false },
      suggestions: { type: 'boolean', default: false },
      'spaced-tokens': { type: 'boolean', default: false },
      'harper-cache': { type: 'string', default: path.join(ROOT, 'models', 'training', '.work', 'harper-cache.json') },
      json: { type: 'string' },
      out: { type: 'string' },
      window: { type: 'string' },
    },
  });
  const modelDir = path.resolve(values.model!);
  const paragraphs = Number(values.paragraphs);
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  const sets = (values.suggestions ? Object.keys(SUGGESTION_SETS).join(',') : values.sets!).split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of sets) if (!(ALL_SETS as readonly string[]).includes(s)) throw new Error(`unknown set '${s}' (known: ${ALL_SETS.join(', ')})`);
  if (!Number.isFinite(paragraphs) || paragraphs < 1 || Number.isNaN(limit) || limit < 1) throw new Error('--paragraphs and --limit take a positive number');
  const has = (s: string): boolean => sets.includes(s);

  const started = Date.now();
  const window = values.window === undefined ? undefined : parseWindow(values.window);
  const checker = await Checker.create({ modelDir, provider: 'cpu', window });
  const result: EvalResult = {
    model: checker.info.name, dir: modelDir, defaultThreshold: DEFAULT_THRESHOLD, date: new Date().toISOString(), sets,
    limit: Number.isFinite(limit) ? limit : null, spacedTokens: values['spaced-tokens']!, window: checker.window,
  };
  const lines: string[] = [`## Evaluation of \`${checker.info.name}\``, ''];

  if (has('synthetic')) {
    result.synthetic = await measureSynthetic(checker, modelDir, paragraphs);
    log(`synthetic: ${result.synthetic.seconds} s`);
    lines.push(...renderSynthetic(result.synthetic));
  }
  const learnerKeys = (Object.keys(LEARNER_SETS) as LearnerKey[]).filter(has);
  const suggestionKeys = (Object.keys(SUGGESTION_SETS) as SuggestionKey[]).filter(has);
  let harper: Harper | undefined;
  if ((learnerKeys.length > 0 || suggestionKeys.length > 0 || has('homophones') || has('false-alarms')) && !values['no-harper']) {
    harper = await openHarper(ROOT, values['harper-cache'] === 'none' ? undefined : path.resolve(values['harper-cache']!));
    result.harper = { version: harper.version, dialect: 'British', kinds: HARPER_KINDS, kindsLeftOut: HARPER_KINDS_LEFT_OUT };
  }
  if (has('homophones')) {
    const alone = await Checker.create({ modelDir, provider: 'cpu', homophoneCheck: false, window });
    result.homophones = await measureHomophones(checker, alone, harper, devParagraphs(), limit, DEFAULT_THRESHOLD).finally(() => alone.dispose());
    log(`homophones: ${result.homophones.texts} texts, ${result.homophones.swaps} swaps, ${result.homophones.seconds} s`);
    lines.push(...renderHomophones(result.homophones, DEFAULT_THRESHOLD));
  }
  if (has('real-word-slips')) {
    ensureDevSplit();
    result.realWordSlips = await scoreSlips(checker, plantSlips(slipParagraphs(path.join(DATA, 'dev.txt'), limit)), DEFAULT_THRESHOLD);
    log(`real-word slips: ${result.realWordSlips.slips} plants, ${result.realWordSlips.seconds} s`);
    lines.push(...slipReport(result.realWordSlips, DEFAULT_THRESHOLD));
  }
  if (has('wrapped')) {
    // FCE dev essays (at most 100: each is checked and fixed twice), as written and hard-wrapped at 72 columns.
    result.wrapped = await measureWrapped(checker, LEARNER_SETS['fce-dev'].read().slice(0, Math.min(limit, 100)).map((e) => e.text), DEFAULT_THRESHOLD);
    log(`wrapped: ${result.wrapped.texts} texts, ${result.wrapped.seconds} s`);
    lines.push(...wrappedReport('FCE dev essays', result.wrapped));
  }
  if (has('false-alarms') || has('stability')) {
    const t = Date.now();
    const rows: FalseAlarmRow[] = [];
    if (has('false-alarms')) for (const set of cleanSets(limit)) rows.push(await measureFalseAlarms(checker, harper, set, DEFAULT_THRESHOLD));
    const stability = has('stability') ? await measureStability(checker, LEARNER_SETS['fce-dev'].read().slice(0, limit).map((e) => e.text), DEFAULT_THRESHOLD) : undefined;
    result.falseAlarms = rows;
    result.stability = stability ?? null;
    log(`false alarms and stability: ${seconds(t)} s`);
    lines.push(...renderFalseAlarms(rows, stability, DEFAULT_THRESHOLD));
  }
  const runs: LearnerRun[] = [];
  for (const key of learnerKeys) runs.push(await runLearnerSet(key, checker, harper, limit, values['spaced-tokens']!));
  if (suggestionKeys.length > 0) {
    result.suggestions = await measureSuggestions(checker, harper, suggestionKeys, limit);
    lines.push(...renderSuggestions(result.suggestions, DEFAULT_THRESHOLD));
  }
  await harper?.dispose();
  if (runs.length > 0) {
    // Precision first, then false alarms: the default may leave at most MAX_DEFAULT_FALSE_ALARMS flags per
    // 100 words on FCE dev's corrected essays, as written and joined (when that set was measured).
    const clean = (result.falseAlarms ?? []).filter((r) => r.name.startsWith('FCE dev corrected'));
    const allowed = clean.length > 0 ? (t: number) => clean.every((r) => r.per100At[Math.round(t * 100) - 1] <= MAX_DEFAULT_FALSE_ALARMS) : undefined;
    const learner = measureLearner(runs, DEFAULT_THRESHOLD, allowed, allowed ? MAX_DEFAULT_FALSE_ALARMS : null);
    result.learner = learner.learner;
    if (Object.keys(learner.byType).length > 0) result.byType = learner.byType;
    if (learner.recommendation) {
      result.recommendedThreshold = learner.recommendation.threshold;
      result.recommendation = learner.recommendation;
    }
    lines.push(...renderLearner(learner, DEFAULT_THRESHOLD, harper));
  }
  result.seconds = seconds(started);
  lines.push(`Windows: at most ${checker.window.length} tokens ([CLS] and [SEP] included), ${checker.window.unit === 'sentence' ? 'one sentence each' : `overlap ${checker.window.overlap}`}.`);
  lines.push(`Measured in ${result.seconds} s on ${checker.info.provider}${Number.isFinite(limit) ? ` (--limit ${limit})` : ''}.`);
  await checker.dispose();

  console.log(lines.join('\n'));
  const out = values.json ?? values.out ?? path.join(ROOT, 'models', 'training', '.work', `eval-${path.basename(modelDir)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  log(`wrote ${out}`);
}

main().catch((e: unknown) => {
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});

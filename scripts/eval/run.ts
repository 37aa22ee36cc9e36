/**
 * `npm run eval [-- --model DIR] [--sets LIST] [--suggestions] [--limit N] [--paragraphs N] [--json PATH] [--no-harper] [--spaced-tokens]`:
 * every quality number of the model card, measured through the same TypeScript pipeline users
 * run (extraction, tokenizer, windows, onnxruntime-node).
 *
 * 1. Synthetic replaced-token detection (`synthetic`) on the corpus dev split (held out by
 *    models/training/prepare_corpus.py): 15% of words replaced (a) by random words drawn by
 *    corpus frequency (the prepared `dev_words.txt`), (b) by generator samples. Word-level
 *    ROC-AUC and precision at 50% recall.
 * 2. Learner errors, side by side with harper.js (a rule-based checker; `./harper.ts` says which
 *    lint kinds count) and the underline-everything baseline, on the same units:
 *    - `fce-tsv`: FCE public test, token labels (Rei & Yannakoudakis 2016); tokens joined as
 *      typed (`joinTokens`: "don't", "it's", "word,"; `--spaced-tokens` joins them all with
 *      spaces, the files' form and the model card's numbers before this change); every token
 *      counts, punctuation included (the checker never flags it).
 *    - `fce-dev`, `fce-test`: FCE dev/test JSON as whole essays; words labelled from the
 *      annotators' edits (`labelEssay` in ./datasets.ts: a word is wrong when an edit's span
 *      overlaps it, a missing word marks the word after the gap (the word before it when
 *      punctuation or a line break follows the gap), punctuation-only and capitalisation-only
 *      edits left out).
 *    - `jfleg`: JFLEG dev (M2; a token is wrong when at least 2 of 4 annotators marked it by
 *      the FCE sets' rules: `readJflegM2` — changed tokens, the word after a missing word,
 *      punctuation-only edits left out), tokens joined as for `fce-tsv`.
 *    For each: precision, recall, F0.5 at the default threshold (`DEFAULT_THRESHOLD`),
 *    ROC-AUC, underline-everything, harper.js; then a recall breakdown by error type on the
 *    FCE JSON sets (`fceErrorType` maps the CLC codes), for the model and harper.js.
 * 3. The threshold choice: `recommendThreshold` (./metrics.ts) on FCE dev (the development
 *    set): the best F0.5 among thresholds 0.01…0.99 whose precision is >= 0.5 with at least 20
 *    flagged words; where none reaches 0.5, the best F0.5. Its P/R/F0.5 are printed on every
 *    set, beside each set's own best threshold (an oracle). The model pipeline ships this
 *    threshold as DEFAULT_THRESHOLD (`recommendedThreshold` in the JSON).
 *
 * 4. Suggestions (`suggest-fce-dev`, `suggest-fce-test`, `suggest-jfleg`; ./suggestions.ts): on the
 *    one-word errors, top-1 and top-3 accuracy of the suggestions of flagged errors and the share
 *    of all one-word errors fixed end to end by the first suggestion, beside harper.js's lints
 *    and their suggestions. `--suggestions` runs only these three sets.
 * 5. Homophone swaps (`homophones`; ./homophone-swaps.ts): corpus dev paragraphs with one
 *    homophone swapped in every other one; P/R/F0.5 of the model with its homophone check, of the
 *    discriminator alone and of harper.js, on the same words.
 *
 * 6. Real-word slips (`real-word-slips`; ./real-word-slips.ts): corpus dev paragraphs with one word
 *    replaced by a real word one slip away ("better" → "batter"); flagged, first fix right, false
 *    flags added.
 *
 * Flags: `--sets` a comma list of synthetic, homophones, real-word-slips, fce-tsv, fce-dev, fce-test, jfleg, suggest-fce-dev,
 * suggest-fce-test, suggest-jfleg (default all); `--suggestions` (the three suggest-* sets only);
 * `--limit N` the first N sentences/essays of each learner set (quick checks); `--paragraphs N`
 * synthetic paragraphs (600); `--no-harper`; `--harper-cache FILE|none` (harper's lints by text,
 * default models/training/.work/harper-cache.json); `--spaced-tokens`; `--json PATH` (alias `--out`) where the
 * machine-readable results go (default models/training/.work/eval-<model folder>.json).
 *
 * The JSON (for the model card): `synthetic` {frequency, generator: {words, auc,
 * precisionAt50Recall}}; `learner[set]` {name, unit, texts, units, wrong, auc, atDefault,
 * atRecommended, best, everything, harper: {threshold, precision, recall, f05, flagged}
 * (fractions; `harper.threshold` is meaningless), harperLintsByKind, seconds}; `byType[set]`
 * {model, harper, modelAtRecommended: {type: {wrong, found, recall}}}; `recommendedThreshold`
 * and `recommendation` {chosenOn, threshold, precision, recall, f05, floorReached,
 * minPrecision}; `harper` {version, dialect, kinds, kindsLeftOut}; `defaultThreshold`;
 * `seconds`. NaN is written as null.
 *
 * The evaluation sets stay in ../shared/eval (research licences); nothing is copied.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Checker } from '../../src/core/checker';
import type { ScoringWindow } from '../../src/core/prepare';
import { DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD } from '../../src/core/defaults';
import { openModelFolder } from '../../src/core/model-folder';
import { NetworkSession } from '../../src/core/runtime';
import { WordClass, WordPieceTokenizer } from '../../src/core/tokenizer';
import { ERROR_TYPES, readFce, readFceJson, readJflegM2, type LabelledSentence } from './datasets';
import { HARPER_KINDS, HARPER_KINDS_LEFT_OUT, openHarper, type Harper } from './harper';
import { homophoneSwaps } from './homophone-swaps';
import { plantSlips, scoreSlips, slipParagraphs, slipReport } from './real-word-slips';
import { correctedEssays, joined, jflegReference, measureFalseAlarms, measureStability, projectDocs, renderFalseAlarms, techdocsDev, type CleanSet, type FalseAlarmRow, type Stability } from './false-alarms';
import { readFceOneWord, readJflegOneWord, scoreSuggestions, type SuggestionScore } from './suggestions';
import { alignScores, bestF05, flagsFromSpans, precisionAtRecall, prfAt, prfOfFlags, recallByGroup, recommendThreshold, rocAuc, underlineEverything, type GroupRecall, type PrfAt } from './metrics';
import { rng } from './random';

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = process.env.ELECTRA_SHARED_DIR ?? [path.join(ROOT, '..', 'shared'), '/work/shared'].find((p) => existsSync(p)) ?? path.join(ROOT, '..', 'shared');
const DATA = path.join(ROOT, 'models', 'training', '.work', 'data');

/** Labelled words of one text: spans in UTF-16 offsets of `text`. */
interface Labelled {
  text: string;
  spans: Array<{ start: number; end: number; wrong: boolean }>;
}


/** Ensures the dev split exists (prepare_corpus.py is deterministic: same seed, same split). */
function ensureDevSplit(): void {
  if (existsSync(path.join(DATA, 'dev_words.txt')) && existsSync(path.join(DATA, 'dev.txt'))) return;
  console.error('eval: preparing the corpus dev split (models/training/prepare_corpus.py, a few minutes)…');
  execFileSync('/usr/bin/python3', [path.join(ROOT, 'models', 'training', 'prepare_corpus.py')], { stdio: 'inherit' });
}

/** The corpus dev split's paragraphs (one per non-blank line of dev.txt). */
function devParagraphs(): string[] {
  return readFileSync(path.join(DATA, 'dev.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/** (a) `dev_words.txt`: paragraphs where replaced words are marked `<<word>>`. */
function frequencyReplaced(limit: number): Labelled[] {
  const lines = readFileSync(path.join(DATA, 'dev_words.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.slice(0, limit).map((line) => {
    let text = '';
    const replaced: Array<{ start: number; end: number }> = [];
    let last = 0;
    for (const m of line.matchAll(/<<(.*?)>>/g)) {
      text += line.slice(last, m.index);
      replaced.push({ start: text.length, end: text.length + m[1].length });
      text += m[1];
      last = m.index + m[0].length;
    }
    text += line.slice(last);
    return { text, spans: replaced.map((r) => ({ ...r, wrong: true })) };
  });
}

/**
 * (b) Generator samples: in each dev paragraph (cut to fit one window), 15% of words are
 * masked (one [MASK] per word) and replaced by a whole word sampled from the generator's
 * softmax (letters only, not the original).
 */
async function generatorReplaced(modelDir: string, limit: number, seed: number): Promise<Labelled[]> {
  const folder = await openModelFolder(modelDir);
  if (!folder.generator) return [];
  const tokenizer = WordPieceTokenizer.load(folder);
  const gen = await NetworkSession.open(folder.generator.onnxPath, 'cpu', () => undefined);
  const allowed: boolean[] = [];
  for (let id = 0; id < folder.config.vocabSize; id++) allowed.push(/^\p{L}+$/u.test(tokenizer.token(id)));
  const random = rng(seed);
  const paragraphs = devParagraphs();
  const out: Labelled[] = [];
  for (const paragraph of paragraphs.slice(0, limit)) {
    const t = await tokenizer.tokenize(paragraph);
    // Keep whole words up to 120 tokens: the windows of training were at most 128.
    let words = t.wordStart.length;
    while (words > 0 && t.wordEndToken[words - 1] > 120) words--;
    const candidates: number[] = [];
    for (let w = 0; w < words; w++) if (t.wordClass[w] === WordClass.Word) candidates.push(w);
    const chosen = new Set(candidates.filter(() => random() < 0.15));
    if (chosen.size === 0) continue;
    const ids: number[] = [tokenizer.clsId];
    const maskAt = new Map<number, number>();
    for (let w = 0; w < words; w++) {
      if (chosen.has(w)) {
        maskAt.set(w, ids.length);
        ids.push(tokenizer.maskId);
      } else {
        for (let k = t.wordFirstToken[w]; k < t.wordEndToken[w]; k++) ids.push(t.ids[k]);
      }
    }
    ids.push(tokenizer.sepId);
    const logits = await gen.run({ ids: BigInt64Array.from(ids.map(BigInt)), mask: new BigInt64Array(ids.length).fill(1n), rows: 1, seq: ids.length });
    const vocab = logits.dims[2];
    let text = '';
    let cursor = 0;
    const spans: Labelled['spans'] = [];
    for (let w = 0; w < words; w++) {
      const at = maskAt.get(w);
      if (at === undefined) continue;
      const original = paragraph.slice(t.wordStart[w], t.wordEnd[w]).toLowerCase();
      const sample = sampleWord(logits.data.subarray(at * vocab, (at + 1) * vocab), allowed, tokenizer, original, random);
      text += paragraph.slice(cursor, t.wordStart[w]);
      spans.push({ start: text.length, end: text.length + sample.length, wrong: true });
      text += sample;
      cursor = t.wordEnd[w];
    }
    text += paragraph.slice(cursor, words > 0 ? t.wordEnd[words - 1] : 0);
    out.push({ text, spans });
  }
  await gen.release();
  return out;
}

function sampleWord(row: Float32Array, allowed: boolean[], tokenizer: WordPieceTokenizer, original: string, random: () => number): string {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (allowed[i] && row[i] > max) max = row[i];
  let total = 0;
  const weights = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) {
    if (!allowed[i] || tokenizer.token(i) === original) continue;
    weights[i] = Math.exp(row[i] - max);
    total += weights[i];
  }
  let r = random() * total;
  for (let i = 0; i < row.length; i++) {
    r -= weights[i];
    if (r <= 0 && weights[i] > 0) return tokenizer.token(i);
  }
  return 'the';
}

/**
 * Scores every synthetic text and pairs each scored word with its label: a word is wrong
 * when it overlaps a replaced span.
 */
async function scoreSynthetic(checker: Checker, items: Labelled[]): Promise<{ scores: number[]; labels: boolean[] }> {
  const scores: number[] = [];
  const labels: boolean[] = [];
  const chunk = 64;
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const docs = await checker.scoreMany(part.map((p) => ({ source: p.text, format: 'plaintext' as const })));
    part.forEach((item, k) => {
      let s = 0;
      for (const word of docs[k].words) {
        while (s < item.spans.length && item.spans[s].end <= word.start) s++;
        const span = item.spans[s];
        scores.push(word.score);
        labels.push(span !== undefined && span.wrong && span.start < word.end);
      }
    });
  }
  return { scores, labels };
}

/**
 * Each labelled unit's score: the max score of the checker's words overlapping it (0 when none);
 * and whether the homophone check marked one of those words.
 */
async function scoreUnits(checker: Checker, items: LabelledSentence[], progress: (done: number) => void): Promise<{ scores: number[]; homophone: boolean[] }> {
  const scores: number[] = [];
  const homophone: boolean[] = [];
  const chunk = 64;
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const docs = await checker.scoreMany(part.map((p) => ({ source: p.text, format: 'plaintext' as const })));
    part.forEach((item, k) => {
      scores.push(...alignScores(item.tokens, docs[k].words));
      homophone.push(...flagsFromSpans(item.tokens, docs[k].words.filter((w) => w.homophone)));
    });
    progress(Math.min(items.length, i + chunk));
  }
  return { scores, homophone };
}

const LEARNER_SETS = {
  'fce-tsv': { name: 'FCE public test (token labels)', unit: 'tokens', read: (spaced: boolean) => readFce(path.join(SHARED, 'eval', 'fce', 'fce-public.test.original.tsv'), spaced) },
  'fce-dev': { name: 'FCE dev JSON (whole essays)', unit: 'words', read: () => readFceJson(path.join(SHARED, 'eval', 'fce', 'fce-dev.json')) },
  'fce-test': { name: 'FCE test JSON (whole essays)', unit: 'words', read: () => readFceJson(path.join(SHARED, 'eval', 'fce', 'fce-test.json')) },
  // The same essays as one paragraph each (line breaks as spaces; same words, same offsets): a word's
  // score must not depend on how much text surrounds it.
  'fce-dev-joined': { name: 'FCE dev JSON joined into one paragraph', unit: 'words', read: () => readFceJson(path.join(SHARED, 'eval', 'fce', 'fce-dev.json')).map((e) => ({ ...e, text: joined(e.text) })) },
  'fce-test-joined': { name: 'FCE test JSON joined into one paragraph', unit: 'words', read: () => readFceJson(path.join(SHARED, 'eval', 'fce', 'fce-test.json')).map((e) => ({ ...e, text: joined(e.text) })) },
  jfleg: { name: 'JFLEG dev (tokens, >= 2 of 4 annotators)', unit: 'tokens', read: (spaced: boolean) => readJflegM2(path.join(SHARED, 'eval', 'jfleg-dev', 'dev.ref.m2'), 2, spaced) },
} as const;
type LearnerKey = keyof typeof LEARNER_SETS;
/** Suggestion accuracy on the one-word errors (./suggestions.ts). */
const SUGGESTION_SETS = {
  'suggest-fce-dev': { name: 'FCE dev JSON', read: () => readFceOneWord(path.join(SHARED, 'eval', 'fce', 'fce-dev.json')) },
  'suggest-fce-test': { name: 'FCE test JSON', read: () => readFceOneWord(path.join(SHARED, 'eval', 'fce', 'fce-test.json')) },
  'suggest-jfleg': { name: 'JFLEG dev', read: () => readJflegOneWord(path.join(SHARED, 'eval', 'jfleg-dev', 'dev.ref.m2')) },
} as const;
type SuggestionKey = keyof typeof SUGGESTION_SETS;
/** `--window LENGTH[:OVERLAP][:sentence]`: another window than the model's (at most its own length), to choose one. */
function parseWindow(spec: string): Partial<ScoringWindow> {
  const [length, overlap, unit] = spec.split(':');
  const w: Partial<ScoringWindow> = { length: Number(length) };
  if (overlap) w.overlap = Number(overlap);
  if (unit === 'sentence' || unit === 'block') w.unit = unit;
  if (!(w.length! >= 8) || (w.overlap !== undefined && !(w.overlap >= 0)) || (unit && !w.unit)) throw new Error(`--window takes LENGTH[:OVERLAP][:sentence|block], got '${spec}'`);
  return w;
}

const ALL_SETS = ['synthetic', 'homophones', 'real-word-slips', ...Object.keys(LEARNER_SETS), 'false-alarms', 'stability', ...Object.keys(SUGGESTION_SETS)] as const;

/** Clean texts of the `false-alarms` set (./false-alarms.ts), each as written and joined where it has paragraphs. */
function cleanSets(limit: number): CleanSet[] {
  const fce = (split: 'dev' | 'test'): string[] => correctedEssays(path.join(SHARED, 'eval', 'fce', `fce-${split}.json`)).slice(0, limit);
  const plain = (texts: string[]) => texts.map((text) => ({ text, format: 'plaintext' as const }));
  const ref = path.join(SHARED, 'eval', 'jfleg-dev', 'dev.ref0');
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
/** Corpus dev paragraphs the homophone swaps are drawn from: [3000, 5000) of dev.txt, since the
 * first 3,000 were used to choose the homophone check's settings (`suggest/homophones.ts`). */
const HOMOPHONE_PARAGRAPHS = { from: 3000, count: 2000 };
/** The development set the default threshold is chosen on. */
const DEV_SET: LearnerKey = 'fce-dev';

interface LearnerRun {
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

const pct = (x: number): string => (Number.isNaN(x) ? '–' : (100 * x).toFixed(1));
const prf = (p: PrfAt): string => `${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f05)}`;
const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;
const log = (msg: string): void => void process.stderr.write(`eval: ${msg}\n`);

async function runLearnerSet(key: LearnerKey, checker: Checker, harper: Harper | undefined, limit: number, spaced: boolean): Promise<LearnerRun> {
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
    key,
    texts: items.length,
    scores,
    homophone,
    labels: units.map((u) => u.wrong),
    types: units.map((u) => u.types),
    harper: flags,
    harperKinds: kinds,
    seconds: { model: modelSeconds, harper: seconds(t) },
  };
  log(`${key}: ${items.length} texts, ${units.length} ${LEARNER_SETS[key].unit}, model ${run.seconds.model} s, harper ${run.seconds.harper} s`);
  return run;
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

  const started = Date.now();
  const window = values.window === undefined ? undefined : parseWindow(values.window);
  const checker = await Checker.create({ modelDir, provider: 'cpu', window });
  const result: Record<string, unknown> = {
    model: checker.info.name,
    dir: modelDir,
    defaultThreshold: DEFAULT_THRESHOLD,
    date: new Date().toISOString(),
    sets,
    limit: Number.isFinite(limit) ? limit : null,
    spacedTokens: values['spaced-tokens'],
    window: checker.window,
  };
  const lines: string[] = [`## Evaluation of \`${checker.info.name}\``, ''];

  if (sets.includes('synthetic')) {
    const t = Date.now();
    ensureDevSplit();
    const a = await scoreSynthetic(checker, frequencyReplaced(paragraphs));
    const b = await scoreSynthetic(checker, await generatorReplaced(modelDir, paragraphs, 7));
    const synthetic = {
      frequency: { words: a.scores.length, auc: rocAuc(a.scores, a.labels), precisionAt50Recall: precisionAtRecall(a.scores, a.labels, 0.5) },
      generator: { words: b.scores.length, auc: rocAuc(b.scores, b.labels), precisionAt50Recall: precisionAtRecall(b.scores, b.labels, 0.5) },
      seconds: seconds(t),
    };
    log(`synthetic: ${synthetic.seconds} s`);
    result.synthetic = synthetic;
    lines.push('Synthetic replaced-token detection (corpus dev split, 15% of words replaced; word level):', '');
    lines.push('| replacements | words | ROC-AUC | precision at 50% recall |', '|---|---:|---:|---:|');
    lines.push(`| (a) random words by corpus frequency | ${synthetic.frequency.words} | ${synthetic.frequency.auc.toFixed(3)} | ${pct(synthetic.frequency.precisionAt50Recall)} |`);
    lines.push(`| (b) generator samples | ${synthetic.generator.words} | ${synthetic.generator.auc.toFixed(3)} | ${pct(synthetic.generator.precisionAt50Recall)} |`, '');
  }

  const learnerKeys = (Object.keys(LEARNER_SETS) as LearnerKey[]).filter((k) => sets.includes(k));
  const suggestionKeys = (Object.keys(SUGGESTION_SETS) as SuggestionKey[]).filter((k) => sets.includes(k));
  let harper: Harper | undefined;
  if ((learnerKeys.length > 0 || suggestionKeys.length > 0 || sets.includes('homophones') || sets.includes('false-alarms')) && !values['no-harper']) {
    harper = await openHarper(ROOT, values['harper-cache'] === 'none' ? undefined : path.resolve(values['harper-cache']!));
    result.harper = { version: harper.version, dialect: 'British', kinds: HARPER_KINDS, kindsLeftOut: HARPER_KINDS_LEFT_OUT };
  }
  if (sets.includes('homophones')) {
    const t = Date.now();
    ensureDevSplit();
    const paragraphs = devParagraphs();
    const { from, count } = HOMOPHONE_PARAGRAPHS;
    const items = homophoneSwaps(paragraphs.slice(from, from + Math.min(limit, count)));
    const labels = items.flatMap((item) => item.tokens.map((u) => u.wrong));
    const withCheck = await scoreUnits(checker, items, () => undefined);
    const alone = await Checker.create({ modelDir, provider: 'cpu', homophoneCheck: false, window });
    const without = await scoreUnits(alone, items, () => undefined).finally(() => alone.dispose());
    const flags = harper ? (await harper.lint(items.map((item) => item.text))).spans.flatMap((spans, i) => flagsFromSpans(items[i].tokens, spans)) : undefined;
    const homophones = {
      texts: items.length,
      words: labels.length,
      swaps: labels.filter(Boolean).length,
      withCheck: prfAt(withCheck.scores, labels, DEFAULT_THRESHOLD),
      discriminatorAlone: prfAt(without.scores, labels, DEFAULT_THRESHOLD),
      harper: flags ? prfOfFlags(flags, labels) : null,
      seconds: seconds(t),
    };
    result.homophones = homophones;
    log(`homophones: ${items.length} texts, ${homophones.swaps} swaps, ${homophones.seconds} s`);
    const row = (name: string, m: PrfAt | null): string => `| ${name} | ${m ? `${prf(m)} | ${m.flagged}` : '– | – | – | –'} |`;
    lines.push(`Homophone swaps (\`homophone-swaps.ts\`: ${items.length} corpus dev paragraphs holding a homophone (of paragraphs ${from}–${from + count - 1}, held out from choosing the check's settings), ${homophones.swaps} of them with one swapped for another member of its set; the units are their ${homophones.words} words of homophone sets), default threshold ${DEFAULT_THRESHOLD}, in %:`, '');
    lines.push('| checker | P | R | F0.5 | homophones flagged |', '|---|---:|---:|---:|---:|');
    lines.push(row('model with the homophone check (what users run)', homophones.withCheck), row('discriminator alone (homophoneCheck: false)', homophones.discriminatorAlone), row('harper.js', homophones.harper), '');
  }
  if (sets.includes('real-word-slips')) {
    ensureDevSplit();
    const slips = await scoreSlips(checker, plantSlips(slipParagraphs(path.join(DATA, 'dev.txt'), limit)), DEFAULT_THRESHOLD);
    result.realWordSlips = slips;
    log(`real-word slips: ${slips.slips} plants, ${slips.seconds} s`);
    lines.push(...slipReport(slips, DEFAULT_THRESHOLD));
  }
  if (sets.includes('false-alarms') || sets.includes('stability')) {
    const t = Date.now();
    const rows: FalseAlarmRow[] = [];
    if (sets.includes('false-alarms')) for (const set of cleanSets(limit)) rows.push(await measureFalseAlarms(checker, harper, set, DEFAULT_THRESHOLD));
    let stability: Stability | undefined;
    if (sets.includes('stability')) stability = await measureStability(checker, LEARNER_SETS['fce-dev'].read().slice(0, limit).map((e) => e.text), DEFAULT_THRESHOLD);
    result.falseAlarms = rows;
    result.stability = stability ?? null;
    log(`false alarms and stability: ${seconds(t)} s`);
    lines.push(...renderFalseAlarms(rows, stability, DEFAULT_THRESHOLD));
  }
  const runs: LearnerRun[] = [];
  for (const key of learnerKeys) runs.push(await runLearnerSet(key, checker, harper, limit, values['spaced-tokens']!));
  if (suggestionKeys.length > 0) {
    const bySet: Record<string, { model: SuggestionScore; harper: SuggestionScore | null; seconds: number }> = {};
    for (const key of suggestionKeys) {
      const t = Date.now();
      const items = SUGGESTION_SETS[key].read().slice(0, limit);
      const tty = process.stderr.isTTY;
      const r = await scoreSuggestions(checker, harper, items, (done) => tty && process.stderr.write(`\reval: ${key}: ${done}/${items.length}`));
      if (tty) process.stderr.write('\n');
      bySet[key] = { ...r, seconds: seconds(t) };
      log(`${key}: ${items.length} texts, ${r.model.errors} one-word errors, ${bySet[key].seconds} s`);
    }
    result.suggestions = bySet;
    const share = (n: number, d: number): string => `${pct(n / d)} (${n}/${d})`;
    lines.push(`Suggestions on one-word errors (replace, delete or insert one word), default threshold ${DEFAULT_THRESHOLD}: top-1 and top-3 are the shares of flagged errors whose first / one of the first three suggestions is the annotators' correction; end to end is the share of all one-word errors fixed by the first suggestion. In %:`, '');
    lines.push('| set | one-word errors | model flagged | top-1 | top-3 | end to end | harper.js flagged | top-1 | top-3 | end to end |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const key of suggestionKeys) {
      const { model: m, harper: h } = bySet[key];
      const hc = h ? `${share(h.flagged, h.errors)} | ${share(h.top1, h.flagged)} | ${share(h.top3, h.flagged)} | ${share(h.top1, h.errors)}` : '– | – | – | –';
      lines.push(`| ${SUGGESTION_SETS[key].name} | ${m.errors} | ${share(m.flagged, m.errors)} | ${share(m.top1, m.flagged)} | ${share(m.top3, m.flagged)} | ${share(m.top1, m.errors)} | ${hc} |`);
    }
    lines.push('');
  }
  await harper?.dispose();

  if (runs.length > 0) {
    const dev = runs.find((r) => r.key === DEV_SET);
    const recommendation = dev ? recommendThreshold(dev.scores, dev.labels) : undefined;
    const perSet: Record<string, unknown> = {};
    for (const r of runs) {
      const wrong = r.labels.filter(Boolean).length;
      perSet[r.key] = {
        name: LEARNER_SETS[r.key].name,
        unit: LEARNER_SETS[r.key].unit,
        texts: r.texts,
        units: r.labels.length,
        wrong,
        auc: rocAuc(r.scores, r.labels),
        atDefault: prfAt(r.scores, r.labels, DEFAULT_THRESHOLD),
        atRecommended: recommendation ? prfAt(r.scores, r.labels, recommendation.threshold) : null,
        best: bestF05(r.scores, r.labels),
        everything: underlineEverything(r.labels),
        harper: r.harper ? prfOfFlags(r.harper, r.labels) : null,
        harperLintsByKind: r.harperKinds ?? null,
        homophoneCheck: { marked: r.homophone.filter(Boolean).length, wrong: r.homophone.filter((m, i) => m && r.labels[i]).length },
        seconds: r.seconds,
      };
    }
    result.learner = perSet;

    lines.push(`Learner errors at the default threshold ${DEFAULT_THRESHOLD} (precision, recall, F0.5 in %; units the checker does not score count as not flagged):`, '');
    lines.push('| set | units | wrong % | ROC-AUC | model P | R | F0.5 | underline all P | F0.5 | harper.js P | R | F0.5 |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of runs) {
      const m = perSet[r.key] as { units: number; wrong: number; auc: number; atDefault: PrfAt; everything: PrfAt; harper: PrfAt | null };
      const h = m.harper ? prf(m.harper) : '– | – | –';
      lines.push(`| ${LEARNER_SETS[r.key].name} | ${m.units} ${LEARNER_SETS[r.key].unit} | ${pct(m.wrong / m.units)} | ${m.auc.toFixed(3)} | ${prf(m.atDefault)} | ${pct(m.everything.precision)} | ${pct(m.everything.f05)} | ${h} |`);
    }
    lines.push('');
    const marked = runs.map((r) => {
      const c = (perSet[r.key] as { homophoneCheck: { marked: number; wrong: number } }).homophoneCheck;
      return `${LEARNER_SETS[r.key].name} ${c.marked} (${c.wrong} annotated wrong)`;
    });
    lines.push(`The model's scores include the homophone check (a sound-alike word marked when the model is >= 99% sure, pairwise, that its homophone belongs there; \`src/core/suggest/homophones.ts\`). Units it marked: ${marked.join('; ')}.`, '');

    const typed = runs.filter((r) => r.types.some((t) => t !== undefined));
    if (typed.length > 0) {
      const byType: Record<string, { model: Record<string, GroupRecall>; harper: Record<string, GroupRecall> | null; modelAtRecommended: Record<string, GroupRecall> | null }> = {};
      for (const r of typed) {
        byType[r.key] = {
          model: recallByGroup(r.scores.map((s) => s >= DEFAULT_THRESHOLD), r.types, ERROR_TYPES),
          harper: r.harper ? recallByGroup(r.harper, r.types, ERROR_TYPES) : null,
          modelAtRecommended: recommendation ? recallByGroup(r.scores.map((s) => s >= recommendation.threshold), r.types, ERROR_TYPES) : null,
        };
      }
      result.byType = byType;
      lines.push(`Recall by error type (FCE JSON edits, CLC codes mapped by \`fceErrorType\`; a word with several types counts in each), default threshold ${DEFAULT_THRESHOLD}, in %:`, '');
      lines.push(`| error type | ${typed.map((r) => `${r.key} wrong words | model R | harper.js R`).join(' | ')} |`);
      lines.push(`|---|${typed.map(() => '---:|---:|---:').join('|')}|`);
      for (const type of ERROR_TYPES) {
        const cells = typed.map((r) => {
          const m = byType[r.key].model[type];
          const h = byType[r.key].harper?.[type];
          return `${m.wrong} | ${pct(m.recall)} | ${h ? pct(h.recall) : '–'}`;
        });
        lines.push(`| ${type} | ${cells.join(' | ')} |`);
      }
      lines.push('');
    }

    if (recommendation) {
      result.recommendedThreshold = recommendation.threshold;
      result.recommendation = { chosenOn: DEV_SET, ...recommendation };
      const how = recommendation.floorReached
        ? `the best F0.5 among thresholds with precision >= ${pct(recommendation.minPrecision)}%`
        : `no threshold reaches precision ${pct(recommendation.minPrecision)}% on ${DEV_SET}, so the best F0.5`;
      lines.push(`Threshold choice: \`recommendThreshold\` on ${DEV_SET} (${how}): **${recommendation.threshold.toFixed(2)}** (shipped default: ${DEFAULT_THRESHOLD}).`, '');
      lines.push(`| set | recommended ${recommendation.threshold.toFixed(2)}: P | R | F0.5 | set's own best (oracle): threshold | P | R | F0.5 |`);
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
      for (const r of runs) {
        const m = perSet[r.key] as { atRecommended: PrfAt; best: PrfAt };
        lines.push(`| ${LEARNER_SETS[r.key].name} | ${prf(m.atRecommended)} | ${m.best.threshold.toFixed(3)} | ${prf(m.best)} |`);
      }
      lines.push('');
    } else {
      lines.push(`Threshold choice: needs ${DEV_SET} in --sets.`, '');
    }
    if (harper) lines.push(`harper.js ${harper.version} (British English) counts lints of the kinds ${HARPER_KINDS.join(', ')}; left out: ${HARPER_KINDS_LEFT_OUT.join(', ')}.`);
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

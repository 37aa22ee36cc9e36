/**
 * `npm run eval [-- --model DIR] [--paragraphs N]`: every quality number of the model card,
 * measured through the same TypeScript pipeline users run (extraction, tokenizer,
 * windows, onnxruntime-node).
 *
 * 1. Synthetic replaced-token detection on the corpus dev split (held out by
 *    models/training/prepare_corpus.py): 15% of words replaced (a) by random words drawn by
 *    corpus frequency (the prepared `dev_words.txt`), (b) by generator samples. Word-level
 *    ROC-AUC and precision at 50% recall.
 * 2. Real learner errors: FCE public test (token labels) and JFLEG dev (M2 edits, a token is
 *    wrong when at least 2 of 4 annotators changed it). Precision, recall and F0.5 at the
 *    default threshold and at each set's best threshold. The default threshold is chosen on
 *    JFLEG dev (the development set; FCE test is not tuned on): see `recommendThreshold`.
 *
 * The evaluation sets stay in ../shared/eval (research licences); nothing is copied.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Checker } from '../../src/core/checker';
import { DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD } from '../../src/core/defaults';
import { openModelFolder } from '../../src/core/model-folder';
import { NetworkSession } from '../../src/core/runtime';
import { WordClass, WordPieceTokenizer } from '../../src/core/tokenizer';
import type { WordScore } from '../../src/core/types';
import { readFce, readJflegM2, type LabelledSentence } from './datasets';
import { bestF05, precisionAtRecall, prfAt, rocAuc, type PrfAt } from './metrics';
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
  const paragraphs = readFileSync(path.join(DATA, 'dev.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
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
 * Scores every labelled text and pairs each scored word with its label: a word is wrong
 * when it overlaps a wrong span. With `allSpans`, every span gets the max score of the
 * words inside it, 0 when it has none (punctuation a checker of words never flags).
 */
async function scoreLabelled(checker: Checker, items: Labelled[], allSpans: boolean): Promise<{ scores: number[]; labels: boolean[] }> {
  const scores: number[] = [];
  const labels: boolean[] = [];
  const chunk = 64;
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const docs = await checker.scoreMany(part.map((p) => ({ source: p.text, format: 'plaintext' as const })));
    part.forEach((item, k) => {
      const words: WordScore[] = docs[k].words;
      if (allSpans) {
        let w = 0;
        for (const span of item.spans) {
          while (w < words.length && words[w].end <= span.start) w++;
          let best = 0;
          for (let v = w; v < words.length && words[v].start < span.end; v++) best = Math.max(best, words[v].score);
          scores.push(best);
          labels.push(span.wrong);
        }
      } else {
        let s = 0;
        for (const word of words) {
          while (s < item.spans.length && item.spans[s].end <= word.start) s++;
          const span = item.spans[s];
          scores.push(word.score);
          labels.push(span !== undefined && span.wrong && span.start < word.end);
        }
      }
    });
  }
  return { scores, labels };
}

/** A default threshold should not underline more than this share of the words of a learner essay. */
const MAX_FLAGGED_SHARE = 0.1;

/**
 * The default threshold: the best F0.5 on the development set among thresholds that flag at
 * most `MAX_FLAGGED_SHARE` of its scored words (the unconstrained best flags about a fifth of
 * the words of a learner essay, which reads as noise), rounded to two decimals.
 */
function recommendThreshold(scores: number[], labels: boolean[]): PrfAt {
  const scored = scores.filter((x) => x > 0).length;
  let best: PrfAt | undefined;
  for (let t = 0.01; t < 1; t += 0.01) {
    const p = prfAt(scores, labels, Math.round(t * 100) / 100);
    if (p.flagged <= MAX_FLAGGED_SHARE * scored && (!best || p.f05 > best.f05)) best = p;
  }
  return best ?? prfAt(scores, labels, 0.99);
}

const fromSentences = (sentences: LabelledSentence[]): Labelled[] => sentences.map((s) => ({ text: s.text, spans: s.tokens }));
const pct = (x: number): string => (100 * x).toFixed(1);
const row = (name: string, p: PrfAt): string => `| ${name} | ${p.threshold.toFixed(3)} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f05)} |`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_MODEL_DIR },
      paragraphs: { type: 'string', default: '600' },
      out: { type: 'string' },
    },
  });
  const modelDir = path.resolve(values.model!);
  const limit = Number(values.paragraphs);
  ensureDevSplit();
  const checker = await Checker.create({ modelDir, provider: 'cpu' });
  const started = Date.now();
  const result: Record<string, unknown> = { model: checker.info.name, dir: modelDir, defaultThreshold: DEFAULT_THRESHOLD };
  const lines: string[] = [`## Evaluation of \`${checker.info.name}\``, ''];

  const a = await scoreLabelled(checker, frequencyReplaced(limit), false);
  const b = await scoreLabelled(checker, await generatorReplaced(modelDir, limit, 7), false);
  const synthetic = {
    frequency: { words: a.scores.length, auc: rocAuc(a.scores, a.labels), precisionAt50Recall: precisionAtRecall(a.scores, a.labels, 0.5) },
    generator: { words: b.scores.length, auc: rocAuc(b.scores, b.labels), precisionAt50Recall: precisionAtRecall(b.scores, b.labels, 0.5) },
  };
  result.synthetic = synthetic;
  lines.push('Synthetic replaced-token detection (corpus dev split, 15% of words replaced; word level):', '');
  lines.push('| replacements | words | ROC-AUC | precision at 50% recall |', '|---|---:|---:|---:|');
  lines.push(`| (a) random words by corpus frequency | ${synthetic.frequency.words} | ${synthetic.frequency.auc.toFixed(3)} | ${pct(synthetic.frequency.precisionAt50Recall)} |`);
  lines.push(`| (b) generator samples | ${synthetic.generator.words} | ${synthetic.generator.auc.toFixed(3)} | ${pct(synthetic.generator.precisionAt50Recall)} |`, '');

  const fcePath = path.join(SHARED, 'eval', 'fce', 'fce-public.test.original.tsv');
  const jflegPath = path.join(SHARED, 'eval', 'jfleg-dev', 'dev.ref.m2');
  const fce = await scoreLabelled(checker, fromSentences(readFce(fcePath)), true);
  const jfleg = await scoreLabelled(checker, fromSentences(readJflegM2(jflegPath)), true);
  const jflegBest = bestF05(jfleg.scores, jfleg.labels);
  const recommended = recommendThreshold(jfleg.scores, jfleg.labels);
  const fceBest = bestF05(fce.scores, fce.labels);
  result.learner = {
    fce: { tokens: fce.scores.length, wrong: fce.labels.filter(Boolean).length, auc: rocAuc(fce.scores, fce.labels), atDefault: prfAt(fce.scores, fce.labels, DEFAULT_THRESHOLD), atJflegBest: prfAt(fce.scores, fce.labels, jflegBest.threshold), best: fceBest },
    jfleg: { tokens: jfleg.scores.length, wrong: jfleg.labels.filter(Boolean).length, auc: rocAuc(jfleg.scores, jfleg.labels), atDefault: prfAt(jfleg.scores, jfleg.labels, DEFAULT_THRESHOLD), best: jflegBest },
  };
  lines.push('Learner errors (token level; tokens the checker does not score count as not flagged):', '');
  lines.push(`FCE public test: ${fce.scores.length} tokens, ${fce.labels.filter(Boolean).length} wrong, ROC-AUC ${rocAuc(fce.scores, fce.labels).toFixed(3)}. JFLEG dev: ${jfleg.scores.length} tokens, ${jfleg.labels.filter(Boolean).length} wrong, ROC-AUC ${rocAuc(jfleg.scores, jfleg.labels).toFixed(3)}.`, '');
  lines.push('| set, threshold | threshold | precision % | recall % | F0.5 % |', '|---|---:|---:|---:|---:|');
  lines.push(row('FCE test, default threshold', prfAt(fce.scores, fce.labels, DEFAULT_THRESHOLD)));
  lines.push(row('FCE test, JFLEG-dev-best threshold', prfAt(fce.scores, fce.labels, jflegBest.threshold)));
  lines.push(row('FCE test, best threshold (oracle)', fceBest));
  lines.push(row('JFLEG dev, default threshold', prfAt(jfleg.scores, jfleg.labels, DEFAULT_THRESHOLD)));
  lines.push(row('JFLEG dev, best threshold', jflegBest));
  lines.push(row(`JFLEG dev, recommended default (best F0.5 flagging <= ${100 * MAX_FLAGGED_SHARE}% of words)`, recommended), '');
  result.recommendedThreshold = recommended.threshold;
  lines.push(`Measured in ${((Date.now() - started) / 1000).toFixed(0)} s on ${checker.info.provider}.`);
  await checker.dispose();

  console.log(lines.join('\n'));
  const out = values.out ?? path.join(ROOT, 'models', 'training', '.work', `eval-${path.basename(modelDir)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.error(`eval: wrote ${out}`);
}

main().catch((e: unknown) => {
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});

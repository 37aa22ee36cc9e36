/**
 * Synthetic replaced-token detection (`synthetic`) on the corpus dev split (held out by
 * models/training/prepare_corpus.py): 15% of words replaced (a) by random words drawn by corpus
 * frequency (the prepared `dev_words.txt`), (b) by generator samples. Word-level ROC-AUC and
 * precision at 50% recall.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Checker } from '../../src/core/checker';
import { openModelFolder } from '../../src/core/model-folder';
import { NetworkSession } from '../../src/core/runtime';
import { WordClass, WordPieceTokenizer } from '../../src/core/tokenizer';
import { precisionAtRecall, rocAuc } from './metrics';
import { DATA, devParagraphs, ensureDevSplit } from './paths';
import { rng } from './random';
import { pct, scoreChunks, seconds } from './score-units';

/** Labelled words of one text: spans in UTF-16 offsets of `text`. */
interface Labelled {
  text: string;
  spans: Array<{ start: number; end: number; wrong: boolean }>;
}

export interface SyntheticResult {
  frequency: { words: number; auc: number; precisionAt50Recall: number };
  generator: { words: number; auc: number; precisionAt50Recall: number };
  seconds: number;
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

/** Every word of every synthetic text with its score and whether it overlaps a replaced span. */
async function scoreSynthetic(checker: Checker, items: Labelled[]): Promise<{ scores: number[]; labels: boolean[] }> {
  const scores: number[] = [];
  const labels: boolean[] = [];
  await scoreChunks(checker, items.map((p) => p.text), (docs, first) => docs.forEach((doc, k) => {
    const item = items[first + k];
    let s = 0;
    for (const word of doc.words) {
      while (s < item.spans.length && item.spans[s].end <= word.start) s++;
      const span = item.spans[s];
      scores.push(word.score);
      labels.push(span !== undefined && span.wrong && span.start < word.end);
    }
  }));
  return { scores, labels };
}

/** Both synthetic sets on the first `paragraphs` dev paragraphs. */
export async function measureSynthetic(checker: Checker, modelDir: string, paragraphs: number): Promise<SyntheticResult> {
  const t = Date.now();
  ensureDevSplit();
  const a = await scoreSynthetic(checker, frequencyReplaced(paragraphs));
  const b = await scoreSynthetic(checker, await generatorReplaced(modelDir, paragraphs, 7));
  return {
    frequency: { words: a.scores.length, auc: rocAuc(a.scores, a.labels), precisionAt50Recall: precisionAtRecall(a.scores, a.labels, 0.5) },
    generator: { words: b.scores.length, auc: rocAuc(b.scores, b.labels), precisionAt50Recall: precisionAtRecall(b.scores, b.labels, 0.5) },
    seconds: seconds(t),
  };
}

export function renderSynthetic(r: SyntheticResult): string[] {
  return [
    'Synthetic replaced-token detection (corpus dev split, 15% of words replaced; word level):', '',
    '| replacements | words | ROC-AUC | precision at 50% recall |', '|---|---:|---:|---:|',
    `| (a) random words by corpus frequency | ${r.frequency.words} | ${r.frequency.auc.toFixed(3)} | ${pct(r.frequency.precisionAt50Recall)} |`,
    `| (b) generator samples | ${r.generator.words} | ${r.generator.auc.toFixed(3)} | ${pct(r.generator.precisionAt50Recall)} |`, '',
  ];
}

/**
 * The model's word scores of every essay, computed once per model and essay text and cached as
 * JSON lines in `models/training/.work/` (git-ignored), so ablations, splits and re-runs never
 * run the model again. The key is the model folder's manifest (it holds every file's sha256), the
 * windows it is scored in (`scoringWindow`) and the homophone check's settings (both change scores),
 * and the sha256 of the essay text.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker } from '../../src/core/checker';
import { openModelFolder } from '../../src/core/model-folder';
import { scoringWindow } from '../../src/core/prepare';
import { round } from '../../src/core/grade/measure/numbers';
import { HOMOPHONE_CONFIDENCE, HOMOPHONE_CONTEXT_WORDS, HOMOPHONE_MIN_SCORE } from '../../src/core/suggest/homophones';
import type { ScoredText } from '../../src/core/types';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Cached line: text hash, words `[start, end, score, sentence]`, sentences `[start, end]`. */
interface Line { h: string; w: number[][]; s: number[][] }

/** The scored words of each text (same order), from the cache or the model. */
export async function scoreTexts(texts: readonly string[], modelDir: string, cacheDir: string, log: (s: string) => void): Promise<ScoredText[]> {
  const manifest = join(modelDir, 'manifest.json');
  const window = scoringWindow((await openModelFolder(modelDir, { trustUnverified: true })).config);
  const check = JSON.stringify({ HOMOPHONE_CONFIDENCE, HOMOPHONE_CONTEXT_WORDS, HOMOPHONE_MIN_SCORE, window });
  const key = sha(Buffer.concat([existsSync(manifest) ? readFileSync(manifest) : Buffer.from(modelDir), Buffer.from(check)])).slice(0, 12);
  mkdirSync(cacheDir, { recursive: true });
  const cache = join(cacheDir, `grading-scores-${key}.jsonl`);
  const cached = new Map<string, Line>();
  if (existsSync(cache)) {
    for (const l of readFileSync(cache, 'utf8').split('\n')) {
      if (!l) continue;
      try { const c = JSON.parse(l) as Line; cached.set(c.h, c); } catch { /* a line cut short by an interrupted run */ }
    }
  }
  const hashes = texts.map((t) => sha(t).slice(0, 24));
  const todo = [...new Set(texts.map((_, i) => i).filter((i) => !cached.has(hashes[i])).map((i) => hashes[i]))];
  if (todo.length) {
    const byHash = new Map(texts.map((t, i) => [hashes[i], t]));
    const checker = await Checker.create({ modelDir, log });
    log(`Scoring ${todo.length} essays with ${checker.info.name} on ${checker.info.provider} (cache ${cache})`);
    const t0 = Date.now();
    try {
      for (const [i, h] of todo.entries()) {
        const doc = await checker.score(byHash.get(h)!, 'plaintext');
        const line: Line = { h, w: doc.words.map((w) => [w.start, w.end, round(w.score, 5), w.sentence]), s: doc.sentences.map((s) => [s.start, s.end]) };
        cached.set(h, line);
        appendFileSync(cache, `${JSON.stringify(line)}\n`);
        if ((i + 1) % 50 === 0 || i + 1 === todo.length) log(`  ${i + 1}/${todo.length} (${((Date.now() - t0) / 1000 / (i + 1)).toFixed(2)} s/essay)`);
      }
    } finally {
      await checker.dispose();
    }
  }
  return texts.map((text, i) => {
    const c = cached.get(hashes[i])!;
    return {
      words: c.w.map(([start, end, score, sentence]) => ({ start, end, score, sentence, text: text.slice(start, end) })),
      sentences: c.s.map(([start, end]) => ({ start, end })),
      wordCount: c.w.length,
    };
  });
}

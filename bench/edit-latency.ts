/**
 * Edit latency: the extension's own path — whole-document extraction, the paragraph
 * cache (`scoreIncrementally`), and flag selection (`selectFlags`) — on a large Markdown
 * document already checked; each step changes one word in a different paragraph and
 * times until the new flags are ready. `scoreBlocks` is either the Checker in-process or
 * the real worker process (`dist/worker.js`, over IPC, as the extension runs it).
 */
import { DEFAULT_THRESHOLD } from '../src/core/defaults';
import { extractProse } from '../src/core/extract';
import type { ScoredText } from '../src/core/types';
import { selectFlags } from '../src/extension/flags';
import { scoreIncrementally } from '../src/extension/incremental-scorer';
import { ParagraphCache } from '../src/extension/paragraph-cache';
import { median, percentile, timed } from './stats';

export interface EditLatency {
  words: number;
  edits: number;
  firstCheckMs: number;
  medianMs: number;
  p90Ms: number;
  /** Medians of the parts of one edit. */
  extractMs: number;
  scoreMs: number;
  selectMs: number;
  blocksRescored: number;
  totalBlocks: number;
  /** Flags (words at or above the default threshold, and repeats) after the last edit. */
  flags: number;
}

export async function editLatency(source: string, edits: number, scoreBlocks: (texts: string[]) => Promise<ScoredText[]>): Promise<EditLatency> {
  const cache = new ParagraphCache<ScoredText>();
  const ignored = new Set<string>();
  const check = async (src: string): Promise<{ extract: number; score: number; select: number; rescored: number; total: number; words: number; flags: number }> => {
    const e = await timed(() => extractProse(src, 'markdown'));
    const s = await timed(() => scoreIncrementally(e.value, cache, scoreBlocks));
    const f = await timed(() => selectFlags(src, s.value.words, DEFAULT_THRESHOLD, ignored));
    return { extract: e.ms, score: s.ms, select: f.ms, rescored: s.value.scoredBlocks, total: s.value.totalBlocks, words: s.value.words.length, flags: f.value.length };
  };
  const first = await timed(() => check(source));
  const totals: number[] = [];
  const warmup = 3; // untimed edits first: an editor's host is long-lived, its JIT warm
  const parts: Array<{ extract: number; score: number; select: number; rescored: number; total: number; flags: number }> = [];
  let doc = source;
  for (let i = 0; i < edits + warmup; i++) {
    // A paragraph line spread over the document (not a heading or list item), one of its middle words.
    const lines = [...doc.matchAll(/^[A-Z][^\n]{80,}$/gm)];
    if (lines.length === 0) throw new Error('no paragraphs to edit in the benchmark document');
    const line = lines[Math.floor((((i * 7919) % (edits + warmup)) + 0.5) / (edits + warmup) * lines.length)];
    const at = line.index! + line[0].indexOf(' ', line[0].length >> 1) + 1;
    const end = doc.indexOf(' ', at);
    const word = doc.slice(at, end);
    // A different word each time (so the edited paragraph is never cached), same length class.
    doc = doc.slice(0, at) + (word === 'this' ? 'that' : 'this') + doc.slice(end);
    const r = await timed(() => check(doc));
    if (i < warmup) continue;
    totals.push(r.ms);
    parts.push(r.value);
  }
  return {
    words: first.value.words,
    edits,
    firstCheckMs: first.ms,
    medianMs: median(totals),
    p90Ms: percentile(totals, 90),
    extractMs: median(parts.map((p) => p.extract)),
    scoreMs: median(parts.map((p) => p.score)),
    selectMs: median(parts.map((p) => p.select)),
    blocksRescored: median(parts.map((p) => p.rescored)),
    totalBlocks: parts[0].total,
    flags: parts[parts.length - 1].flags,
  };
}

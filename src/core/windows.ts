/**
 * Windowing: a block's tokens are cut into windows of at most `capacity` tokens
 * (`maxLength - 2`: [CLS] and [SEP] are added), ending on sentence boundaries where
 * possible and overlapping, so that every token can be scored in a window where it
 * has context on both sides. Windows of many blocks are batched (sorted by length
 * to reduce padding) into few session runs.
 */
import type { BatchInput, Logits } from './runtime';

/** Token range `[start, end)` of one block's token array. */
export interface TokenRange {
  start: number;
  end: number;
}

export interface WindowOptions {
  /** Most tokens per window, special tokens excluded. */
  capacity: number;
  /** Tokens the next window reaches back into the previous one (default capacity/4). */
  overlap?: number;
  /** 'sentence': every sentence is its own window (a longer one is cut as a block would be), so a
   * word's score depends on its sentence alone; 'block' (default): windows fill up to `capacity`. */
  unit?: 'block' | 'sentence';
}

/**
 * Plans windows over `n` tokens. `sentenceStarts`: token indices where sentences
 * begin (sorted); `isWordStart(t)`: whether token t begins a word (windows never cut
 * a word when they can avoid it). A block that fits gives exactly one window `[0, n)`.
 */
export function planWindows(n: number, sentenceStarts: ArrayLike<number>, isWordStart: (t: number) => boolean, options: WindowOptions): TokenRange[] {
  if (options.unit === 'sentence') {
    const bounds = [...Array.from(sentenceStarts).filter((s) => s > 0 && s < n), n];
    const out: TokenRange[] = [];
    let from = 0;
    for (const to of bounds) {
      if (to <= from) continue;
      for (const w of planWindows(to - from, [0], (t) => isWordStart(from + t), { ...options, unit: 'block' })) out.push({ start: from + w.start, end: from + w.end });
      from = to;
    }
    return out.length > 0 ? out : [{ start: 0, end: n }];
  }
  const cap = Math.max(2, options.capacity);
  if (n <= cap) return [{ start: 0, end: n }];
  const overlap = Math.min(Math.floor(cap / 2), Math.max(0, options.overlap ?? Math.floor(cap / 4)));
  const windows: TokenRange[] = [];
  let ws = 0;
  for (;;) {
    const limit = ws + cap;
    if (limit >= n) {
      windows.push({ start: ws, end: n });
      return windows;
    }
    // End before the last sentence start that keeps the window at least half full, else at a word start.
    let we = lastIn(sentenceStarts, ws + Math.ceil(cap / 2), limit);
    if (we < 0) we = lastWordStart(isWordStart, ws + 1, limit);
    windows.push({ start: ws, end: we });
    const from = Math.max(ws + 1, we - overlap);
    let next = firstIn(sentenceStarts, from, we - 1);
    if (next < 0) next = firstWordStart(isWordStart, from, we - 1);
    ws = next < 0 ? from : next;
  }
}

/**
 * For each token of a block, the window in which it has the most context: the
 * largest distance to a window edge that is not also the block's edge. Ties go to the
 * earlier window. Returns the window index per token.
 */
export function bestWindowPerToken(n: number, windows: TokenRange[]): Int32Array {
  const owner = new Int32Array(n).fill(-1);
  const best = new Float64Array(n).fill(-1);
  windows.forEach((w, wi) => {
    for (let t = w.start; t < w.end; t++) {
      const left = w.start > 0 ? t - w.start : Infinity;
      const right = w.end < n ? w.end - 1 - t : Infinity;
      const ctx = Math.min(left, right);
      if (ctx > best[t]) {
        best[t] = ctx;
        owner[t] = wi;
      }
    }
  });
  return owner;
}

/** One block's tokens to score. */
export interface BlockTokens {
  ids: Int32Array;
  windows: TokenRange[];
}

export interface BatchOptions {
  clsId: number;
  sepId: number;
  padId: number;
  /** Most windows per session run (default 16). */
  batchSize?: number;
  /** Most padded tokens per session run (default 16384), to bound memory. */
  maxBatchTokens?: number;
}

/** One padded session run: its input and, per row, the block and window it holds. */
export interface PlannedBatch {
  input: BatchInput;
  jobs: Array<{ block: number; window: number; range: TokenRange }>;
}

/**
 * Packs every window of every block into padded batches, longest windows first (so each
 * batch pads to similar lengths), at most `batchSize` rows and `maxBatchTokens` padded
 * tokens per batch. Pure: `scoreWindows` runs exactly these batches (benchmarks run them
 * too, as the ceiling).
 */
export function planBatches(blocks: BlockTokens[], options: BatchOptions): PlannedBatch[] {
  const jobs: PlannedBatch['jobs'] = [];
  blocks.forEach((b, bi) => b.windows.forEach((range, wi) => {
    if (range.end > range.start) jobs.push({ block: bi, window: wi, range });
  }));
  jobs.sort((a, b) => (b.range.end - b.range.start) - (a.range.end - a.range.start));

  const batchSize = Math.max(1, options.batchSize ?? 16);
  const maxTokens = Math.max(1, options.maxBatchTokens ?? 16384);
  const out: PlannedBatch[] = [];
  for (let i = 0; i < jobs.length;) {
    const seq = jobs[i].range.end - jobs[i].range.start + 2; // longest first: the batch's padded length
    let rows = 1;
    while (i + rows < jobs.length && rows < batchSize && (rows + 1) * seq <= maxTokens) rows++;
    const batch = jobs.slice(i, i + rows);
    // int64 tensors written through 32-bit views (low word first: every platform
    // onnxruntime-node ships for is little-endian), so no BigInt per token.
    const ids = new BigInt64Array(rows * seq);
    const mask = new BigInt64Array(rows * seq);
    const ids32 = new Uint32Array(ids.buffer);
    const mask32 = new Uint32Array(mask.buffer);
    for (let k = 0; k < rows * seq; k++) ids32[2 * k] = options.padId;
    batch.forEach((job, r) => {
      const src = blocks[job.block].ids;
      const o = r * seq;
      const len = job.range.end - job.range.start;
      ids32[2 * o] = options.clsId;
      for (let k = 0; k < len; k++) ids32[2 * (o + 1 + k)] = src[job.range.start + k];
      ids32[2 * (o + 1 + len)] = options.sepId;
      for (let k = 0; k < len + 2; k++) mask32[2 * (o + k)] = 1;
    });
    out.push({ input: { ids, mask, rows, seq }, jobs: batch });
    i += rows;
  }
  return out;
}

/**
 * Runs every window of every block through `run` in the batches of `planBatches` and
 * returns, per block, one logit per token taken from the token's best window
 * (`bestWindowPerToken`).
 */
export async function scoreWindows(blocks: BlockTokens[], run: (batch: BatchInput) => Promise<Logits>, options: BatchOptions): Promise<Float32Array[]> {
  const out = blocks.map((b) => new Float32Array(b.ids.length));
  const owners = blocks.map((b) => bestWindowPerToken(b.ids.length, b.windows));
  for (const { input, jobs } of planBatches(blocks, options)) {
    const { rows, seq } = input;
    const logits = await run(input);
    if (logits.dims.length !== 2 || logits.dims[0] !== rows || logits.dims[1] !== seq) {
      throw new Error(`discriminator returned logits [${logits.dims.join(', ')}], expected [${rows}, ${seq}]`);
    }
    jobs.forEach((job, r) => {
      const owner = owners[job.block];
      const dest = out[job.block];
      for (let t = job.range.start; t < job.range.end; t++) {
        if (owner[t] === job.window) dest[t] = logits.data[r * seq + 1 + (t - job.range.start)];
      }
    });
  }
  return out;
}

/** Largest value of sorted `xs` within `[lo, hi]`, or -1. */
function lastIn(xs: ArrayLike<number>, lo: number, hi: number): number {
  let found = -1;
  for (let k = 0; k < xs.length && xs[k] <= hi; k++) if (xs[k] >= lo) found = xs[k];
  return found;
}

/** Smallest value of sorted `xs` within `[lo, hi]`, or -1. */
function firstIn(xs: ArrayLike<number>, lo: number, hi: number): number {
  for (let k = 0; k < xs.length && xs[k] <= hi; k++) if (xs[k] >= lo) return xs[k];
  return -1;
}

function lastWordStart(isWordStart: (t: number) => boolean, lo: number, hi: number): number {
  for (let t = hi; t >= lo; t--) if (isWordStart(t)) return t;
  return hi;
}

function firstWordStart(isWordStart: (t: number) => boolean, lo: number, hi: number): number {
  for (let t = lo; t <= hi; t++) if (isWordStart(t)) return t;
  return -1;
}

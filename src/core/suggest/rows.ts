/**
 * Short token rows through a session: batched by similar length (less padding), read back row
 * by row; and the top-k of a logit row. The suggester's plumbing.
 */
import type { Logits } from '../runtime';

/** Rows per session run. */
const ROWS_PER_RUN = 64;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Indices of the `k` largest values of `xs`, largest first. */
export function topK(xs: Float32Array, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (idx.length < k) {
      idx.push(i);
      if (idx.length === k) idx.sort((a, b) => xs[b] - xs[a]);
    } else if (xs[i] > xs[idx[k - 1]]) {
      let p = k - 1;
      while (p > 0 && xs[idx[p - 1]] < xs[i]) {
        idx[p] = idx[p - 1];
        p--;
      }
      idx[p] = i;
    }
  }
  if (idx.length < k) idx.sort((a, b) => xs[b] - xs[a]);
  return idx;
}

export type Run = (batch: { ids: BigInt64Array; mask: BigInt64Array; rows: number; seq: number }) => Promise<Logits>;

/** Per-token probabilities of each row (discriminator). */
function tokenProbs(data: Float32Array, dims: readonly number[], b: number, _i: number, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let k = 0; k < length; k++) out[k] = sigmoid(data[b * dims[1] + k]);
  return out;
}

/**
 * Runs `rows` (token id lists) through `run` in batches of similar length (less padding), at
 * most `ROWS_PER_RUN` rows each; `extract` reads row `b` of a batch's output, the `i`-th row given.
 */
export async function runRows(
  rows: number[][], run: Run, padId: number,
  extract: (data: Float32Array, dims: readonly number[], b: number, i: number, length: number) => Float32Array = tokenProbs,
): Promise<Float32Array[]> {
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].length - rows[b].length);
  const out = new Array<Float32Array>(rows.length);
  for (let s = 0; s < order.length; s += ROWS_PER_RUN) {
    const part = order.slice(s, s + ROWS_PER_RUN);
    const seq = Math.max(...part.map((i) => rows[i].length));
    const ids = new BigInt64Array(part.length * seq).fill(BigInt(padId));
    const mask = new BigInt64Array(part.length * seq);
    part.forEach((i, b) => rows[i].forEach((id, k) => {
      ids[b * seq + k] = BigInt(id);
      mask[b * seq + k] = 1n;
    }));
    const res = await run({ ids, mask, rows: part.length, seq });
    part.forEach((i, b) => { out[i] = extract(res.data, res.dims, b, i, rows[i].length); });
  }
  return out;
}

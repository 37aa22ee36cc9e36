/**
 * Throughput of `Checker.score` over a set of documents, side by side with (a) the
 * ceiling — the same planned batches (same pre-tokenized windows, same shapes) run
 * straight through an onnxruntime session — and (b) the peer, transformers.js on the same
 * model folder. The ceiling and the peer score windows only, so they are compared with the
 * checker without its homophone check (`plain`); the checker users run (with it) is timed
 * beside them, so the check's cost is a ratio of the same run. Engines take turns within each
 * round so machine noise hits all alike.
 */
import { Checker } from '../src/core/checker';
import { extractProse } from '../src/core/extract';
import { defaultBatchSize } from '../src/core/prepare';
import { NetworkSession, type BatchInput } from '../src/core/runtime';
import { plannedBatches } from '../test/unit/helpers/planned-batches';
import type { Peer } from './peer';
import { median, timed } from './stats';

export interface ThroughputResult {
  words: number;
  tokens: number;
  docs: number;
  runs: number;
  /** Median milliseconds per round: the checker as users run it, and without its homophone check. */
  checkerMs: number;
  plainMs: number;
  /** Median of per-round (with the homophone check) / (without) time ratios. */
  homophoneCost: number;
  ceilingMs: number;
  peerMs?: number;
  /** Medians of the per-round ratios. */
  ofCeiling: number;
  vsPeer?: number;
  peerTokens?: number;
}

export async function throughput(checker: Checker, plain: Checker, docs: string[], runs: number, peer?: Peer): Promise<ThroughputResult> {
  const ceilingSession = await NetworkSession.open(`${checker.info.dir}/onnx/model.onnx`, checker.info.provider, () => undefined);
  const planned: BatchInput[][] = [];
  for (const d of docs) planned.push(await plannedBatches(checker.info.dir, [{ source: d, format: 'markdown' }], defaultBatchSize(checker.info.provider)));
  const tokens = planned.flat().reduce((n, b) => n + countMask(b), 0);
  const paragraphs = docs.map((d) => {
    const p = extractProse(d, 'markdown');
    return p.blocks.map((b) => p.text.slice(b.start, b.end));
  });
  let words = 0;
  for (const d of docs) words += (await checker.score(d, 'markdown')).wordCount; // also warms up
  await plain.score(docs[0], 'markdown');
  for (const b of planned[0]) await ceilingSession.run(b);
  if (peer) await peer.score(paragraphs[0]);

  const c: number[] = [];
  const n: number[] = [];
  const k: number[] = [];
  const p: number[] = [];
  let peerTokens = 0;
  for (let r = 0; r < runs; r++) {
    // Engines take turns per document (a few hundred ms each), in a rotating order, so
    // that the load of a shared machine drifts over all of them alike.
    let tc = 0;
    let tn = 0;
    let tk = 0;
    let tp = 0;
    peerTokens = 0;
    for (let d = 0; d < docs.length; d++) {
      const turns: Array<() => Promise<void>> = [
        async () => { tc += (await timed(() => checker.score(docs[d], 'markdown'))).ms; },
        async () => { tn += (await timed(() => plain.score(docs[d], 'markdown'))).ms; },
        async () => { tk += (await timed(async () => { for (const b of planned[d]) await ceilingSession.run(b); })).ms; },
      ];
      if (peer) turns.push(async () => { const t = await timed(() => peer.score(paragraphs[d])); tp += t.ms; peerTokens += t.value; });
      for (let i = 0; i < turns.length; i++) await turns[(i + d + r) % turns.length]();
    }
    c.push(tc);
    n.push(tn);
    k.push(tk);
    p.push(tp);
  }
  await ceilingSession.release();
  return {
    words,
    tokens,
    docs: docs.length,
    runs,
    checkerMs: median(c),
    plainMs: median(n),
    homophoneCost: median(c.map((x, i) => x / n[i])),
    ceilingMs: median(k),
    peerMs: peer ? median(p) : undefined,
    ofCeiling: median(n.map((x, i) => k[i] / x)),
    vsPeer: peer ? median(n.map((x, i) => p[i] / x)) : undefined,
    peerTokens: peer ? peerTokens : undefined,
  };
}

function countMask(b: BatchInput): number {
  const m = new Uint32Array(b.mask.buffer);
  let n = 0;
  for (let i = 0; i < m.length; i += 2) n += m[i];
  return n;
}

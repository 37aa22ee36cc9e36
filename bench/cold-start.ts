/**
 * Cold start: from spawning the real inference worker (`dist/worker.js`) to the first
 * flags of a 1,000-word Markdown document through the extension's path (extraction,
 * paragraph cache, worker `scoreBlocks`, flag selection). A fresh worker each run; the
 * host's modules are already loaded (as after activation).
 */
import { DEFAULT_THRESHOLD } from '../src/core/defaults';
import { extractProse } from '../src/core/extract';
import type { ProviderName, ScoredText } from '../src/core/types';
import { selectFlags } from '../src/extension/flags';
import { scoreIncrementally } from '../src/extension/incremental-scorer';
import { ParagraphCache } from '../src/extension/paragraph-cache';
import { median, timed } from './stats';
import { startWorker } from './worker-process';

export interface ColdStart {
  provider: ProviderName;
  runs: number;
  /** Median ms: worker spawn + model load (the `info` request). */
  loadMs: number;
  /** Median ms: the first check after the load. */
  firstCheckMs: number;
  totalMs: number;
}

/** `provider`: what the worker is asked for (the extension asks for `auto` unless set). */
export async function coldStart(modelDir: string, source: string, runs: number, provider: ProviderName = 'cpu'): Promise<ColdStart> {
  const load: number[] = [];
  const first: number[] = [];
  const total: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const client = startWorker(modelDir, { provider });
    try {
      await client.request('info', {}, 120_000);
      const t1 = performance.now();
      const check = await timed(async () => {
        const prose = extractProse(source, 'markdown');
        const cache = new ParagraphCache<ScoredText>();
        const res = await scoreIncrementally(prose, cache, (texts) => client.request('scoreBlocks', { texts }, 120_000));
        return selectFlags(source, res.words, DEFAULT_THRESHOLD, new Set());
      });
      load.push(t1 - t0);
      first.push(check.ms);
      total.push(performance.now() - t0);
    } finally {
      await client.dispose();
    }
  }
  return { provider, runs, loadMs: median(load), firstCheckMs: median(first), totalMs: median(total) };
}

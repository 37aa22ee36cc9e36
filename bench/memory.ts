/**
 * Memory of the inference process: the real worker (`dist/worker.js`) answers `check`
 * for many different small documents (as an editor sends paragraphs); its resident set
 * is sampled from /proc after the warm-up and at the end.
 */
import { median } from './stats';
import { startWorker, workerMemory } from './worker-process';

export interface MemoryResult {
  checks: number;
  afterLoadMiB: number;
  /** RSS after the first 10% of checks (arena warmed up) and at the end. */
  warmMiB: number;
  endMiB: number;
  peakMiB: number;
  growthMiB: number;
  medianCheckMs: number;
}

export async function memory(modelDir: string, docs: string[], checks: number): Promise<MemoryResult> {
  const client = startWorker(modelDir);
  try {
    await client.request('info', {}, 120_000);
    const afterLoad = workerMemory(client);
    let warm = afterLoad;
    const ms: number[] = [];
    for (let i = 0; i < checks; i++) {
      const t = performance.now();
      await client.request('check', { source: docs[i % docs.length], format: 'markdown' }, 120_000);
      ms.push(performance.now() - t);
      if (i + 1 === Math.ceil(checks / 10)) warm = workerMemory(client);
    }
    const end = workerMemory(client);
    if (!afterLoad || !warm || !end) throw new Error('cannot read the worker\'s memory from /proc (Linux only)');
    return {
      checks,
      afterLoadMiB: afterLoad.rssMiB,
      warmMiB: warm.rssMiB,
      endMiB: end.rssMiB,
      peakMiB: end.peakMiB,
      growthMiB: end.rssMiB - warm.rssMiB,
      medianCheckMs: median(ms),
    };
  } finally {
    await client.dispose();
  }
}

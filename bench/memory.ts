/**
 * Memory of the inference process: the real worker (`dist/worker.js`) answers `check`
 * for a cycle of different small documents (as an editor sends paragraphs); its resident
 * set is sampled from /proc after every tenth of the checks. "Growth" is over the second
 * half, when every document has been seen at least once (the first pass raises the
 * allocators' high-water marks: that is a peak, not a leak). The worker as shipped runs
 * beside the same worker without its memory settings (glibc's default malloc arenas,
 * V8's default young generation), in one run.
 */
import { median } from './stats';
import { startWorker, workerMemory } from './worker-process';

export interface MemoryResult {
  label: string;
  checks: number;
  afterLoadMiB: number;
  /** RSS after each tenth of the checks. */
  samplesMiB: number[];
  peakMiB: number;
  /** RSS at the end minus RSS at half-way. */
  growthMiB: number;
  medianCheckMs: number;
}

/** `env`: extra environment for the worker (e.g. `MALLOC_ARENA_MAX`); `nodeFlags`: its Node flags (default: the extension's). */
export async function memory(label: string, modelDir: string, docs: string[], checks: number, env: NodeJS.ProcessEnv = {}, nodeFlags?: string[]): Promise<MemoryResult> {
  const client = startWorker(modelDir, { env, nodeFlags });
  try {
    await client.request('info', {}, 120_000);
    const afterLoad = workerMemory(client);
    const samples: number[] = [];
    const ms: number[] = [];
    for (let i = 0; i < checks; i++) {
      const t = performance.now();
      await client.request('score', { source: docs[i % docs.length], format: 'markdown' }, 120_000); // a whole-document check (findings are a pure pass over these scores)
      ms.push(performance.now() - t);
      if ((i + 1) % Math.ceil(checks / 10) === 0 || i + 1 === checks) samples.push(workerMemory(client)?.rssMiB ?? NaN);
    }
    const end = workerMemory(client);
    if (!afterLoad || !end || samples.some(Number.isNaN)) throw new Error('cannot read the worker\'s memory from /proc (Linux only)');
    return {
      label,
      checks,
      afterLoadMiB: afterLoad.rssMiB,
      samplesMiB: samples,
      peakMiB: end.peakMiB,
      growthMiB: end.rssMiB - samples[Math.floor(samples.length / 2) - 1],
      medianCheckMs: median(ms),
    };
  } finally {
    await client.dispose();
  }
}

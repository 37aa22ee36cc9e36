/** The real inference worker (`dist/worker.js`) driven as the extension drives it, for cold start and memory. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProviderName } from '../src/core/types';
import { WorkerClient } from '../src/extension/worker-client';

export const WORKER_JS = resolve('dist/worker.js');

export function workerBuilt(): boolean {
  return existsSync(WORKER_JS);
}

/** The worker as the extension starts it, on `provider` (default cpu); `nodeFlags`/`env` replace or add to its process settings. */
export function startWorker(modelDir: string, opts: { provider?: ProviderName; nodeFlags?: string[]; env?: NodeJS.ProcessEnv } = {}): WorkerClient {
  return new WorkerClient({ modulePath: WORKER_JS, init: { modelDir: resolve(modelDir), provider: opts.provider ?? 'cpu' }, log: () => undefined, nodeFlags: opts.nodeFlags, env: opts.env });
}

/** Current and peak resident set size (MiB) of the worker's process, from /proc. */
export function workerMemory(client: WorkerClient): { rssMiB: number; peakMiB: number } | undefined {
  const pid = (client as unknown as { child?: ChildProcess }).child?.pid;
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * Talks to the inference worker, a forked Node process that owns the model, so that
 * inference never blocks the extension host and a native crash in the runtime kills
 * only the worker. The client spawns the worker on the first request, matches responses
 * to requests by id, and treats an exit or a request that exceeds its timeout (a hang:
 * the worker is killed) as a crash: it restarts the worker and re-sends every pending
 * request once; a request that fails twice is rejected with `WorkerCrashError`. After
 * `maxCrashes` crashes within `crashWindowMs` it stops restarting (so a broken model
 * does not fork-loop) until `reset()`.
 *
 * No `vscode` import: unit tests drive it with real child processes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ModelInfo } from '../core/types';
import type { InitParams, Method, Methods, Request, WireError, WorkerMessage } from '../worker/protocol';

export interface WorkerClientOptions {
  /** Absolute path of the worker's JS entry (`dist/worker.js`). */
  modulePath: string;
  init: InitParams;
  log: (level: 'info' | 'warn' | 'error', line: string) => void;
  /**
   * Node/V8 flags of the worker (default `WORKER_NODE_FLAGS`). Benchmarks pass others to
   * measure the defaults against.
   */
  nodeFlags?: string[];
  /** Extra environment of the worker, over the defaults below (benchmarks measure them). */
  env?: NodeJS.ProcessEnv;
  /** The worker's model description changed (a GPU provider failed mid-run and it now runs on the CPU). */
  onInfo?: (info: ModelInfo) => void;
  /** Crashes tolerated within `crashWindowMs` before giving up (default 3). */
  maxCrashes?: number;
  crashWindowMs?: number;
}

/**
 * V8's young generation grows to 16 MiB semi-spaces under the worker's allocation rate and
 * keeps them: capped at 1 MiB, the resident set stays flat over thousands of checks at the
 * same check time (BENCHMARKS.md, table 4).
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The worker died (or hung and was killed) twice while serving this request. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** The worker answered with an error (bad model, bad input): not retried. */
export class WorkerRequestError extends Error {
  override name = 'WorkerRequestError';
  readonly remoteName: string;
  readonly file?: string;
  readonly hint?: string;
  constructor(e: WireError) {
    super(e.message);
    this.remoteName = e.name;
    this.file = e.file;
    this.hint = e.hint;
  }
}

interface Pending {
  method: Method;
  params: unknown;
  timeoutMs: number;
  /** Times this request was sent to a worker. */
  attempts: number;
  timer?: NodeJS.Timeout;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class WorkerClient {
  private child?: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashTimes: number[] = [];
  private brokenReason?: string;
  private disposed = false;
  /** Number of worker processes started so far (for the log and tests). */
  spawnCount = 0;

  constructor(private readonly opts: WorkerClientOptions) {}

  /** Sends a request; `timeoutMs` bounds one attempt (a hang past it kills the worker). */
  request<M extends Exclude<Method, 'init'>>(
    method: M,
    params: Methods[M]['params'],
    timeoutMs: number,
  ): Promise<Methods[M]['result']> {
    if (this.disposed) return Promise.reject(new Error('The Electra Feedback worker was disposed.'));
    if (this.brokenReason) return Promise.reject(new WorkerCrashError(this.brokenReason));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const p: Pending = { method, params, timeoutMs, attempts: 0, resolve: resolve as (v: unknown) => void, reject };
      this.pending.set(id, p);
      this.send(id, p);
    });
  }

  /** Whether a worker process is running now. */
  get running(): boolean {
    return this.child !== undefined;
  }

  /** Forgets past crashes so the next request may start a worker again. */
  reset(): void {
    this.brokenReason = undefined;
    this.crashTimes = [];
  }

  /** Asks the worker to release the model and exit; kills it if it does not within `graceMs`. */
  async dispose(graceMs = 2000): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('The Electra Feedback worker was disposed.'));
    }
    this.pending.clear();
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      child.send({ id: 0, method: 'dispose', params: {} } satisfies Request<'dispose'>);
    } catch {
      // The channel is already closed; the kill below ends it.
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.opts.modulePath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Inside VS Code, process.execPath is Electron: run it as plain Node. onnxruntime's
      // intra-op threads each get a glibc malloc arena by default, and per-shape buffers
      // freed on one thread and reused on another fragment them: two arenas keep the
      // resident set flat (BENCHMARKS.md, table 4). A value the user set wins.
      env: { MALLOC_ARENA_MAX: '2', ...process.env, ...this.opts.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [...(this.opts.nodeFlags ?? WORKER_NODE_FLAGS)],
    });
    this.spawnCount++;
    this.child = child;
    this.opts.log('info', `worker started (pid ${child.pid})`);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => this.logLines('info', d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => this.logLines('warn', d));
    child.on('message', (m: WorkerMessage) => this.onMessage(child, m));
    child.on('error', (e) => this.onExit(child, `worker error: ${e.message}`));
    child.on('exit', (code, signal) => this.onExit(child, `worker exited (code ${code}, signal ${signal})`));
    child.send({ id: 0, method: 'init', params: this.opts.init } satisfies Request<'init'>);
    return child;
  }

  private send(id: number, p: Pending): void {
    p.attempts++;
    let child: ChildProcess;
    try {
      child = this.ensureChild();
    } catch (e) {
      this.pending.delete(id);
      p.reject(new WorkerCrashError(`Could not start the Electra Feedback worker: ${(e as Error).message}`));
      return;
    }
    p.timer = setTimeout(() => {
      this.opts.log('error', `worker did not answer "${p.method}" within ${p.timeoutMs} ms; killing it`);
      child.kill('SIGKILL');
    }, p.timeoutMs);
    child.send({ id, method: p.method, params: p.params } as Request);
  }

  private onMessage(from: ChildProcess, m: WorkerMessage): void {
    if (from !== this.child) return;
    if ('event' in m) {
      if (m.event === 'log') this.opts.log('info', m.line);
      else this.opts.onInfo?.(m.info);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if ('error' in m) p.reject(new WorkerRequestError(m.error));
    else p.resolve(m.result);
  }

  private onExit(from: ChildProcess, reason: string): void {
    if (from !== this.child) return; // an old worker, already replaced or disposed
    this.child = undefined;
    if (this.disposed) return;
    this.opts.log('error', reason);
    const now = Date.now();
    const window = this.opts.crashWindowMs ?? 60_000;
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < window), now];
    if (this.crashTimes.length >= (this.opts.maxCrashes ?? 3)) {
      this.brokenReason = `The Electra Feedback worker crashed ${this.crashTimes.length} times within ${Math.round(window / 1000)} s (last: ${reason}); not restarting it. Check the model and the execution provider, then run "Electra Feedback: Check Document".`;
    }
    const retry = [...this.pending.entries()];
    for (const [id, p] of retry) {
      clearTimeout(p.timer);
      if (p.attempts >= 2 || this.brokenReason) {
        this.pending.delete(id);
        p.reject(new WorkerCrashError(this.brokenReason ?? `The Electra Feedback worker failed twice on "${p.method}": ${reason}`));
      }
    }
    for (const [id, p] of this.pending) {
      this.opts.log('warn', `re-sending "${p.method}" to a new worker`);
      this.send(id, p);
    }
  }

  private logLines(level: 'info' | 'warn', chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) if (line.trim()) this.opts.log(level, `[worker] ${line}`);
  }
}

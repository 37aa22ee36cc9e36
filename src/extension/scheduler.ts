/**
 * When to check which document: a per-document debounce, at most one check running per
 * document (a request arriving meanwhile runs once after it), and the stale-result rule.
 * Timers are injectable so tests drive time without sleeping.
 */

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * A result computed for `computedVersion` is stale, and must be dropped, when the
 * document is now at another version (or closed: `currentVersion` undefined).
 */
export function isStale(computedVersion: number, currentVersion: number | undefined): boolean {
  return currentVersion === undefined || currentVersion !== computedVersion;
}

export class CheckScheduler {
  /** The pending debounce timer of each key. */
  private readonly pending = new Map<string, unknown>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private disposed = false;

  /** `run(key)` performs one check; its rejections are passed to `onError`. */
  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly onError: (key: string, e: unknown) => void,
    private readonly clock: Timers = realTimers,
  ) {}

  /** (Re)starts the key's quiet period; the check runs `delayMs` after the last call. */
  schedule(key: string, delayMs: number): void {
    if (this.disposed) return;
    this.cancelTimer(key);
    this.pending.set(
      key,
      this.clock.set(() => {
        this.pending.delete(key);
        this.start(key);
      }, delayMs),
    );
  }

  /** Runs the check now (still never two at once for one key). */
  now(key: string): void {
    this.cancelTimer(key);
    this.start(key);
  }

  /** Forgets the key: pending timer cancelled, a queued re-run dropped. */
  cancel(key: string): void {
    this.cancelTimer(key);
    this.again.delete(key);
  }

  isPending(key: string): boolean {
    return this.pending.has(key) || this.running.has(key) || this.again.has(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.pending.keys()]) this.cancelTimer(key);
    this.again.clear();
  }

  private start(key: string): void {
    if (this.disposed) return;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    this.running.add(key);
    void this.run(key)
      .catch((e) => this.onError(key, e))
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.start(key);
      });
  }

  private cancelTimer(key: string): void {
    const t = this.pending.get(key);
    if (t !== undefined) this.clock.clear(t);
    this.pending.delete(key);
  }
}

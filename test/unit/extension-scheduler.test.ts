// Per-document debounce, one check at a time per document, and the stale-result rule.
import { strict as assert } from 'node:assert';
import { CheckScheduler, isStale, type Timers } from '../../src/extension/scheduler';

/** Timers driven by the test: `fire()` runs every due callback. */
class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clear(h: unknown): void {
    this.due.delete(h as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.due]) {
      if (t.at <= this.now) {
        this.due.delete(id);
        t.fn();
      }
    }
  }
  get pending(): number {
    return this.due.size;
  }
}

/** A check whose completion the test controls. */
function controlledRun() {
  const calls: string[] = [];
  const finishers: Array<() => void> = [];
  let onCall: (() => void) | undefined;
  const run = (key: string) =>
    new Promise<void>((resolve) => {
      calls.push(key);
      finishers.push(resolve);
      onCall?.();
    });
  const nextCall = () => new Promise<void>((r) => (onCall = r));
  return { run, calls, finishers, nextCall };
}

describe('check scheduler', () => {
  it('runs once, delayMs after the last of rapid requests for a document', () => {
    const t = new ManualTimers();
    const c = controlledRun();
    const s = new CheckScheduler(c.run, () => assert.fail('no error expected'), t);
    s.schedule('a', 300);
    t.advance(200);
    s.schedule('a', 300);
    t.advance(200);
    assert.deepEqual(c.calls, []);
    t.advance(100);
    assert.deepEqual(c.calls, ['a']);
  });

  it('debounces documents independently', () => {
    const t = new ManualTimers();
    const c = controlledRun();
    const s = new CheckScheduler(c.run, () => {}, t);
    s.schedule('a', 100);
    s.schedule('b', 300);
    t.advance(100);
    assert.deepEqual(c.calls, ['a']);
    t.advance(200);
    assert.deepEqual(c.calls, ['a', 'b']);
  });

  it('never runs two checks of one document at once; a request meanwhile runs once after', async () => {
    const t = new ManualTimers();
    const c = controlledRun();
    const s = new CheckScheduler(c.run, () => {}, t);
    s.now('a');
    s.now('a');
    s.now('a');
    assert.deepEqual(c.calls, ['a']);
    const second = c.nextCall();
    c.finishers[0]();
    await second;
    assert.deepEqual(c.calls, ['a', 'a']);
    assert.ok(s.isPending('a'));
  });

  it('cancel drops the pending timer and a queued re-run', async () => {
    const t = new ManualTimers();
    const c = controlledRun();
    const s = new CheckScheduler(c.run, () => {}, t);
    s.schedule('a', 100);
    s.cancel('a');
    assert.equal(t.pending, 0);
    t.advance(1000);
    assert.deepEqual(c.calls, []);
    s.now('a');
    s.now('a'); // queued
    s.cancel('a');
    c.finishers[0]();
    await Promise.resolve();
    await Promise.resolve();
    assert.deepEqual(c.calls, ['a']);
  });

  it('reports a failed check and keeps scheduling', async () => {
    const t = new ManualTimers();
    const errors: string[] = [];
    let done!: () => void;
    const reported = new Promise<void>((r) => (done = r));
    const s = new CheckScheduler(
      async () => {
        throw new Error('model failed');
      },
      (key, e) => {
        errors.push(`${key}: ${(e as Error).message}`);
        done();
      },
      t,
    );
    s.now('a');
    await reported;
    assert.deepEqual(errors, ['a: model failed']);
  });

  it('does nothing after dispose', () => {
    const t = new ManualTimers();
    const c = controlledRun();
    const s = new CheckScheduler(c.run, () => {}, t);
    s.schedule('a', 10);
    s.dispose();
    t.advance(100);
    s.now('a');
    assert.deepEqual(c.calls, []);
  });

  it('treats a result as stale when the document moved on or closed', () => {
    assert.equal(isStale(3, 3), false);
    assert.equal(isStale(3, 4), true);
    assert.equal(isStale(3, undefined), true);
  });
});

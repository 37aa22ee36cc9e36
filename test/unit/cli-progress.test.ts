// The progress bar is drawn on stderr only for a terminal and several files, and erased at the end.
import * as assert from 'node:assert/strict';
import type { CliIO } from '../../src/cli/io';
import { progressBar } from '../../src/cli/progress';

function fakeIO(tty: boolean): CliIO & { err: string; out: string } {
  const io = {
    err: '',
    out: '',
    stdout: (s: string) => { io.out += s; },
    stderr: (s: string) => { io.err += s; },
    cwd: '/',
    readStdin: async () => new Uint8Array(),
    stderrIsTTY: tty,
  };
  return io;
}

describe('cli: progress', () => {
  it('draws a bar per file on a terminal and erases it', () => {
    const io = fakeIO(true);
    const p = progressBar(io, 4);
    p.step(0, 'a.md');
    p.step(2, 'c.md');
    p.done();
    assert.match(io.err, /\[ {24}\] 1\/4 a\.md/);
    assert.match(io.err, /\[#{12} {12}\] 3\/4 c\.md/);
    assert.ok(io.err.endsWith('\r\x1b[2K'));
    assert.equal(io.out, '');
  });

  it('stays silent when stderr is not a terminal, or for one file', () => {
    for (const [tty, total] of [[false, 5], [true, 1]] as const) {
      const io = fakeIO(tty);
      const p = progressBar(io, total);
      p.step(0, 'a.md');
      p.done();
      assert.equal(io.err, '');
    }
  });
});

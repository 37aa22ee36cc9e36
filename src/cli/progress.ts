/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and there is
 * more than one file; silent otherwise, so pipes and CI logs stay clean.
 */
import type { CliIO } from './io';

export interface Progress {
  /** File `index` (0-based) of `total` is starting. */
  step(index: number, label: string): void;
  /** Erases the bar. */
  done(): void;
}

const WIDTH = 24;

export function progressBar(io: CliIO, total: number): Progress {
  if (!io.stderrIsTTY || total <= 1) return { step: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    step(index, label) {
      const filled = Math.round((index / total) * WIDTH);
      const name = label.length > 40 ? `…${label.slice(-39)}` : label;
      io.stderr(`\r\x1b[2K[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${index + 1}/${total} ${name}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

/**
 * What a command reads and writes, injectable so tests run commands in-process. Every
 * command of `commands.ts` takes this one shape.
 */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Working directory against which relative paths are resolved. */
  cwd: string;
  /** Reads standard input as bytes (used for the path `-`), stopping once more than
   * `limit` bytes have arrived (so an endless stream cannot exhaust memory). */
  readStdin: (limit?: number) => Promise<Uint8Array>;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  stderrIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    readStdin: async (limit = Infinity) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const c of process.stdin) {
        chunks.push(c as Buffer);
        total += (c as Buffer).length;
        if (total > limit) {
          process.stdin.destroy();
          break;
        }
      }
      return Buffer.concat(chunks);
    },
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

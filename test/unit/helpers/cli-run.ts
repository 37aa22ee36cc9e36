/** Runs the CLI in-process (`main`) with an in-memory `CliIO`; collects stdout and stderr. The one CLI runner of the tests. */
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of `main`, in milliseconds. */
  ms: number;
}

export interface CliRunOptions {
  /** Standard input: text (UTF-8) or bytes. */
  stdin?: string | Uint8Array;
  /** Called with every piece of stderr as it is written (progress lines). */
  onStderr?: (s: string) => void;
}

export async function runCli(argv: string[], cwd: string, stdinOrOptions: string | CliRunOptions = ''): Promise<CliRun> {
  const opts: CliRunOptions = typeof stdinOrOptions === 'string' ? { stdin: stdinOrOptions } : stdinOrOptions;
  const stdin = typeof opts.stdin === 'string' ? Buffer.from(opts.stdin, 'utf8') : opts.stdin ?? new Uint8Array();
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; opts.onStderr?.(s); },
    cwd,
    readStdin: async () => stdin,
    stderrIsTTY: false,
  };
  const t0 = performance.now();
  const code = await main(argv, io);
  return { code, stdout, stderr, ms: performance.now() - t0 };
}

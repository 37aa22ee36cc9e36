/** Runs the CLI in-process (`main`) with an in-memory `CliIO`; collects stdout and stderr. */
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    cwd,
    readStdin: async () => Buffer.from(stdin, 'utf8'),
    stderrIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

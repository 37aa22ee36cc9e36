/**
 * The CLI as a function: dispatches argv to a command of `COMMANDS` and returns the
 * exit status. `main.ts` runs it for the process; tests call it in-process.
 */
import { version } from '../../package.json';
import { COMMANDS } from './commands';
import type { CliIO } from './io';

export function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: electra-feedback <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'electra-feedback <command> --help' for a command's options.
Options: -h, --help; --version`;
}

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'](`${mainUsage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`electra-feedback: unknown command '${name}'\n\n${mainUsage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.stderr(`electra-feedback ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    if (rest.includes('--verbose') || rest.includes('-v')) io.stderr(`${(e as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

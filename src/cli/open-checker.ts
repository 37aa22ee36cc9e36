/**
 * Loading the model for a CLI command, one way for every command: the model folder
 * resolved against the working folder, provider fallbacks said when the user named a
 * provider (or with --verbose), a load failure reported as "Cannot load the model: …".
 */
import * as path from 'node:path';
import { Checker } from '../core/checker';
import type { ProviderName } from '../core/types';
import type { CliIO } from './io';

export interface ModelArgs {
  /** `--model DIR` as given (relative to `io.cwd`); undefined: the embedded model. */
  model: string | undefined;
  provider: ProviderName;
  verbose: boolean;
}

/** Writes `what` and the error's message on stderr; the stack trace only with --verbose. */
export function reportError(io: CliIO, verbose: boolean, what: string, e: unknown): void {
  io.stderr(`${what}${e instanceof Error ? e.message : String(e)}\n`);
  if (verbose && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
}

/** The checker, or undefined after reporting why it could not load (the command exits with 2). */
export async function openChecker(args: ModelArgs, io: CliIO): Promise<Checker | undefined> {
  try {
    const checker = await Checker.create({
      modelDir: args.model === undefined ? undefined : path.resolve(io.cwd, args.model),
      provider: args.provider,
      // A provider the user named explicitly that could not run is always worth a line;
      // `auto` settling on the CPU is normal and said only with --verbose.
      log: (line) => { if (args.verbose || args.provider !== 'auto') io.stderr(`${line}\n`); },
    });
    if (args.verbose) io.stderr(`model ${checker.info.name} (${checker.info.dir}) on ${checker.info.provider}\n`);
    return checker;
  } catch (e) {
    reportError(io, args.verbose, 'Cannot load the model: ', e);
    return undefined;
  }
}

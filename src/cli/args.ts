/**
 * The CLI's one convention for arguments, shared by every command: node:util parseArgs,
 * values validated here, and a bad argument thrown as `UsageError`, reported by
 * `parseCommandArgs` as "electra-feedback CMD: what is wrong" plus a pointer to --help,
 * exit status 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isProviderName, PROVIDERS, type ProviderName } from '../core/providers';
import type { CliIO } from './io';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `parseArgs` with positionals allowed; its errors (unknown option, missing value) become `UsageError`. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `value` when it is one of `allowed`, else a `UsageError` naming `option` and the choices. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** `--provider`: one of the core's `PROVIDERS`, `auto` when not given. */
export function providerOption(value: string | undefined): ProviderName {
  if (value === undefined) return 'auto';
  if (!isProviderName(value)) return oneOf('--provider', value, PROVIDERS);
  return value;
}

/**
 * A command's arguments from `parse`, or the exit status when there is nothing more to do:
 * 2 after a `UsageError` (reported on stderr as `electra-feedback <command>: message` and
 * where to find the usage), 0 after printing `usage` for --help.
 */
export function parseCommandArgs<T extends { help: boolean }>(command: string, usage: string, io: CliIO, parse: () => T): T | number {
  let args: T;
  try {
    args = parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`electra-feedback ${command}: ${e.message}\nRun 'electra-feedback ${command} --help' for usage.\n`);
    return 2;
  }
  if (!args.help) return args;
  io.stdout(`${usage}\n`);
  return 0;
}

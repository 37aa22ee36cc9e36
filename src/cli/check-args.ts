/**
 * Options of `electra-feedback check`, parsed and validated by the CLI's one convention
 * (`args.ts`); a bad option throws `UsageError` (exit status 2).
 */
import type { DocumentFormat, ProviderName } from '../core/types';
import { oneOf, parseOptions, providerOption, UsageError } from './args';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  files: string[];
  format: OutputFormat;
  all: boolean;
  /** Fill `suggestions` of replaced-word findings from the generator. */
  suggest: boolean;
  /** Apply the first fix of every finding at or above `minConfidence` to each file (`check-fix.ts`). */
  fix: boolean;
  /** Least confidence (0..1) of a fix `--fix` applies; undefined: `FIX_ALL_MIN_CONFIDENCE`. */
  minConfidence: number | undefined;
  /** With `fix`: print the changes, write nothing. */
  dryRun: boolean;
  /** Text output lists doubts too (`isDoubt`). */
  doubts: boolean;
  /** Probability in [0, 1]; undefined: the default threshold. */
  threshold: number | undefined;
  model: string | undefined;
  provider: ProviderName;
  /** Document format forced for every input (`--as`), else from each file's extension. */
  as: DocumentFormat | undefined;
  verbose: boolean;
  help: boolean;
}

const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['plaintext', 'markdown', 'latex'];

export function parseCheckArgs(argv: string[]): CheckArgs {
  const parsed = parseOptions(argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    all: { type: 'boolean', default: false },
    suggest: { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
    'min-confidence': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    doubts: { type: 'boolean', default: false },
    threshold: { type: 'string', short: 't' },
    model: { type: 'string', short: 'm' },
    provider: { type: 'string' },
    as: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  const format = oneOf('--format', v.format, OUTPUT_FORMATS);
  const provider = providerOption(v.provider);
  const as = v.as === undefined ? undefined : oneOf('--as', v.as, DOCUMENT_FORMATS);
  const threshold = probability('--threshold', v.threshold);
  const minConfidence = probability('--min-confidence', v['min-confidence']);
  const fix = v.fix === true;
  if (!v.help && parsed.positionals.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  if (!fix && (minConfidence !== undefined || v['dry-run'] === true)) throw new UsageError('--min-confidence and --dry-run go with --fix');
  if (fix && format !== 'text') throw new UsageError('--fix prints its changes as text; leave out --format');
  if (fix && v.all === true) throw new UsageError('--fix and --all do not go together');
  if (fix && parsed.positionals.includes('-')) throw new UsageError('--fix changes files; standard input (-) cannot be fixed');
  return {
    files: parsed.positionals,
    format,
    all: v.all === true,
    suggest: v.suggest === true,
    fix,
    minConfidence,
    dryRun: v['dry-run'] === true,
    doubts: v.doubts === true,
    threshold,
    model: v.model,
    provider,
    as,
    verbose: v.verbose === true,
    help: v.help === true,
  };
}

/** `value` of `option` as a probability in [0, 1]; undefined when not given. */
function probability(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new UsageError(`${option} must be a probability between 0 and 1 (got "${value}")`);
  }
  return p;
}

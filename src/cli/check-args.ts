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
  let threshold: number | undefined;
  if (v.threshold !== undefined) {
    threshold = Number(v.threshold);
    if (v.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new UsageError(`--threshold must be a probability between 0 and 1 (got "${v.threshold}")`);
    }
  }
  if (!v.help && parsed.positionals.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  return {
    files: parsed.positionals,
    format,
    all: v.all === true,
    suggest: v.suggest === true,
    threshold,
    model: v.model,
    provider,
    as,
    verbose: v.verbose === true,
    help: v.help === true,
  };
}

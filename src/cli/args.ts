/**
 * Options of `electra-feedback check`, parsed with node:util parseArgs and validated;
 * a bad option throws `UsageError` (exit status 2).
 */
import { parseArgs } from 'node:util';
import type { DocumentFormat, ProviderName } from '../core/types';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  files: string[];
  format: OutputFormat;
  all: boolean;
  /** Fill `suggestions` of replaced-word findings from the generator. */
  suggest: boolean;
  threshold: number | undefined;
  model: string | undefined;
  provider: ProviderName;
  /** Document format forced for every input (`--as`), else from each file's extension. */
  as: DocumentFormat | undefined;
  verbose: boolean;
  help: boolean;
}

const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const PROVIDERS: readonly ProviderName[] = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'];
const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['plaintext', 'markdown', 'latex'];

export function parseCheckArgs(argv: string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        all: { type: 'boolean', default: false },
        suggest: { type: 'boolean', default: false },
        threshold: { type: 'string', short: 't' },
        model: { type: 'string', short: 'm' },
        provider: { type: 'string', default: 'auto' },
        as: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const format = v.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${v.format}")`);
  const provider = v.provider as ProviderName;
  if (!PROVIDERS.includes(provider)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')} (got "${v.provider}")`);
  const as = v.as as DocumentFormat | undefined;
  if (as !== undefined && !DOCUMENT_FORMATS.includes(as)) throw new UsageError(`--as must be one of ${DOCUMENT_FORMATS.join(', ')} (got "${v.as}")`);
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

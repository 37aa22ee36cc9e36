/**
 * Options of `electra-feedback grade`, parsed and validated by the CLI's one convention
 * (`args.ts`, like `check`); a bad option throws `UsageError` (exit status 2).
 */
import type { ProviderName } from '../core/types';
import { oneOf, parseOptions, providerOption, UsageError } from './args';

export type GradeFormat = 'text' | 'json' | 'csv';

export interface GradeArgs {
  /** Files and folders as given (relative to the working folder). */
  paths: string[];
  format: GradeFormat;
  rubric: string | undefined;
  /** The teacher's grades CSV to fit a calibration to. */
  calibrate: string | undefined;
  noCalibration: boolean;
  out: string | undefined;
  /** Leave the suggester's fixes out of the student's feedback (faster). */
  noFixes: boolean;
  /** With `out`: grade again what a previous run graded into it. */
  regrade: boolean;
  /** A Moodle grading worksheet to fill. */
  worksheet: string | undefined;
  /** A Canvas gradebook export to fill (`assignment`'s column). */
  canvas: string | undefined;
  assignment: string | undefined;
  include: string[] | undefined;
  exclude: string[] | undefined;
  model: string | undefined;
  provider: ProviderName;
  /** Largest text file / extracted text, in bytes (`--max-size` is in MB, 1 MB = 1,000,000 bytes). */
  maxTextBytes: number;
  verbose: boolean;
  help: boolean;
}

const GRADE_FORMATS: readonly GradeFormat[] = ['text', 'json', 'csv'];

export function parseGradeArgs(argv: string[]): GradeArgs {
  const parsed = parseOptions(argv, {
    rubric: { type: 'string' }, calibrate: { type: 'string' }, 'no-calibration': { type: 'boolean' },
    format: { type: 'string', default: 'text' }, out: { type: 'string' },
    'no-fixes': { type: 'boolean' }, regrade: { type: 'boolean' }, worksheet: { type: 'string' }, canvas: { type: 'string' }, assignment: { type: 'string' },
    include: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true },
    model: { type: 'string' }, provider: { type: 'string' }, 'max-size': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  const format = oneOf('--format', v.format, GRADE_FORMATS);
  const provider = providerOption(v.provider);
  const maxSizeMb = v['max-size'] === undefined ? 1 : Number(v['max-size']);
  if (!(maxSizeMb > 0) || !Number.isFinite(maxSizeMb)) throw new UsageError(`--max-size must be a positive number of MB (got "${v['max-size']}")`);
  if (!v.help && parsed.positionals.length === 0 && !v.calibrate) throw new UsageError('no PATH given');
  if (v.worksheet !== undefined && v.canvas !== undefined) throw new UsageError('--worksheet (Moodle) and --canvas fill one LMS file each; give one');
  if (v.canvas !== undefined && !v.assignment) throw new UsageError('--canvas needs --assignment NAME (the gradebook column to fill)');
  if (v.assignment !== undefined && v.canvas === undefined) throw new UsageError('--assignment names a column of --canvas GRADEBOOK');
  if ((v.worksheet !== undefined || v.canvas !== undefined) && parsed.positionals.length === 0) throw new UsageError('--worksheet and --canvas need submissions to grade (PATH)');
  return {
    paths: parsed.positionals,
    format,
    rubric: v.rubric,
    calibrate: v.calibrate,
    noCalibration: v['no-calibration'] === true,
    out: v.out,
    noFixes: v['no-fixes'] === true,
    regrade: v.regrade === true,
    worksheet: v.worksheet,
    canvas: v.canvas,
    assignment: v.assignment,
    include: v.include,
    exclude: v.exclude,
    model: v.model,
    provider,
    maxTextBytes: Math.round(maxSizeMb * 1_000_000),
    verbose: v.verbose === true,
    help: v.help === true,
  };
}

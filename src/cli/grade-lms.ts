/**
 * `grade --worksheet` and `grade --canvas --assignment`: the LMS file is read and checked
 * before any grading (a wrong file costs no model run), then filled with the batch's grades and
 * written beside it as `NAME-graded.csv` (the downloaded file itself is never changed).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fillCanvasGradebook, GradebookError } from '../core/grade/canvas-gradebook';
import type { FillOutcome, LmsResult } from '../core/grade/lms-result';
import { fillMoodleWorksheet, WorksheetError } from '../core/grade/moodle-worksheet';
import type { GradeArgs } from './grade-args';
import type { CliIO } from './io';
import { writeAtomic } from './write-atomic';

/** A worksheet or gradebook to fill, as read. */
export interface LmsFile {
  kind: 'moodle' | 'canvas';
  /** Absolute path of the downloaded file. */
  path: string;
  text: string;
  /** The Canvas assignment column. */
  assignment?: string;
}

/** `NAME-graded.csv` beside `path`: where the filled copy goes. */
export function filledPath(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}-graded${ext || '.csv'}`);
}

/** Fills `file` with `results` (throws the core's error for a file that is no worksheet or gradebook). */
export function fillLmsFile(file: LmsFile, results: readonly LmsResult[]): FillOutcome {
  return file.kind === 'moodle' ? fillMoodleWorksheet(file.text, results) : fillCanvasGradebook(file.text, file.assignment ?? '', results);
}

/** The LMS file of `args`: undefined when none was asked for, null after reporting why it cannot be filled. */
export async function checkLmsFile(args: GradeArgs, io: CliIO): Promise<LmsFile | undefined | null> {
  const given = args.worksheet ?? args.canvas;
  if (given === undefined) return undefined;
  const path = resolve(io.cwd, given);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    io.stderr(`${given}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return null;
  }
  const file: LmsFile = { kind: args.worksheet !== undefined ? 'moodle' : 'canvas', path, text, ...(args.assignment ? { assignment: args.assignment } : {}) };
  try {
    fillLmsFile(file, []);
  } catch (e) {
    if (!(e instanceof WorksheetError || e instanceof GradebookError)) throw e;
    io.stderr(`${given}: ${e.message}\n`);
    return null;
  }
  return file;
}

/** Writes the filled copy of `file` and says what was filled and what was not. */
export async function writeLmsFile(file: LmsFile, results: readonly LmsResult[], io: CliIO): Promise<void> {
  const outcome = fillLmsFile(file, results);
  const target = filledPath(file.path);
  await writeAtomic(target, outcome.text);
  const what = file.kind === 'moodle' ? 'Moodle worksheet' : `Canvas gradebook (${file.assignment})`;
  io.stderr(`${what} with ${outcome.filled} grade${outcome.filled === 1 ? '' : 's'} written to ${target}; upload it to the LMS.\n`);
  for (const u of outcome.unmatched) io.stderr(`  not in the ${file.kind === 'moodle' ? 'worksheet' : 'gradebook'}: ${u}\n`);
  for (const w of outcome.warnings) io.stderr(`  ${w}\n`);
}

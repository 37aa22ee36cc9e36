/**
 * `grade --worksheet` and `grade --canvas --assignment`: the LMS file is read and checked
 * before any grading (a wrong file costs no model run), then filled with the batch's grades and
 * written beside it as `NAME-graded.csv` (the downloaded file itself is never changed).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { filledPath, fillLmsFile, fillSummary, GradebookError, type LmsFile, type LmsResult, WorksheetError } from '../core/grade';
import type { GradeArgs } from './grade-args';
import type { CliIO } from './io';
import { writeAtomic } from './write-atomic';

export type { LmsFile };

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
  io.stderr(`${fillSummary(file, outcome, target)}\n`);
  for (const u of outcome.unmatched) io.stderr(`  not in the ${file.kind === 'moodle' ? 'worksheet' : 'gradebook'}: ${u}\n`);
  for (const w of outcome.warnings) io.stderr(`  ${w}\n`);
}

/**
 * Filling an LMS file, one rule for the CLI (`grade --worksheet`, `--canvas`) and the editor
 * (Grade Folder's "Export for Moodle / Canvas"): which filler, and where the filled copy goes
 * (`NAME-graded.csv` beside the download, which itself is never changed).
 */
import { fillCanvasGradebook } from './canvas-gradebook';
import type { FillOutcome, LmsResult } from './lms-result';
import { fillMoodleWorksheet } from './moodle-worksheet';

/** A worksheet or gradebook to fill, as read. */
export interface LmsFile {
  kind: 'moodle' | 'canvas';
  /** Where it was read from (its name picks the filled copy's). */
  path: string;
  text: string;
  /** The Canvas assignment column. */
  assignment?: string;
}

/** Fills `file` with `results`; throws `WorksheetError` / `GradebookError` for a file that is no worksheet or gradebook. */
export function fillLmsFile(file: LmsFile, results: readonly LmsResult[]): FillOutcome {
  return file.kind === 'moodle' ? fillMoodleWorksheet(file.text, results) : fillCanvasGradebook(file.text, file.assignment ?? '', results);
}

/** `NAME-graded.csv` beside `path` (`/` or `\` separated): where the filled copy goes. */
export function filledPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  const name = path.slice(cut);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '.csv'];
  return `${path.slice(0, cut)}${stem}-graded${ext}`;
}

/** One line for the teacher: what was filled, and where. */
export function fillSummary(file: LmsFile, outcome: FillOutcome, target: string): string {
  const what = file.kind === 'moodle' ? 'Moodle worksheet' : `Canvas gradebook (${file.assignment})`;
  return `${what} with ${outcome.filled} grade${outcome.filled === 1 ? '' : 's'} written to ${target}; upload it to the LMS.`;
}

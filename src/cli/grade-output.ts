/**
 * What `grade` writes on stdout, one writer per `--format`, streamed one submission at a
 * time (a class folder never sits in memory): text blocks, a JSON array of
 * `{path, student?, note?, ok, report | reason}`, or CSV rows (`core/grade/render.ts`, formulas
 * defused; a file not graded is a row with its error). The student's name and id, when an LMS
 * named the file, are in every format.
 */
import { CSV_COLUMNS, csvRow, type GradeReport, gradeRowOf, reportText } from '../core/grade';
import type { Submission } from '../core/read/batch';
import { csvLine } from '../core/csv';
import type { GradeFormat } from './grade-args';
import type { CliIO } from './io';

/** A file that was not graded, why, and whose it is when known. */
export interface Ungraded { path: string; reason: string; student?: Submission['student'] }

/** What the writers need of a submission. */
export type Shown = Pick<Submission, 'display' | 'student' | 'note'>;

export interface GradeOutput {
  graded(sub: Shown, report: GradeReport): void;
  failed(sub: Shown, reason: string): void;
  /** After the last submission, with every file that was not graded. */
  end(ungraded: readonly Ungraded[]): void;
}

/** "Jane Doe (12345)": the student as the teacher knows them. */
export function studentLabel(s: NonNullable<Submission['student']>): string {
  return `${s.name} (${s.id})`;
}

/** The writer for `format`; it writes its header (if any) at once. */
export function gradeOutput(format: GradeFormat, io: CliIO): GradeOutput {
  if (format === 'csv') {
    io.stdout(`${csvLine(CSV_COLUMNS)}\n`);
    return {
      graded: (sub, r) => io.stdout(`${csvRow({ ...gradeRowOf(sub.display, r, sub.student), ...(sub.note ? { note: sub.note } : {}) })}\n`),
      failed: (sub, reason) => io.stdout(`${csvRow({ path: sub.display, ...(sub.student ? { student: sub.student } : {}), error: reason })}\n`),
      end: () => undefined,
    };
  }
  if (format === 'json') {
    io.stdout('[\n');
    let first = true;
    const emit = (obj: object) => { io.stdout(`${first ? '' : ',\n'}${JSON.stringify(obj)}`); first = false; };
    const who = (sub: Shown) => ({ path: sub.display, ...(sub.student ? { student: sub.student } : {}), ...(sub.note ? { note: sub.note } : {}) });
    return {
      graded: (sub, report) => emit({ ...who(sub), ok: true, report }),
      failed: (sub, reason) => emit({ ...who(sub), ok: false, reason }),
      end: () => io.stdout(`${first ? '' : '\n'}]\n`),
    };
  }
  return {
    graded: (sub, r) => io.stdout(`${reportText(sub.student ? `${studentLabel(sub.student)}, ${sub.display}` : sub.display, r)}${sub.note ? `\n  Note: ${sub.note}` : ''}\n\n`),
    failed: () => undefined,
    end: (ungraded) => { if (ungraded.length) io.stdout(`Not graded:\n${listUngraded(ungraded)}\n`); },
  };
}

/** One indented line per file: `  path: reason` (the student first when known). */
export function listUngraded(ungraded: readonly Ungraded[]): string {
  return ungraded.map((u) => `  ${u.student ? `${studentLabel(u.student)}, ` : ''}${u.path}: ${u.reason}`).join('\n');
}

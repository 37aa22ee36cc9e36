/**
 * What `grade` writes on stdout, one writer per `--format`, streamed one submission at a
 * time (a class folder never sits in memory): text blocks, a JSON array of
 * `{path, ok, report | reason}`, or CSV rows (`core/grade/render.ts`, formulas defused).
 */
import type { GradeReport } from '../core/grade';
import { csvLine } from '../core/csv';
import { CSV_COLUMNS, csvRow, reportText } from '../core/grade/render';
import type { GradeFormat } from './grade-args';
import type { CliIO } from './io';

/** A file that was not graded and why. */
export interface Ungraded { path: string; reason: string }

export interface GradeOutput {
  graded(path: string, report: GradeReport): void;
  failed(path: string, reason: string): void;
  /** After the last submission, with every file that was not graded. */
  end(ungraded: readonly Ungraded[]): void;
}

/** The writer for `format`; it writes its header (if any) at once. */
export function gradeOutput(format: GradeFormat, io: CliIO): GradeOutput {
  if (format === 'csv') {
    io.stdout(`${csvLine(CSV_COLUMNS)}\n`);
    return { graded: (path, r) => io.stdout(`${csvRow(path, r)}\n`), failed: () => undefined, end: () => undefined };
  }
  if (format === 'json') {
    io.stdout('[\n');
    let first = true;
    const emit = (obj: object) => { io.stdout(`${first ? '' : ',\n'}${JSON.stringify(obj)}`); first = false; };
    return {
      graded: (path, report) => emit({ path, ok: true, report }),
      failed: (path, reason) => emit({ path, ok: false, reason }),
      end: () => io.stdout(`${first ? '' : '\n'}]\n`),
    };
  }
  return {
    graded: (path, r) => io.stdout(`${reportText(path, r)}\n\n`),
    failed: () => undefined,
    end: (ungraded) => { if (ungraded.length) io.stdout(`Not graded:\n${listUngraded(ungraded)}\n`); },
  };
}

/** One indented line per file: `  path: reason`. */
export function listUngraded(ungraded: readonly Ungraded[]): string {
  return ungraded.map((u) => `  ${u.path}: ${u.reason}`).join('\n');
}

/**
 * What a graded batch hands an LMS file (a Moodle worksheet, a Canvas gradebook): one result per
 * submission, and the one way their cells are rewritten (every other byte of the file kept).
 */
import { csvField, type CsvFieldSpan } from '../../csv';
import type { Student } from './lms-names';

/** One submission's outcome for an LMS file. */
export interface LmsResult {
  /** The submission as shown to the teacher (for messages). */
  display: string;
  student?: Student;
  /** On the rubric's (or the calibration's) scale; absent when it was not graded. */
  grade?: number;
  /** Plain-text feedback for the student. */
  feedback?: string;
}

/** What filling an LMS file did. */
export interface FillOutcome {
  /** The filled file: the input with only the filled cells changed. */
  text: string;
  /** Rows given a grade. */
  filled: number;
  /** Results with a grade that no row matched (`display`: why). */
  unmatched: string[];
  /** Other things the teacher should know (a row whose grade is locked, a scale that differs). */
  warnings: string[];
}

/** Replaces the fields of `spans` (raw spans in `text`) by `values` (written by `csvField`), keeping everything else. */
export function replaceFields(text: string, edits: ReadonlyArray<{ span: CsvFieldSpan; value: string | number }>): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let at = 0;
  for (const { span, value } of sorted) {
    out += text.slice(at, span.start) + csvField(value);
    at = span.end;
  }
  return out + text.slice(at);
}

/** A grade as an LMS reads it: at most two decimals, a dot for the decimal point. */
export function gradeCell(grade: number): number {
  return Math.round(grade * 100) / 100;
}

/** Letters only, lower case: how Canvas writes a student's name into file names ("Smith, John" → "smithjohn"). */
export function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

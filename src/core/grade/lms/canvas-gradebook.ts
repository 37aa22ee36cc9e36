/**
 * Canvas's gradebook export (Grades → Export → CSV): header `Student,ID,SIS User ID,SIS Login
 * ID,Section,<Assignment Name (123)>,…` (the number is the assignment id), a second row
 * `Points Possible,…` with each assignment's points, then one row per student (`Student` is
 * "Last, First", `ID` the user id in the file names of "Download Submissions"). Filling writes
 * one assignment's column for the graded students and keeps every other byte, so the file
 * imports back (Grades → Import) changing that column only.
 */
import { csvRecordSpans, type CsvFieldSpan } from '../../csv';
import { gradeCell, nameKey, replaceFields, type FillOutcome, type LmsResult } from './lms-result';

/** Thrown when the file is not a Canvas gradebook or has no such assignment; the message says why. */
export class GradebookError extends Error {}

/** The assignment columns of a gradebook header: every column after the student's five whose name ends in "(digits)". */
export function canvasAssignments(gradebook: string): string[] {
  const header = (csvRecordSpans(gradebook)[0] ?? []).map((f) => f.value.trim());
  return header.filter((h) => /\(\d+\)$/.test(h));
}

/** The column of `assignment`: its exact header ("Essay 1 (123)"), or the header that is the name and an id ("Essay 1" → "Essay 1 (123)"). */
function assignmentColumn(header: readonly string[], assignment: string): number {
  const want = assignment.trim();
  const exact = header.findIndex((h) => h === want);
  if (exact >= 0) return exact;
  const named = header.map((h, i) => [h, i] as const).filter(([h]) => h.replace(/\s*\(\d+\)$/, '') === want && /\(\d+\)$/.test(h));
  if (named.length > 1) throw new GradebookError(`"${assignment}" names ${named.length} assignments (${named.map(([h]) => `"${h}"`).join(', ')}); give the one with its id`);
  if (named.length === 0) {
    const all = header.filter((h) => /\(\d+\)$/.test(h));
    throw new GradebookError(`no assignment "${assignment}" in the gradebook; it has ${all.length ? all.map((h) => `"${h}"`).join(', ') : 'none'}`);
  }
  return named[0][1];
}

/** Fills `assignment`'s column of `gradebook` (the CSV text as exported) with `results`. */
export function fillCanvasGradebook(gradebook: string, assignment: string, results: readonly LmsResult[]): FillOutcome {
  const records = csvRecordSpans(gradebook);
  const header = (records[0] ?? []).map((f) => f.value.trim());
  const idAt = header.indexOf('ID');
  const nameAt = header.indexOf('Student');
  if (idAt < 0 || nameAt < 0) throw new GradebookError('not a Canvas gradebook export: no "Student" and "ID" columns in the header (export it from Grades → Export → Export Entire Gradebook)');
  const col = assignmentColumn(header, assignment);
  const outcome: FillOutcome = { text: gradebook, filled: 0, unmatched: [], warnings: [] };
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  let points = NaN;
  for (let r = 1; r < records.length; r++) {
    const first = records[r][nameAt]?.value.trim() ?? '';
    // "Points Possible" (and Canvas's "Muted" row of old exports) are no students.
    if (/^(Points Possible|Muted)$/i.test(first)) { if (/^Points Possible$/i.test(first)) points = Number(records[r][col]?.value.trim()); continue; }
    const id = records[r][idAt]?.value.trim();
    if (id) byId.set(id, r);
    if (first) byName.set(nameKey(first), r);
  }
  const edits: Array<{ span: CsvFieldSpan; value: number }> = [];
  const used = new Set<number>();
  for (const res of results) {
    if (res.grade === undefined) continue;
    const s = res.student;
    // Canvas's user id is the key; its file-name spelling of the name ("smithjohn") otherwise.
    const r = (s?.lms === 'canvas' ? byId.get(s.id) : undefined) ?? (s ? byName.get(nameKey(s.name)) : undefined);
    if (r === undefined) { outcome.unmatched.push(`${res.display}: no gradebook row for ${s ? `${s.name} (${s.id})` : 'this file (not named by Canvas)'}`); continue; }
    if (used.has(r)) { outcome.warnings.push(`${res.display}: its row was filled already by another submission; kept the first`); continue; }
    const cell = records[r][col];
    const who = records[r][nameAt]?.value ?? res.display;
    if (!cell) { outcome.warnings.push(`${who}: the row has no "${header[col]}" cell; left as it was`); continue; }
    if (Number.isFinite(points) && res.grade > points) { outcome.warnings.push(`${who}: grade ${res.grade} is over the ${points} points possible (set the rubric's scale to 0–${points}); left as it was`); continue; }
    used.add(r);
    edits.push({ span: cell, value: gradeCell(res.grade) });
    outcome.filled++;
  }
  outcome.text = replaceFields(gradebook, edits);
  return outcome;
}

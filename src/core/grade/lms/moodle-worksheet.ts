/**
 * Moodle's offline grading worksheet (mod/assign, "Download grading worksheet"): a CSV whose
 * header is `Identifier,"Full name","Email address",Status,Grade,"Maximum Grade","Grade can be
 * changed","Last modified (submission)","Last modified (grade)","Feedback comments"` (more
 * columns with other plugins), one row per participant, `Identifier` = `Participant 12345`
 * (the id in the file names of "Download all submissions"). Filling writes Grade and Feedback
 * comments of the graded participants and leaves every other byte as Moodle wrote it, so the
 * upload's checks (the last-modified columns) still hold.
 */
import { csvRecordSpans, type CsvFieldSpan } from '../../csv';
import { gradeCell, replaceFields, type FillOutcome, type LmsResult } from './lms-result';

export const MOODLE_COLUMNS = {
  identifier: 'Identifier',
  fullName: 'Full name',
  grade: 'Grade',
  maximum: 'Maximum Grade',
  changeable: 'Grade can be changed',
  feedback: 'Feedback comments',
} as const;

/** Thrown when the file is not a Moodle grading worksheet; the message says what is missing. */
export class WorksheetError extends Error {}

const PARTICIPANT = /^Participant\s+(\d+)$/i;

/** Fills `worksheet` (the CSV text as downloaded) with `results`; throws `WorksheetError` when it is not a worksheet. */
export function fillMoodleWorksheet(worksheet: string, results: readonly LmsResult[]): FillOutcome {
  const records = csvRecordSpans(worksheet);
  const header = (records[0] ?? []).map((f) => f.value.trim());
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const at = { id: col(MOODLE_COLUMNS.identifier), name: col(MOODLE_COLUMNS.fullName), grade: col(MOODLE_COLUMNS.grade), max: col(MOODLE_COLUMNS.maximum), changeable: col(MOODLE_COLUMNS.changeable), feedback: col(MOODLE_COLUMNS.feedback) };
  const missing = [['Identifier', at.id], ['Grade', at.grade]].filter(([, i]) => i === -1).map(([n]) => `"${n}"`);
  if (missing.length) throw new WorksheetError(`not a Moodle grading worksheet: no ${missing.join(' or ')} column in the header (download it from the assignment's "View all submissions" page, "Download grading worksheet")`);
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  for (let r = 1; r < records.length; r++) {
    const id = PARTICIPANT.exec(records[r][at.id]?.value.trim() ?? '')?.[1];
    if (id) byId.set(id, r);
    if (at.name >= 0 && records[r][at.name]) byName.set(fold(records[r][at.name].value), r);
  }
  const edits: Array<{ span: CsvFieldSpan; value: string | number }> = [];
  const outcome: FillOutcome = { text: worksheet, filled: 0, unmatched: [], warnings: [] };
  const used = new Set<number>();
  for (const res of results) {
    if (res.grade === undefined) continue;
    const s = res.student;
    // The participant id is the key; a name only for a student Moodle did not name (or a renamed file).
    const r = (s?.lms === 'moodle' ? byId.get(s.id) : undefined) ?? (s ? byName.get(fold(s.name)) : undefined);
    if (r === undefined) { outcome.unmatched.push(`${res.display}: no worksheet row for ${s ? `${s.name} (${s.id})` : 'this file (not named by Moodle)'}`); continue; }
    if (used.has(r)) { outcome.warnings.push(`${res.display}: its row was filled already by another submission; kept the first`); continue; }
    const row = records[r];
    const who = row[at.name]?.value ?? row[at.id].value;
    if (at.changeable >= 0 && /^no$/i.test(row[at.changeable]?.value.trim() ?? '')) { outcome.warnings.push(`${who}: "Grade can be changed" is No (locked or overridden in the gradebook); left as it was`); continue; }
    const max = at.max >= 0 ? Number(row[at.max]?.value.trim()) : NaN;
    if (Number.isFinite(max) && res.grade > max) { outcome.warnings.push(`${who}: grade ${res.grade} is over the assignment's maximum ${max} (set the rubric's scale to 0–${max}); left as it was`); continue; }
    if (!row[at.grade]) { outcome.warnings.push(`${who}: the row has no Grade cell; left as it was`); continue; }
    used.add(r);
    edits.push({ span: row[at.grade], value: gradeCell(res.grade) });
    if (at.feedback >= 0 && row[at.feedback] && res.feedback !== undefined) edits.push({ span: row[at.feedback], value: res.feedback });
    outcome.filled++;
  }
  outcome.text = replaceFields(worksheet, edits);
  return outcome;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

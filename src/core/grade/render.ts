/**
 * Renderings of grade reports for people and spreadsheets: the Markdown feedback a student
 * reads, a short text block for terminals, and the grade table's rows (one `GradeRow` per
 * file, CSV `path,student,student_id,grade,<criteria>,words,flagged,letter,error` for the CLI
 * and the editor alike).
 */
import { csvLine } from '../csv';
import { escapeMarkdown as mdEscape } from '../markdown-escape';
import { positionIndex } from '../positions';
import type { Student } from './lms-names';
import { CRITERION_IDS, type CriterionId, type GradeReport } from './types';

/** One file of a graded batch: its grade and sub-scores, or why it has none. */
export interface GradeRow {
  /** The file as shown to the user (relative to the graded folder, `/`-separated in the editor). */
  path: string;
  /** Whose submission it is, when an LMS named the file (`lms-names.ts`). */
  student?: Student;
  /** Which of the student's files was graded and why, when they handed in several. */
  note?: string;
  grade?: number;
  letter?: string;
  words?: number;
  flagged?: number;
  /** Sub-scores (0–100) by criterion id. */
  criteria?: Partial<Record<CriterionId, number>>;
  /** Why the file has no grade. */
  error?: string;
}

/** CSV header: path, the student's name and id (empty unless an LMS named the file), grade, one
 * column per criterion (its id), words, flagged, letter, and why a file has no grade. */
export const CSV_COLUMNS: readonly string[] = ['path', 'student', 'student_id', 'grade', ...CRITERION_IDS, 'words', 'flagged', 'letter', 'error'];

/** The row of a graded file. */
export function gradeRowOf(path: string, r: GradeReport, student?: Student): GradeRow {
  const row: GradeRow = { path, grade: r.grade, words: r.words, flagged: r.flagged, criteria: Object.fromEntries(r.criteria.map((c) => [c.id, c.score])) };
  if (student) row.student = student;
  if (r.letter !== undefined) row.letter = r.letter;
  return row;
}

/** A row's values in `CSV_COLUMNS` order (undefined: an empty cell). */
export function csvValues(row: GradeRow): Array<string | number | undefined> {
  return [row.path, row.student?.name, row.student?.id, row.grade, ...CRITERION_IDS.map((id) => row.criteria?.[id]), row.words, row.flagged, row.letter, row.error];
}

/** The CSV record (no line end) of a row; formulas in the path, name and error are defused. */
export function csvRow(row: GradeRow): string {
  return csvLine(csvValues(row));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Markdown feedback for one submission. `sentences` are the scored document's sentence spans
 * (source offsets); every sentence with a flagged word is quoted with its line number and the
 * flagged words in bold.
 */
export function feedbackMarkdown(title: string, r: GradeReport, source: string, sentences: ReadonlyArray<{ start: number; end: number }>): string {
  const positionOf = positionIndex(source);
  const out: string[] = [];
  out.push(`# Feedback: ${mdEscape(title)}`, '');
  out.push(`**Grade: ${r.grade}${r.letter ? ` (${mdEscape(r.letter)})` : ''}** on a ${r.scale.min}–${r.scale.max} scale${r.calibrated ? ', calibrated to your teacher\'s grading' : ''}.`, '');
  out.push(mdEscape(r.summary), '');
  out.push(`${r.words} words, ${r.sentences} sentences, ${r.flagged} flagged words.`, '');
  out.push('| Criterion | Score (0–100) | Weight |', '| --- | ---: | ---: |');
  for (const c of r.criteria) out.push(`| ${c.label} | ${c.score} | ${Math.round(c.weight * 100)}% |`);
  out.push('');
  if (r.analytic?.length) {
    out.push(`Analytic scores (${r.scale.min}–${r.scale.max}): ${r.analytic.map((a) => `${mdEscape(a.label)} ${a.grade}${a.calibrated ? ' (calibrated)' : ''}`).join(', ')}.`, '');
  }
  for (const c of r.criteria) {
    out.push(`## ${c.label}: ${c.score}`, '');
    for (const e of c.evidence) out.push(`- ${mdEscape(e)}`);
    for (const p of c.passages) out.push(`- Line ${p.line}: "${mdEscape(oneLine(p.text).slice(0, 200))}" (${mdEscape(p.reason)})`);
    out.push('');
  }
  const flagged = r.findings.filter((f) => f.kind === 'replaced-word');
  if (flagged.length) {
    out.push('## Flagged sentences', '');
    let fi = 0;
    for (const s of sentences) {
      while (fi < flagged.length && flagged[fi].end <= s.start) fi++;
      const inside = [];
      for (let k = fi; k < flagged.length && flagged[k].start < s.end; k++) if (flagged[k].start >= s.start) inside.push(flagged[k]);
      if (!inside.length) continue;
      let text = '';
      let at = s.start;
      for (const f of inside) {
        text += mdEscape(source.slice(at, f.start)) + `**${mdEscape(source.slice(f.start, f.end))}**`;
        at = f.end;
      }
      text += mdEscape(source.slice(at, s.end));
      out.push(`> Line ${positionOf(s.start).line}: ${oneLine(text)}`, '');
    }
  }
  return out.join('\n');
}

/**
 * The feedback comment an LMS shows the student beside the grade (Moodle's "Feedback comments"):
 * plain text, the report's summary.
 */
export function feedbackComment(r: GradeReport): string {
  return r.summary;
}

/** A few lines for a terminal. */
export function reportText(path: string, r: GradeReport): string {
  const head = `${path}: ${r.grade}${r.letter ? ` (${r.letter})` : ''} [${r.scale.min}–${r.scale.max}${r.calibrated ? ', calibrated' : ''}]  ${r.words} words, ${r.flagged} flagged`;
  const width = Math.max(13, ...r.criteria.map((c) => c.label.length));
  const crit = r.criteria.map((c) => `  ${c.label.padEnd(width)} ${String(c.score).padStart(5)}  ${c.evidence[0] ?? ''}`);
  const analytic = r.analytic?.length ? [`  Analytic: ${r.analytic.map((a) => `${a.label} ${a.grade}`).join(', ')}`] : [];
  return [head, ...crit, ...analytic, `  ${r.summary}`].join('\n');
}

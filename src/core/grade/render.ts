/**
 * Renderings of grade reports for people and spreadsheets: the Markdown feedback a student
 * reads, a short text block for terminals, and the grade table's rows (one `GradeRow` per
 * file, CSV `path,student,student_id,grade,<criteria>,words,flagged,letter,error` for the CLI
 * and the editor alike).
 */
import { csvLine } from '../csv';
import { escapeMarkdown as mdEscape } from '../markdown-escape';
import { positionIndex } from '../positions';
import { suggestionTitle } from '../suggest/edit';
import { locationAt, sentenceLocations, type SentenceLocation } from './measure/sentence-locations';
import { strengths, toWorkOn } from './student-feedback';
import type { Student } from './lms/lms-names';
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
 * The teacher's Markdown report of one submission: the grade, every criterion with its evidence
 * and passages (with their probabilities), the flagged sentences by paragraph and sentence (line
 * too), and every finding with its probability, kind and fixes. `sentences` are the scored
 * document's sentence spans (source offsets). The student's copy is `student-feedback.ts`.
 */
export function feedbackMarkdown(title: string, r: GradeReport, source: string, sentences: ReadonlyArray<{ start: number; end: number }>): string {
  const positionOf = positionIndex(source);
  const locations = sentenceLocations(source, sentences);
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
    for (const p of c.passages) out.push(`- ${placeOf(locations, p.start, p.line)}: "${mdEscape(oneLine(p.text).slice(0, 200))}" (${mdEscape(p.reason)})`);
    out.push('');
  }
  const flagged = r.findings.filter((f) => f.kind === 'replaced-word');
  if (flagged.length) {
    out.push('## Flagged sentences', '');
    let fi = 0;
    for (const s of locations) {
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
      out.push(`> ${placeOf(locations, s.start, positionOf(s.start).line)}: ${oneLine(text)}`, '');
    }
  }
  if (r.findings.length) {
    out.push('## All findings', '', '| Where | Word | Probability | Message | Fixes |', '| --- | --- | ---: | --- | --- |');
    for (const f of r.findings) {
      const fixes = f.suggestions.map((s) => `${suggestionTitle(f.text, s)}${s.score === undefined ? '' : ` (${s.score.toFixed(2)} after)`}`).join('; ');
      out.push(`| ${placeOf(locations, f.start, f.line)} | ${cell(f.text)} | ${f.score.toFixed(2)} | ${cell(f.message)} | ${cell(fixes)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** "Paragraph 2, sentence 3 (line 14)": where a passage is, for the teacher. */
function placeOf(locations: readonly SentenceLocation[], offset: number, line: number): string {
  const where = locationAt(locations, offset);
  return where?.heading ? `Heading (line ${line})` : where ? `Paragraph ${where.paragraph}, sentence ${where.sentence} (line ${line})` : `Line ${line}`;
}

/** A Markdown table cell: escaped, one line, no unescaped `|`. */
const cell = (s: string) => mdEscape(oneLine(s)).replace(/\|/g, '\\|');

/**
 * The feedback comment an LMS shows the student beside the grade (Moodle's "Feedback comments"):
 * plain text, what the essay does well and what to work on (no probabilities, as the student's copy).
 */
export function feedbackComment(r: GradeReport): string {
  if (r.words === 0) return r.summary;
  const work = toWorkOn(r);
  // One line: an LMS shows the comment as it is, and a spreadsheet row stays one line.
  return [`What you do well: ${strengths(r).join(' ')}`, ...(work.length ? [`What to work on: ${work.join(' ')}`] : [])].join(' ');
}

/** A few lines for a terminal. */
export function reportText(path: string, r: GradeReport): string {
  const head = `${path}: ${r.grade}${r.letter ? ` (${r.letter})` : ''} [${r.scale.min}–${r.scale.max}${r.calibrated ? ', calibrated' : ''}]  ${r.words} words, ${r.flagged} flagged`;
  const width = Math.max(13, ...r.criteria.map((c) => c.label.length));
  const crit = r.criteria.map((c) => `  ${c.label.padEnd(width)} ${String(c.score).padStart(5)}  ${c.evidence[0] ?? ''}`);
  const analytic = r.analytic?.length ? [`  Analytic: ${r.analytic.map((a) => `${a.label} ${a.grade}`).join(', ')}`] : [];
  return [head, ...crit, ...analytic, `  ${r.summary}`].join('\n');
}

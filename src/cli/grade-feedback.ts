/**
 * `grade --out DIR`: two Markdown files per submission — the student's copy (`DIR/NAME.md`:
 * points at or above the rubric's feedback confidence, each with its sentence, kind and fix; no
 * probabilities) and the teacher's report (`DIR/teacher/NAME.md`: every finding with its
 * numbers). The fixes come from the suggester for the student's points only (one batched run per
 * submission); `--no-fixes` skips it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checker } from '../core/checker';
import { needsSuggester } from '../core/findings';
import { feedbackConfidenceOf, feedbackMarkdown, feedbackPoints, type GradeReport, type Rubric, studentFeedbackMarkdown, studentFindings } from '../core/grade';
import type { DocumentFormat, Finding } from '../core/types';
import { writeAtomic } from './write-atomic';

/** Folder of the teachers' reports inside `--out`. */
export const TEACHER_DIR = 'teacher';

export interface FeedbackInput {
  /** Title: the student and the file. */
  label: string;
  report: GradeReport;
  text: string;
  format: DocumentFormat;
  sentences: ReadonlyArray<{ start: number; end: number }>;
}

/** Writes the student's copy and the teacher's report of one submission as `fileName` in `outDir` and its teacher folder. */
export async function writeFeedback(outDir: string, fileName: string, input: FeedbackInput, rubric: Rubric, checker: Checker | undefined): Promise<void> {
  const { report, text, format, sentences } = input;
  const confidence = feedbackConfidenceOf(rubric);
  const shown = studentFindings(report.findings, confidence);
  // The suggester runs on the student's points only: the costly part, asked for once per essay.
  const asked = checker ? shown.filter(needsSuggester) : [];
  const fixes = asked.length ? await checker!.suggestMany(text, format, asked, { threshold: rubric.threshold }) : [];
  const withFixes = new Map<Finding, Finding>(asked.map((f, i) => [f, { ...f, suggestions: fixes[i] ?? [] }]));
  const points = feedbackPoints(text, sentences, shown.map((f) => withFixes.get(f) ?? f), confidence);
  const teacherReport: GradeReport = { ...report, findings: report.findings.map((f) => withFixes.get(f) ?? f) };
  await mkdir(join(outDir, TEACHER_DIR), { recursive: true });
  await writeAtomic(join(outDir, fileName), studentFeedbackMarkdown(input.label, report, text, points));
  await writeAtomic(join(outDir, TEACHER_DIR, fileName), feedbackMarkdown(input.label, teacherReport, text, sentences));
}

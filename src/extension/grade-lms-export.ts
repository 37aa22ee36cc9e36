/**
 * Grade Folder's "Export for Moodle / Canvas": asks for the grading worksheet or gradebook the
 * teacher downloaded (and, for Canvas, the assignment column), fills it with the folder's grades
 * through the core's one rule (`core/grade/lms/lms-fill.ts`, every other byte kept) and writes the
 * filled copy beside it as `NAME-graded.csv`.
 */
import * as vscode from 'vscode';
import { canvasAssignments, filledPath, fillLmsFile, type FillOutcome, fillSummary, GradebookError, type LmsFile, type LmsResult, WorksheetError } from '../core/grade';

export type LmsKind = LmsFile['kind'];

/** What an export wrote (for tests and other extensions). */
export interface LmsExportResult {
  /** The filled copy. */
  uri: string;
  filled: number;
  unmatched: string[];
  warnings: string[];
}

/**
 * Fills an LMS file with `results`. `file` and `assignment` skip the questions (a test, another
 * extension); undefined when the teacher cancels or the file cannot be filled (said in a message).
 */
export async function exportForLms(
  kind: LmsKind, results: readonly LmsResult[], near: vscode.Uri, log: vscode.LogOutputChannel, file?: vscode.Uri, assignment?: string,
): Promise<LmsExportResult | undefined> {
  const source = file ?? (await vscode.window.showOpenDialog({
    canSelectFiles: true, canSelectMany: false, defaultUri: near,
    filters: { CSV: ['csv'] },
    openLabel: kind === 'moodle' ? 'Fill this grading worksheet' : 'Fill this gradebook',
    title: kind === 'moodle' ? 'The Moodle grading worksheet (Download grading worksheet)' : 'The Canvas gradebook export (Grades → Export)',
  }))?.[0];
  if (!source) return undefined;
  // ignoreBOM keeps a BOM in the text, so the filled copy keeps it too (every byte but the filled cells).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(source));
  let column = assignment;
  if (kind === 'canvas' && column === undefined) {
    const columns = canvasAssignments(text);
    if (columns.length === 0) {
      void vscode.window.showErrorMessage('Electra Feedback: that file has no assignment columns; export the Canvas gradebook (Grades → Export) and choose it.');
      return undefined;
    }
    column = await vscode.window.showQuickPick(columns, { title: 'The assignment to fill' });
    if (column === undefined) return undefined;
  }
  const lmsFile: LmsFile = { kind, path: source.path, text, ...(column !== undefined ? { assignment: column } : {}) };
  let outcome: FillOutcome;
  try {
    outcome = fillLmsFile(lmsFile, results);
  } catch (e) {
    if (!(e instanceof WorksheetError || e instanceof GradebookError)) throw e;
    void vscode.window.showErrorMessage(`Electra Feedback: ${e.message}`);
    return undefined;
  }
  const target = source.with({ path: filledPath(source.path) });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(outcome.text));
  const summary = fillSummary(lmsFile, outcome, target.fsPath);
  log.info(summary);
  for (const line of [...outcome.unmatched, ...outcome.warnings]) log.warn(line);
  const left = outcome.unmatched.length + outcome.warnings.length;
  void vscode.window.showInformationMessage(`Electra Feedback: ${summary}${left ? ` ${left} submission${left === 1 ? '' : 's'} not filled: see the log.` : ''}`);
  return { uri: target.toString(), filled: outcome.filled, unmatched: outcome.unmatched, warnings: outcome.warnings };
}

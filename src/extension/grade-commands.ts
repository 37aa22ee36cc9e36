/**
 * Grade File and Grade Folder. Grade File scores a document as a whole (the grader needs
 * every sentence), grades it with the workspace rubric (and calibration, when present) and
 * shows the report in a webview: the active text document, whose findings it leaves as
 * diagnostics, or a file named by the explorer's context menu (a .docx or .pdf is read by the
 * core's reader, as the CLI reads it). Grade Folder grades every submission of a folder (the
 * core's one table of file types) with a cancellable progress and shows a summary
 * (distribution chart, sortable table, CSV export).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileTypeOf, formatFromLanguageId, formatFromPath } from '../core/extract';
import { isSubmissionPath, SUBMISSION_EXTENSIONS, type ReadResult } from '../core/read';
import { folderSource, isZip, readFileThroughCore, zipSource, type BatchSource } from './grade-batch-source';
import { type Calibration, DEFAULT_RUBRIC, feedbackComment, feedbackConfidenceOf, feedbackPoints, grade, type GradeReport, type GradeRow, gradeRowOf, type LmsResult, loadCalibration, parseRubric, locateGradingSettings, type Rubric, studentFeedbackMarkdown, studentFindings, studentSubmissions } from '../core/grade';
import { needsSuggester } from '../core/findings';
import type { DocumentFormat, Finding } from '../core/types';
import type { Settings } from './config';
import type { DiagnosticsController } from './diagnostics';
import { describeError, type ModelService } from './model-service';
import { exportForLms, type LmsExportResult, type LmsKind } from './grade-lms-export';
import { gradeReportBody, gradeReportMarkdown } from './grade-report-render';
import { summaryBody, summaryCsv } from './grade-summary-render';
import { makeNonce, page, type PageTarget } from './html';


/** Messages the report and summary pages post. */
type PageMessage =
  | { type: 'reveal'; start: number; end: number }
  | { type: 'open'; path: string }
  | { type: 'export'; format: 'markdown' | 'html' | 'csv' | 'moodle' | 'canvas' | 'student' };

/** What Grade File returns (for tests and other extensions). */
export interface GradeFileResult {
  uri: string;
  report: GradeReport;
  /** Findings published as diagnostics (undefined when the document changed meanwhile). */
  published?: number;
}

export class GradeCommands implements vscode.Disposable {
  private readonly panels = new Set<vscode.WebviewPanel>();
  /** The last Grade Folder's results, for its LMS export. */
  private lastBatch: { folder: vscode.Uri; results: LmsResult[] } | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly model: ModelService,
    private readonly diagnostics: DiagnosticsController,
    /** The settings that apply to `resource` (a document), or window-wide without one. */
    private readonly settings: (resource?: vscode.Uri) => Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Grades `target` (from the explorer's context menu) or else the active editor's document.
   * A text document is graded as the editor holds it and its findings become diagnostics; a
   * .docx or .pdf is read from the file by the core's reader and gets the report only.
   */
  async gradeFile(target?: vscode.Uri): Promise<GradeFileResult | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    const uri = target ?? active?.uri ?? activeTabUri();
    if (!uri) {
      void vscode.window.showWarningMessage('Electra Feedback: open the document to grade.');
      return undefined;
    }
    const kind = fileTypeOf(uri.path)?.kind;
    if (kind === 'docx' || kind === 'pdf') return this.gradeContainer(uri);
    const doc = active && active.uri.toString() === uri.toString() ? active : await vscode.workspace.openTextDocument(uri);
    const format = formatFromLanguageId(doc.languageId) ?? formatFromPath(doc.uri.path) ?? 'plaintext';
    const version = doc.version;
    const source = doc.getText();
    try {
      const { rubric, calibration } = await this.rubricFor(doc.uri);
      const scored = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Electra Feedback: grading ${path.basename(doc.uri.path)}…` },
        () => this.model.score(source, format),
      );
      const report = grade(scored, source, rubric, calibration);
      const published = this.diagnostics.publishFindings(doc, version, source, format, report.findings);
      this.showReport(doc.uri, report, true, () => this.studentCopy(path.basename(doc.uri.path), report, source, format, scored.sentences, rubric));
      this.log.info(`graded ${doc.uri.fsPath}: ${report.grade} (${report.flagged} flagged of ${report.words} words)`);
      return { uri: doc.uri.toString(), report, published };
    } catch (e) {
      this.log.error(`grading ${doc.uri.fsPath} failed: ${describeError(e)}`);
      void vscode.window.showErrorMessage(`Electra Feedback: could not grade ${path.basename(doc.uri.path)}: ${describeError(e)}`);
      return undefined;
    }
  }

  /** Grade File on a Word document or PDF: read by the core, graded, reported (no diagnostics: no text editor shows it). */
  private async gradeContainer(uri: vscode.Uri): Promise<GradeFileResult | undefined> {
    const name = path.basename(uri.path);
    try {
      const read = await readFileThroughCore(uri);
      if (!read.ok) {
        this.log.warn(`cannot grade ${uri.fsPath}: ${read.reason}`);
        void vscode.window.showErrorMessage(`Electra Feedback: cannot grade ${name}: ${read.reason}`);
        return undefined;
      }
      const { rubric, calibration } = await this.rubricFor(uri);
      const scored = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Electra Feedback: grading ${name}…` },
        () => this.model.score(read.text, read.format),
      );
      const report = grade(scored, read.text, rubric, calibration);
      this.showReport(uri, report, false, () => this.studentCopy(name, report, read.text, read.format, scored.sentences, rubric));
      this.log.info(`graded ${uri.fsPath}: ${report.grade} (${report.flagged} flagged of ${report.words} words)`);
      return { uri: uri.toString(), report };
    } catch (e) {
      this.log.error(`grading ${uri.fsPath} failed: ${describeError(e)}`);
      void vscode.window.showErrorMessage(`Electra Feedback: could not grade ${name}: ${describeError(e)}`);
      return undefined;
    }
  }

  /** Grades every submission of a folder, or of a .zip as an LMS's "download all submissions" gives it. */
  async gradeFolder(folder?: vscode.Uri): Promise<GradeRow[] | undefined> {
    const target = folder ?? (await this.pickFolder());
    if (!target) return undefined;
    let source: BatchSource;
    let rubricInfo: { rubric: Rubric; calibration?: Calibration };
    try {
      source = isZip(target) ? await zipSource(target) : await folderSource(target);
      rubricInfo = await this.rubricFor(target);
    } catch (e) {
      void vscode.window.showErrorMessage(`Electra Feedback: ${describeError(e)}`);
      return undefined;
    }
    if (!source.files.some((f) => isSubmissionPath(f.path))) {
      void vscode.window.showInformationMessage(`Electra Feedback: no submissions (${SUBMISSION_EXTENSIONS.map((e) => `.${e}`).join(' ')}) in ${target.fsPath}.`);
      return [];
    }
    // Files an LMS named are graded per student (the main file of several), as the CLI does.
    const { submissions } = studentSubmissions(source.files);
    const rows: GradeRow[] = [];
    const results: LmsResult[] = [];
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Electra Feedback: grading folder', cancellable: true },
      async (progress, token) => {
        for (const [i, sub] of submissions.entries()) {
          if (token.isCancellationRequested) return true;
          const rel = sub.main ?? sub.others[0] ?? '';
          progress.report({ message: `${i + 1}/${submissions.length} ${rel}`, increment: 100 / submissions.length });
          const who = { ...(sub.student ? { student: sub.student } : {}), ...(sub.note ? { note: sub.note } : {}) };
          const { row, report } = sub.main === undefined
            ? { row: { path: rel, error: sub.note ?? 'nothing to grade' }, report: undefined }
            : await this.gradeOne(() => source.read(sub.main!), rel, rubricInfo);
          rows.push({ ...row, ...who });
          results.push({ display: rel, ...(sub.student ? { student: sub.student } : {}), ...(report ? { grade: report.grade, feedback: feedbackComment(report) } : {}) });
        }
        return false;
      },
    );
    if (cancelled) this.log.info(`Grade Folder cancelled after ${rows.length} of ${submissions.length} submissions`);
    this.lastBatch = { folder: isZip(target) ? vscode.Uri.joinPath(target, '..') : target, results };
    this.showSummary(target, rows, rubricInfo.calibration?.scale ?? rubricInfo.rubric.scale, results, source);
    return rows;
  }

  /**
   * Fills a Moodle worksheet or Canvas gradebook with the last Grade Folder's grades (the
   * summary's export buttons; `file` and `assignment` skip the questions).
   */
  async exportForLms(kind: LmsKind, file?: vscode.Uri, assignment?: string, batch = this.lastBatch): Promise<LmsExportResult | undefined> {
    if (!batch) {
      void vscode.window.showWarningMessage('Electra Feedback: grade a folder first (Grade Folder), then export its grades.');
      return undefined;
    }
    try {
      return await exportForLms(kind, batch.results, batch.folder, this.log, file, assignment);
    } catch (e) {
      void vscode.window.showErrorMessage(`Electra Feedback: ${describeError(e)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const p of this.panels) p.dispose();
  }

  private async gradeOne(read: () => Promise<ReadResult>, rel: string, r: { rubric: Rubric; calibration?: Calibration }): Promise<{ row: GradeRow; report?: GradeReport }> {
    try {
      const file = await read();
      if (!file.ok) {
        this.log.warn(`not graded ${rel}: ${file.reason}`);
        return { row: { path: rel, error: file.reason } };
      }
      const report = grade(await this.model.score(file.text, file.format), file.text, r.rubric, r.calibration);
      return { row: gradeRowOf(rel, report), report };
    } catch (e) {
      this.log.error(`grading ${rel} failed: ${describeError(e)}`);
      return { row: { path: rel, error: describeError(e) } };
    }
  }

  /** The rubric (and calibration) for `uri` (a file or folder): the nearest settings folder from it up to
   * its workspace folder, the CLI's rule (`locateGradingSettings`); defaults otherwise. */
  private async rubricFor(uri: vscode.Uri): Promise<{ rubric: Rubric; calibration?: Calibration }> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') return { rubric: { ...DEFAULT_RUBRIC, threshold: this.settings(uri).threshold } };
    const from = (await vscode.workspace.fs.stat(uri).then((s) => s.type === vscode.FileType.Directory, () => false)) ? uri.fsPath : path.dirname(uri.fsPath);
    const where = locateGradingSettings(from, folder.uri.fsPath);
    const text = await readIfExists(vscode.Uri.file(where.rubricPath));
    const rubric = text === undefined ? { ...DEFAULT_RUBRIC, threshold: this.settings(uri).threshold } : parseRubric(text, where.rubricPath);
    const calibration = existsSync(where.calibrationPath) ? loadCalibration(where.calibrationPath) : undefined;
    return { rubric, calibration };
  }

  private async pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: folders[0]?.uri,
      openLabel: 'Grade Folder',
    });
    return picked?.[0];
  }

  private createPanel(viewType: string, title: string): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    return panel;
  }

  private webviewTarget(panel: vscode.WebviewPanel): PageTarget {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const wv = panel.webview;
    return {
      kind: 'webview',
      cspSource: wv.cspSource,
      nonce: makeNonce(),
      scriptUri: wv.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
      styleUri: wv.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
    };
  }

  private async staticTarget(): Promise<PageTarget> {
    const css = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'report.css')));
    return { kind: 'static', css };
  }

  /**
   * The student's copy of a report (`core/grade/student-feedback.ts`): the findings at or above
   * the rubric's feedback confidence, with the worker's fixes for the flagged words among them.
   */
  private async studentCopy(title: string, report: GradeReport, text: string, format: DocumentFormat, sentences: ReadonlyArray<{ start: number; end: number }>, rubric: Rubric): Promise<string> {
    const confidence = feedbackConfidenceOf(rubric);
    const points: Finding[] = [];
    for (const f of studentFindings(report.findings, confidence)) {
      points.push(needsSuggester(f) ? { ...f, suggestions: await this.model.suggest(text, format, f.start, f.end, rubric.threshold) } : f);
    }
    return studentFeedbackMarkdown(title, report, text, feedbackPoints(text, sentences, points, confidence));
  }

  /** `revealable`: the document is text an editor can show, so passages link back to it. `studentCopy`: its student's feedback. */
  private showReport(doc: vscode.Uri, report: GradeReport, revealable: boolean, studentCopy: () => Promise<string>): void {
    const name = path.basename(doc.path);
    const panel = this.createPanel('electraFeedback.gradeReport', `Grade: ${name}`);
    panel.webview.html = page(`Grade: ${name}`, gradeReportBody(report, name, true), this.webviewTarget(panel));
    panel.webview.onDidReceiveMessage(async (m: PageMessage) => {
      try {
        if (m.type === 'reveal') { if (revealable) await revealRange(doc, m.start, m.end); }
        else if (m.type === 'export' && m.format === 'markdown') await this.save(doc, `${stem(name)}.grade.md`, gradeReportMarkdown(report, name));
        else if (m.type === 'export' && m.format === 'student') await this.save(doc, `${stem(name)}.feedback.md`, await studentCopy());
        else if (m.type === 'export' && m.format === 'html') {
          await this.save(doc, `${stem(name)}.grade.html`, page(`Grade: ${name}`, gradeReportBody(report, name, false), await this.staticTarget()));
        }
      } catch (e) {
        void vscode.window.showErrorMessage(`Electra Feedback: ${describeError(e)}`);
      }
    });
  }

  /** `results`: this summary's grades for its LMS export (each summary exports its own folder's). */
  private showSummary(folder: vscode.Uri, rows: GradeRow[], scale: { min: number; max: number }, results: LmsResult[], source: BatchSource): void {
    const name = path.basename(folder.path) || folder.fsPath;
    const panel = this.createPanel('electraFeedback.gradeSummary', `Grades: ${name}`);
    panel.webview.html = page(`Grades: ${name}`, summaryBody(name, rows, scale, true), this.webviewTarget(panel));
    panel.webview.onDidReceiveMessage(async (m: PageMessage) => {
      try {
        if (m.type === 'open') {
          const row = rows.find((r) => r.path === m.path); // only paths we listed can be opened
          const uri = row && source.uriOf(row.path); // none for a file inside a zip
          // A .docx or .pdf opens in whatever editor VS Code has for it, text in a text editor.
          if (uri && fileTypeOf(uri.path)?.kind === 'text') await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
          else if (uri) await vscode.commands.executeCommand('vscode.open', uri, vscode.ViewColumn.One);
        } else if (m.type === 'export' && m.format === 'csv') await this.save(folder, `${name}-grades.csv`, summaryCsv(rows), true);
        else if (m.type === 'export' && (m.format === 'moodle' || m.format === 'canvas')) await this.exportForLms(m.format, undefined, undefined, { folder: isZip(folder) ? vscode.Uri.joinPath(folder, '..') : folder, results });
      } catch (e) {
        void vscode.window.showErrorMessage(`Electra Feedback: ${describeError(e)}`);
      }
    });
  }

  /** Asks where to save `text` (default beside `near`) and writes it. */
  private async save(near: vscode.Uri, fileName: string, text: string, nearIsFolder = false): Promise<vscode.Uri | undefined> {
    const dir = nearIsFolder ? near : vscode.Uri.joinPath(near, '..');
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(dir, fileName) });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Electra Feedback: saved ${target.fsPath}`);
    return target;
  }
}

/** The file of the active tab when it is no text editor (a .docx or .pdf shown by a custom or binary editor). */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

/** Opens `uri` and selects `[start, end)` (UTF-16 offsets). */
async function revealRange(uri: vscode.Uri, start: number, end: number): Promise<void> {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

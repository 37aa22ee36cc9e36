/**
 * `electra-feedback grade`: grade files and folders of submissions, optionally calibrated to a
 * teacher's grades, as text, JSON or CSV on stdout, with one Markdown feedback file per
 * submission under --out. One model load; one submission in memory at a time. Arguments,
 * usage errors and the model load follow the CLI's one convention (as `check`).
 */
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Checker } from '../core/checker';
import { type Calibration, CALIBRATION_FILE, feedbackComment, grade, type GradeReport, type LmsResult, type Rubric, RUBRIC_DIR, RUBRIC_FILE } from '../core/grade';
import { batchReader, collectSubmissions, feedbackFileName, outputConflict, type Skipped, type Submission } from '../core/read/batch';
import type { DocumentFormat } from '../core/types';
import { parseCommandArgs } from './args';
import { calibrate, type ScoreRead } from './grade-calibrate';
import { parseGradeArgs, type GradeArgs } from './grade-args';
import { gradeOutput, listUngraded, studentLabel, type Ungraded } from './grade-output';
import { writeFeedback } from './grade-feedback';
import { GradedState, runKey, timeLeft } from './grade-resume';
import { checkLmsFile, writeLmsFile, type LmsFile } from './grade-lms';
import { loadGradeSettings, loadSavedCalibration, type GradeSettings } from './grade-settings';
import type { CliIO } from './io';
import { openChecker, reportError } from './open-checker';

export const GRADE_USAGE = `Usage: electra-feedback grade [options] PATH...

Grades submissions (.txt .md .tex .docx .pdf; folders are searched recursively; a .zip is read
as it is). Files named by Moodle's or Canvas's "download all submissions" are graded per student
(the main file of several), with the student's name and id in every output.

Options:
  --rubric FILE         rubric JSON (default: ${RUBRIC_DIR}/${RUBRIC_FILE} of this folder or the nearest
                        parent that has one, else the defaults)
  --calibrate CSV       fit the grade to a teacher's grades (CSV "path,score"; paths relative to the CSV)
                        and save it as ${CALIBRATION_FILE} beside the rubric; later runs use it
  --no-calibration      ignore a saved calibration
  --format FMT          text (default), json or csv
  --out DIR             write each student's feedback (DIR/NAME.md: points with their sentence, kind and
                        fix, no probabilities) and the teacher's report (DIR/teacher/NAME.md: every
                        finding with its numbers) into DIR (never inside an input folder)
  --no-fixes            no fixes in the student's feedback (skips the suggester: faster)
  --regrade             with --out: grade everything again (by default a re-run skips the submissions
                        already graded into DIR with the same rubric, calibration and model)
  --worksheet CSV       fill Grade and Feedback comments of a Moodle grading worksheet; writes
                        NAME-graded.csv beside it (every other cell kept as Moodle wrote it)
  --canvas CSV          fill one assignment's column of a Canvas gradebook export (with --assignment);
                        writes NAME-graded.csv beside it
  --assignment NAME     the Canvas assignment ("Essay 1" or "Essay 1 (1234)")
  --include GLOB        only files matching GLOB inside folders (repeatable), e.g. "**/*.docx"
  --exclude GLOB        skip files matching GLOB inside folders (repeatable)
  --model DIR           model folder (default: the embedded model)
  --provider NAME       auto (default), cpu, cuda, dml, coreml or webgpu
  --max-size MB         largest text file / extracted text in MB (default 1)
  -v, --verbose         report the model and fallbacks on stderr; stack traces on errors
  -h, --help            this help

Exit status: 0 all graded, 1 some files could not be read, 2 usage or setup error.`;

/** What grading a batch needs, resolved before the model loads. */
interface Plan { settings: GradeSettings; outDir?: string; submissions: Submission[]; skipped: Skipped[]; lmsFile?: LmsFile }

/** Runs the grade command; returns the exit status. */
export async function runGrade(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('grade', GRADE_USAGE, io, () => parseGradeArgs(argv));
  if (typeof args === 'number') return args;
  const plan = await planGrading(args, io);
  if (!plan) return 2;
  const checker = await openChecker(args, io);
  if (!checker) return 2;
  try {
    const score: ScoreRead = (r) => checker.score(r.text, r.format as DocumentFormat);
    let calibration: Calibration | undefined;
    try {
      calibration = args.calibrate
        ? await calibrate(resolve(io.cwd, args.calibrate), plan.settings.calibrationPath, plan.settings.rubric, score, args.maxTextBytes, io)
        : args.noCalibration ? undefined : loadSavedCalibration(plan.settings.calibrationPath, io);
    } catch (e) {
      reportError(io, args.verbose, '', e);
      return 2;
    }
    if (args.paths.length === 0) return 0;
    return await gradeSubmissions(plan, args, checker, plan.settings.rubric, calibration, io);
  } finally {
    await checker.dispose();
  }
}

/** The rubric, the output folder and the submissions; undefined after reporting a setup error. */
async function planGrading(args: GradeArgs, io: CliIO): Promise<Plan | undefined> {
  let settings: GradeSettings;
  try {
    settings = loadGradeSettings(args.rubric, io.cwd);
  } catch (e) {
    reportError(io, args.verbose, '', e);
    return undefined;
  }
  const inputs = args.paths.map((p) => resolve(io.cwd, p));
  const outDir = args.out === undefined ? undefined : resolve(io.cwd, args.out);
  const conflict = outDir === undefined ? undefined : await outputConflict(outDir, inputs);
  if (conflict) {
    io.stderr(`${conflict}\n`);
    return undefined;
  }
  const collected = await collectSubmissions(args.paths, { include: args.include, exclude: args.exclude, cwd: io.cwd });
  if (inputs.length && collected.submissions.length === 0) {
    for (const s of collected.skipped) io.stderr(`${s.path}: ${s.reason}\n`);
    io.stderr('No submissions found (.txt .md .tex .docx .pdf).\n');
    return undefined;
  }
  // A worksheet or gradebook that cannot be filled is said before any grading.
  const lmsFile = await checkLmsFile(args, io);
  if (lmsFile === null) return undefined;
  return { settings, outDir, submissions: collected.submissions, skipped: [...collected.skipped], ...(lmsFile ? { lmsFile } : {}) };
}

/** Grades every submission in order (reading the next while the model scores this one);
 * returns 1 when some could not be graded, else 0. */
async function gradeSubmissions(plan: Plan, args: GradeArgs, checker: Checker, rubric: Rubric, calibration: Calibration | undefined, io: CliIO): Promise<number> {
  const { submissions, outDir } = plan;
  const ungraded: Ungraded[] = [...plan.skipped];
  const taken = new Set<string>();
  if (outDir) await mkdir(outDir, { recursive: true });
  const out = gradeOutput(args.format, io);
  const grades: number[] = [];
  const total = submissions.length;
  const started = Date.now();
  const lms: LmsResult[] = [];
  for (const s of plan.skipped) out.failed({ display: s.path, ...(s.student ? { student: s.student } : {}) }, s.reason);
  const reader = batchReader({ maxTextBytes: args.maxTextBytes });
  // With --out, a re-run skips what this run's settings graded already (--regrade: everything again).
  const state = outDir ? await GradedState.open(outDir, await runKey(rubric, calibration, checker.info, !args.noFixes), args.regrade) : undefined;
  if (state?.size) io.stderr(`Resuming: ${state.size} submission(s) graded before with this rubric and model are not graded again (--regrade to grade them again).\n`);
  let scored = 0;
  let scoringMs = 0;
  const read = (i: number) => (i < total ? reader(submissions[i]) : undefined);
  let next = read(0);
  for (let i = 0; i < total; i++) {
    const sub = submissions[i];
    const r = await next!;
    next = read(i + 1);
    const label = sub.student ? `${studentLabel(sub.student)}, ${sub.display}` : sub.display;
    const fail = (reason: string) => {
      ungraded.push({ path: sub.display, reason, ...(sub.student ? { student: sub.student } : {}) });
      lms.push({ display: sub.display, ...(sub.student ? { student: sub.student } : {}) });
      io.stderr(`[${i + 1}/${total}] ${label}: ${r.ok ? reason : `skipped: ${reason}`}\n`);
      out.failed(sub, reason);
    };
    if (!r.ok) { fail(r.reason); continue; }
    const name = feedbackFileName(sub.student ? `${sub.student.name}_${sub.student.id}` : sub.display, taken);
    // A stored grade counts only while its student's copy is still there.
    const stored = state?.find(sub.display, r.text) && existsSync(join(outDir!, name)) ? state.find(sub.display, r.text) : undefined;
    let report: GradeReport;
    if (stored) report = stored;
    else {
      const t = Date.now();
      let sentences;
      try {
        const doc = await checker.score(r.text, r.format as DocumentFormat);
        report = grade(doc, r.text, rubric, calibration);
        sentences = doc.sentences;
      } catch (e) {
        fail(`scoring failed: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      if (outDir) {
        await writeFeedback(outDir, name, { label, report, text: r.text, format: r.format, sentences }, rubric, args.noFixes ? undefined : checker);
        await state!.add(sub.display, r.text, report);
      }
      scored++;
      scoringMs += Date.now() - t;
    }
    grades.push(report.grade);
    const eta = timeLeft(scoringMs, scored, total - i - 1);
    io.stderr(`[${i + 1}/${total}] ${label}: ${report.grade}${report.letter ? ` (${report.letter})` : ''}${stored ? ' (graded before)' : ''}${sub.note ? `; ${sub.note}` : ''}${eta ? `  ${eta}` : ''}\n`);
    out.graded(sub, report);
    lms.push({ display: sub.display, ...(sub.student ? { student: sub.student } : {}), grade: report.grade, feedback: feedbackComment(report) });
  }
  out.end(ungraded);
  if (plan.lmsFile) await writeLmsFile(plan.lmsFile, lms, io);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  io.stderr(`Graded ${grades.length} of ${total + plan.skipped.length} in ${secs}s${grades.length ? `; mean grade ${(grades.reduce((a, b) => a + b, 0) / grades.length).toFixed(2)}` : ''}.\n`);
  if (ungraded.length) io.stderr(`Not graded (${ungraded.length}):\n${listUngraded(ungraded)}\n`);
  if (outDir) io.stderr(`Feedback written to ${outDir}\n`);
  return ungraded.length ? 1 : 0;
}

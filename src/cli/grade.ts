/**
 * `electra-feedback grade`: grade files and folders of submissions, optionally calibrated to a
 * teacher's grades, as text, JSON or CSV on stdout, with one Markdown feedback file per
 * submission under --out. One model load; one submission in memory at a time.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Checker } from '../core/checker';
import type { DocumentFormat, ProviderName, ScoredDocument } from '../core/types';
import {
  grade, loadRubric, loadCalibration, fitCalibration, calibrationFeatures, parseGradesCsv, DEFAULT_RUBRIC,
  RUBRIC_DIR, RUBRIC_FILE, CALIBRATION_FILE, CalibrationError, type Calibration, type Rubric, type GradeReport,
} from '../core/grade';
import { collectSubmissions, feedbackFileName, outputConflict } from '../core/grade/batch';
import { CSV_COLUMNS, csvRow, feedbackMarkdown, reportText } from '../core/grade/render';
import { readSubmission, type ReadResult } from '../core/read';

export const GRADE_USAGE = `Usage: electra-feedback grade [options] PATH...

Grades submissions (.txt .md .tex .docx .pdf; folders are searched recursively).

Options:
  --rubric FILE         rubric JSON (default: ${RUBRIC_DIR}/${RUBRIC_FILE} of this folder or the nearest
                        parent that has one, else the defaults)
  --calibrate CSV       fit the grade to a teacher's grades (CSV "path,score"; paths relative to the CSV)
                        and save it as ${CALIBRATION_FILE} beside the rubric; later runs use it
  --no-calibration      ignore a saved calibration
  --format FMT          text (default), json or csv
  --out DIR             write one Markdown feedback file per submission into DIR (never inside an input folder)
  --include GLOB        only files matching GLOB inside folders (repeatable), e.g. "**/*.docx"
  --exclude GLOB        skip files matching GLOB inside folders (repeatable)
  --model DIR           model folder (default: the embedded model)
  --provider NAME       auto, cpu, cuda, dml, coreml or webgpu
  --max-size MB         largest text file / extracted text in MB (default 1)
  -h, --help            this help

Exit status: 0 all graded, 1 some files could not be read, 2 usage or setup error.`;

/** What the command writes to; injectable for tests. */
export interface GradeIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const defaultIO: GradeIO = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() };

/** Runs the grade command; returns the exit status. */
export async function runGrade(argv: string[], io: GradeIO = defaultIO): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rubric: { type: 'string' }, calibrate: { type: 'string' }, 'no-calibration': { type: 'boolean' },
        format: { type: 'string', default: 'text' }, out: { type: 'string' },
        include: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true },
        model: { type: 'string' }, provider: { type: 'string' }, 'max-size': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${GRADE_USAGE}\n`);
    return 2;
  }
  const o = args.values;
  if (o.help) { io.stdout(`${GRADE_USAGE}\n`); return 0; }
  const format = o.format as string;
  if (!['text', 'json', 'csv'].includes(format)) { io.stderr(`--format must be text, json or csv (got "${format}")\n`); return 2; }
  const maxSizeMb = o['max-size'] === undefined ? 1 : Number(o['max-size']);
  if (!(maxSizeMb > 0)) { io.stderr(`--max-size must be a positive number of MB (got "${o['max-size']}")\n`); return 2; }
  const maxTextBytes = Math.round(maxSizeMb * 1_000_000);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const inputs = args.positionals.map(abs);
  if (inputs.length === 0 && !o.calibrate) { io.stderr(`No PATH given.\n\n${GRADE_USAGE}\n`); return 2; }

  // Rubric and calibration live together in one folder: the given rubric's, else the nearest
  // .electra-feedback/ with a rubric or calibration from the working folder up, else the working folder's.
  const rubricPath = o.rubric ? abs(o.rubric) : findSettings(io.cwd);
  let rubric: Rubric = DEFAULT_RUBRIC;
  try {
    if (o.rubric || existsSync(rubricPath)) rubric = loadRubric(rubricPath);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return 2;
  }
  const calibrationPath = join(dirname(rubricPath), CALIBRATION_FILE);

  let outDir: string | undefined;
  if (o.out) {
    outDir = abs(o.out);
    const conflict = await outputConflict(outDir, inputs);
    if (conflict) { io.stderr(`${conflict}\n`); return 2; }
  }
  const collected = await collectSubmissions(args.positionals, { include: o.include, exclude: o.exclude, cwd: io.cwd });
  if (inputs.length && collected.submissions.length === 0) {
    for (const s of collected.skipped) io.stderr(`${s.path}: ${s.reason}\n`);
    io.stderr('No submissions found (.txt .md .tex .docx .pdf).\n');
    return 2;
  }

  let checker: Checker;
  try {
    checker = await Checker.create({ modelDir: o.model ? abs(o.model) : undefined, provider: o.provider as ProviderName | undefined, log: (l: string) => io.stderr(`${l}\n`) });
  } catch (e) {
    const err = e as Error & { hint?: string };
    io.stderr(`Cannot load the model: ${err.message}${err.hint ? `\n${err.hint}` : ''}\n`);
    return 2;
  }
  try {
    const score = async (r: Extract<ReadResult, { ok: true }>): Promise<ScoredDocument> => checker.score(r.text, r.format as DocumentFormat);

    let calibration: Calibration | undefined;
    if (o.calibrate) {
      const csvPath = abs(o.calibrate);
      try {
        calibration = await calibrate(csvPath, calibrationPath, rubric, score, maxTextBytes, io);
      } catch (e) {
        io.stderr(`${(e as Error).message}\n`);
        return 2;
      }
    } else if (!o['no-calibration'] && existsSync(calibrationPath)) {
      try {
        calibration = loadCalibration(calibrationPath);
        io.stderr(`Using calibration ${calibrationPath} (n=${calibration.n}, cross-validated QWK ${calibration.crossValidation.qwk ?? 'n/a'}).\n`);
      } catch (e) {
        io.stderr(`${(e as Error).message}\n`);
        return 2;
      }
    }
    if (inputs.length === 0) return 0;

    const unreadable: Array<{ path: string; reason: string }> = [...collected.skipped];
    const taken = new Set<string>();
    if (outDir) await mkdir(outDir, { recursive: true });
    if (format === 'csv') io.stdout(`${CSV_COLUMNS.join(',')}\n`);
    if (format === 'json') io.stdout('[\n');
    let first = true;
    const emitJson = (obj: object) => { io.stdout(`${first ? '' : ',\n'}${JSON.stringify(obj)}`); first = false; };
    const grades: number[] = [];
    const total = collected.submissions.length;
    const started = Date.now();
    // Read the next file while the model scores this one.
    let next = total ? readSubmission(collected.submissions[0].path, { maxTextBytes }) : undefined;
    for (let i = 0; i < total; i++) {
      const sub = collected.submissions[i];
      const read = await next!;
      next = i + 1 < total ? readSubmission(collected.submissions[i + 1].path, { maxTextBytes }) : undefined;
      if (!read.ok) {
        unreadable.push({ path: sub.display, reason: read.reason });
        io.stderr(`[${i + 1}/${total}] ${sub.display}: skipped: ${read.reason}\n`);
        if (format === 'json') emitJson({ path: sub.display, ok: false, reason: read.reason });
        continue;
      }
      let doc: ScoredDocument;
      let report: GradeReport;
      try {
        doc = await score(read);
        report = grade(doc, read.text, rubric, calibration);
      } catch (e) {
        const reason = `scoring failed: ${(e as Error).message.split('\n')[0]}`;
        unreadable.push({ path: sub.display, reason });
        io.stderr(`[${i + 1}/${total}] ${sub.display}: ${reason}\n`);
        if (format === 'json') emitJson({ path: sub.display, ok: false, reason });
        continue;
      }
      grades.push(report.grade);
      io.stderr(`[${i + 1}/${total}] ${sub.display}: ${report.grade}${report.letter ? ` (${report.letter})` : ''}\n`);
      if (format === 'csv') io.stdout(`${csvRow(sub.display, report)}\n`);
      else if (format === 'json') emitJson({ path: sub.display, ok: true, report });
      else io.stdout(`${reportText(sub.display, report)}\n\n`);
      if (outDir) {
        const name = feedbackFileName(sub.display, taken);
        await writeAtomic(join(outDir, name), feedbackMarkdown(sub.display, report, read.text, doc.sentences));
      }
    }
    if (format === 'json') io.stdout(`${first ? '' : '\n'}]\n`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    io.stderr(`Graded ${grades.length} of ${total + collected.skipped.length} in ${secs}s${grades.length ? `; mean grade ${(grades.reduce((a, b) => a + b, 0) / grades.length).toFixed(2)}` : ''}.\n`);
    if (unreadable.length) {
      io.stderr(`Not graded (${unreadable.length}):\n${unreadable.map((u) => `  ${u.path}: ${u.reason}`).join('\n')}\n`);
      if (format === 'text') io.stdout(`Not graded:\n${unreadable.map((u) => `  ${u.path}: ${u.reason}`).join('\n')}\n`);
    }
    if (outDir) io.stderr(`Feedback written to ${outDir}\n`);
    return unreadable.length ? 1 : 0;
  } finally {
    await checker.dispose();
  }
}

/** `.electra-feedback/rubric.json` of the nearest folder (from `cwd` up) whose settings folder has a rubric or calibration. */
function findSettings(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, RUBRIC_DIR, RUBRIC_FILE)) || existsSync(join(dir, RUBRIC_DIR, CALIBRATION_FILE))) return join(dir, RUBRIC_DIR, RUBRIC_FILE);
    if (dirname(dir) === dir) return join(resolve(cwd), RUBRIC_DIR, RUBRIC_FILE);
  }
}

/** Scores the graded submissions of `csvPath`, fits a calibration and saves it to `target`. */
async function calibrate(
  csvPath: string, target: string, rubric: Rubric, score: (r: Extract<ReadResult, { ok: true }>) => Promise<ScoredDocument>,
  maxTextBytes: number, io: GradeIO,
): Promise<Calibration> {
  let text: string;
  try {
    text = await readFile(csvPath, 'utf8');
  } catch (e) {
    throw new CalibrationError(`Cannot read ${csvPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const rows = parseGradesCsv(text, csvPath);
  const examples = [];
  for (const [i, row] of rows.entries()) {
    const path = isAbsolute(row.path) ? row.path : resolve(dirname(csvPath), row.path);
    const read = await readSubmission(path, { maxTextBytes });
    if (!read.ok) { io.stderr(`${csvPath}:${row.line}: ${row.path}: skipped: ${read.reason}\n`); continue; }
    const report = grade(await score(read), read.text, rubric);
    examples.push({ features: calibrationFeatures(report.criteria, report.words), score: row.score });
    io.stderr(`[calibrate ${i + 1}/${rows.length}] ${row.path}\n`);
  }
  // The rubric's scale is the teacher's when they set one that holds every grade; else it comes from the grades.
  const s = rubric.scale;
  const custom = s.min !== DEFAULT_RUBRIC.scale.min || s.max !== DEFAULT_RUBRIC.scale.max || s.step !== DEFAULT_RUBRIC.scale.step;
  const fits = examples.every((e) => e.score >= s.min && e.score <= s.max);
  const cal = fitCalibration(examples, custom && fits ? { scale: s } : {});
  await mkdir(dirname(target), { recursive: true });
  await writeAtomic(target, `${JSON.stringify(cal, null, 2)}\n`);
  const cv = cal.crossValidation;
  io.stderr(`Calibrated on ${cal.n} graded submissions (scale ${cal.scale.min}–${cal.scale.max}${cal.scale.step ? ` step ${cal.scale.step}` : ''}); `
    + (cv.folds ? `${cv.folds}-fold cross-validated QWK ${cv.qwk ?? 'n/a'}, Pearson ${cv.pearson ?? 'n/a'}` : 'too few to cross-validate (6+ needed)')
    + `. Saved ${target}\n`);
  if (cal.n < 20) io.stderr('Fewer than 20 graded submissions: treat the calibration as rough.\n');
  return cal;
}

/** Writes via a temporary file in the same folder and a rename, so a reader never sees half a file. */
async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGrade } from '../../src/cli/grade';
import { STATE_FILE } from '../../src/cli/grade-resume';
import type { CliIO } from '../../src/cli/io';
import { CRITERION_IDS } from '../../src/core/grade';
import { splitCsvRecords } from '../../src/core/csv';
import { docx } from './read-fixtures';

const REPO = resolve(__dirname, '../..');
/** The tiny random-weight model (plumbing only: grades are meaningless, the pipeline is real). */
const MODEL = process.env.ELECTRA_TEST_MODEL ?? join(REPO, 'test/.cache/tiny-model');

const ESSAY = (topic: string, n: number) => Array.from({ length: n }, (_, i) =>
  `Paragraph ${i + 1} about ${topic}. Students who read every day discover new ideas and words. `
  + 'They also learn how good sentences are built, which helps them write their own essays with confidence.').join('\n\n');

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd, readStdin: async () => new Uint8Array(), stderrIsTTY: false };
  return runGrade(['--model', MODEL, ...args], io).then((code) => ({ code, stdout, stderr }));
}

/** Every file under `dir` with its size and modification time, to prove nothing changed. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p}:${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

describe('grade CLI: a class folder through the real pipeline (tiny model)', function () {
  let root: string;
  let cls: string;
  before(function () {
    if (!existsSync(join(MODEL, 'onnx', 'model.onnx'))) {
      try {
        execFileSync('/usr/bin/python3', [join(REPO, 'models/training/export.py'), '--random-tiny', '--seed', '0', '--out', MODEL], { stdio: 'ignore', timeout: 120_000 });
      } catch {
        this.skip(); // No model and no way to export one here: nothing to run the pipeline with.
      }
    }
    root = mkdtempSync(join(tmpdir(), 'ef-cli-'));
    cls = join(root, 'class');
    mkdirSync(join(cls, 'late'), { recursive: true });
    writeFileSync(join(cls, 'ana.md'), `# Reading\n\n${ESSAY('reading', 3)}`);
    writeFileSync(join(cls, 'ben.docx'), docx(ESSAY('sport', 4).split('\n\n')));
    writeFileSync(join(cls, 'late', 'cara.txt'), ESSAY('music', 2));
    writeFileSync(join(cls, 'dan.txt'), ESSAY('travel', 5));
    writeFileSync(join(cls, 'eve.txt'), ESSAY('food', 1));
    writeFileSync(join(cls, 'fay.txt'), ESSAY('games', 6));
    writeFileSync(join(cls, 'empty.txt'), '');
    writeFileSync(join(cls, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 0, 0, 1]));
    writeFileSync(join(cls, 'huge.txt'), 'word '.repeat(400_000));
  });
  after(() => { if (root) rmSync(root, { recursive: true, force: true }); });

  it('grades the readable files as CSV, lists the unreadable, empty and 2 MB files with reasons, and exits 1', async () => {
    const r = await run(['--format', 'csv', cls], root);
    assert.equal(r.code, 1, r.stderr);
    const rows = splitCsvRecords(r.stdout);
    assert.deepEqual(rows[0], ['path', 'student', 'student_id', 'grade', ...CRITERION_IDS, 'words', 'flagged', 'letter', 'error']);
    const error = rows[0].indexOf('error');
    const graded = rows.slice(1).filter((row) => row[error] === '');
    assert.deepEqual(graded.map((row) => row[0].split('/').pop()), ['ana.md', 'ben.docx', 'dan.txt', 'eve.txt', 'fay.txt', 'cara.txt']);
    for (const row of graded) row.slice(3, -2).forEach((c) => assert.ok(Number.isFinite(Number(c)), c));
    // A file that could not be read is a row with its reason, not a missing line.
    const failed = Object.fromEntries(rows.slice(1).filter((row) => row[error] !== '').map((row) => [row[0].split('/').pop(), row[error]]));
    assert.match(failed['empty.txt'], /the file is empty/);
    assert.match(failed['huge.txt'], /over the 1\.0 MB limit/);
    assert.match(r.stderr, /empty\.txt: the file is empty/);
    assert.match(r.stderr, /scan\.txt: the file is binary/);
    assert.match(r.stderr, /huge\.txt: the file is 2\.0 MB, over the 1\.0 MB limit/);
  });

  it('writes one Markdown feedback file per submission outside the class folder, and never touches the class folder', async () => {
    const before = snapshot(cls);
    const out = join(root, 'feedback');
    const r = await run(['--out', out, '--format', 'json', cls], root);
    assert.equal(r.code, 1, r.stderr);
    const results = JSON.parse(r.stdout) as Array<{ path: string; ok: boolean; reason?: string; report?: { grade: number } }>;
    assert.equal(results.filter((x) => x.ok).length, 6);
    assert.equal(results.filter((x) => !x.ok).length, 3);
    // The students' copies, and the teacher's reports in their own folder, one each.
    // (and the resumable run's state, a hidden file)
    const files = readdirSync(out).filter((f) => f !== 'teacher' && f !== STATE_FILE).sort();
    assert.ok(readdirSync(out).includes(STATE_FILE));
    assert.equal(files.length, 6);
    assert.ok(files.every((f) => f.endsWith('.md') && !f.endsWith('.tmp')));
    assert.deepEqual(readdirSync(join(out, 'teacher')).sort(), files);
    const md = readFileSync(join(out, files.find((f) => f.includes('ana'))!), 'utf8');
    assert.match(md, /^# Feedback: .*ana\.md/);
    assert.match(md, /\*\*Grade: \d+/);
    assert.deepEqual(snapshot(cls), before);
  });

  it('refuses --out inside the class folder before writing anything', async () => {
    const before = snapshot(cls);
    const r = await run(['--out', join(cls, 'feedback'), cls], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /inside the input folder/);
    assert.deepEqual(snapshot(cls), before);
  });

  it('calibrates on a teacher CSV, saves the calibration beside the rubric and reports cross-validated agreement', async () => {
    const work = join(root, 'work');
    mkdirSync(join(work, '.electra-feedback'), { recursive: true });
    writeFileSync(join(work, '.electra-feedback', 'rubric.json'), '{"scale": {"min": 1, "max": 6, "step": 0.5}, "analytic": ["grammar", "cohesion"]}');
    const names = ['ana.md', 'ben.docx', 'late/cara.txt', 'dan.txt', 'eve.txt', 'fay.txt'];
    // A grammar column (one cell left empty) calibrates the grammar trait; cohesion stays the rubric's.
    writeFileSync(join(root, 'graded.csv'), `path,score,grammar\n${names.map((n, i) => `class/${n},${1 + i},${i === 2 ? '' : 6 - i}`).join('\n')}\n`);
    const r = await run(['--calibrate', join(root, 'graded.csv'), '--format', 'json', join(cls, 'dan.txt')], work);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Calibrated on 6 graded submissions \(scale 1–6 step 0\.5\); method (criteria|rescale|rubric), 3-fold cross-validated QWK/);
    const cal = JSON.parse(readFileSync(join(work, '.electra-feedback', 'calibration.json'), 'utf8'));
    assert.equal(cal.n, 6);
    assert.equal(cal.format, 2);
    // Every method was cross-validated; the chosen one agrees at least as well as the plain rubric, and a fallback says so.
    assert.deepEqual(Object.keys(cal.crossValidation.candidates).sort(), ['criteria', 'rescale', 'rubric']);
    assert.ok((cal.crossValidation.qwk ?? -1) >= (cal.crossValidation.candidates.rubric.qwk ?? -1));
    if (cal.method !== 'criteria') assert.match(r.stderr, /Calibration fell back: /);
    // The class's vocabulary is saved for the fit criterion, and the graded report shows it.
    assert.equal(cal.reference.n, 6);
    const [res] = JSON.parse(r.stdout);
    assert.equal(res.report.calibrated, true);
    assert.ok(res.report.grade >= 1 && res.report.grade <= 6);
    assert.ok(res.report.criteria.some((c: { id: string }) => c.id === 'fit'));
    assert.equal(cal.analytic.grammar.n, 5);
    assert.equal(cal.analytic.cohesion, undefined);
    assert.deepEqual(res.report.analytic.map((a: { trait: string; calibrated: boolean }) => [a.trait, a.calibrated]), [['grammar', true], ['cohesion', false]]);
    assert.match(r.stderr, /grammar: calibrated on 5 \(method \w+/);
    // A later run, also from a subfolder, picks the saved calibration up.
    mkdirSync(join(work, 'sub'));
    const again = await run(['--format', 'json', join(cls, 'dan.txt')], join(work, 'sub'));
    assert.equal(JSON.parse(again.stdout)[0].report.grade, res.report.grade);
    assert.match(again.stderr, /Using calibration/);
  });

  it('rejects a bad rubric with its line and field, before loading the model', async () => {
    const work = join(root, 'bad');
    mkdirSync(work);
    writeFileSync(join(work, 'r.json'), '{\n  "weights": {"fluency": -1}\n}');
    const r = await run(['--rubric', join(work, 'r.json'), cls], work);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /r\.json:2:26: weights\.fluency: must be a number >= 0/);
  });
});

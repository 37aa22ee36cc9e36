import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { runGrade } from '../../src/cli/grade';
import type { CliIO } from '../../src/cli/io';
import { csvRecordSpans, splitCsvRecords } from '../../src/core/csv';
import { CANVAS_GRADEBOOK, MOODLE_WORKSHEET } from './lms-fixtures';
import { docx, pdf } from './read-fixtures';

const REPO = resolve(__dirname, '../..');
/** The tiny random-weight model (plumbing only: grades are meaningless, the pipeline is real). */
const MODEL = process.env.ELECTRA_TEST_MODEL ?? join(REPO, 'test/.cache/tiny-model');

const LINES = ['Reading every day builds a wide vocabulary and a feeling', 'for how sentences work. Students who read widely also', 'write with more confidence.'];
const enc = (s: string) => new TextEncoder().encode(s);

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd, readStdin: async () => new Uint8Array(), stderrIsTTY: false };
  return runGrade(['--model', MODEL, ...args], io).then((code) => ({ code, stdout, stderr }));
}

describe('grade CLI: LMS zips in, worksheet and gradebook out (tiny model)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ef-lms-'));
    // Moodle's "Download all submissions", flat: participant ids as in the worksheet fixture.
    writeFileSync(join(dir, 'moodle.zip'), zipSync({
      'Jane Doe_12345_assignsubmission_file_My Essay.docx': docx(LINES),
      'Bo Chen_12346_assignsubmission_file_essay.docx': enc('PK\u0003\u0004 this zip is cut short'), // corrupt
      'Ali Khan_12347_assignsubmission_file_final.docx': docx([...LINES, ...LINES]),
      'Ali Khan_12347_assignsubmission_file_outline.txt': enc('Outline: reading, writing.'),
    }));
    // Moodle with "download submissions in folders".
    writeFileSync(join(dir, 'moodle-folders.zip'), zipSync({
      'Jane Doe_12345_assignsubmission_file_': { 'essay.pdf': pdf(LINES) },
      'Ali Khan_12347_assignsubmission_file_': { 'essay.md': enc(`# Essay\n\n${LINES.join(' ')}\n`) },
    }));
    // Canvas's "Download Submissions".
    writeFileSync(join(dir, 'canvas.zip'), zipSync({
      'smithjohn_12345_67890_essay.docx': docx(LINES),
      'doejane_LATE_12346_67891_Essay-1.pdf': pdf(LINES),
    }));
    writeFileSync(join(dir, 'grading-worksheet.csv'), MOODLE_WORKSHEET);
    writeFileSync(join(dir, 'gradebook.csv'), CANVAS_GRADEBOOK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('grades a Moodle zip straight from the zip: one row per student with name and id, the corrupt .docx an error row, the main file named', async () => {
    const r = await run(['--format', 'csv', 'moodle.zip'], dir);
    assert.equal(r.code, 1, r.stderr);
    const rows = splitCsvRecords(r.stdout);
    const col = (name: string) => rows[0].indexOf(name);
    const by = Object.fromEntries(rows.slice(1).map((row) => [row[col('student')], row]));
    assert.deepEqual(Object.keys(by).sort(), ['Ali Khan', 'Bo Chen', 'Jane Doe']);
    assert.equal(by['Jane Doe'][col('student_id')], '12345');
    assert.ok(Number.isFinite(Number(by['Jane Doe'][col('grade')])) && by['Jane Doe'][col('grade')] !== '');
    assert.equal(by['Ali Khan'][col('path')], 'moodle.zip/Ali Khan_12347_assignsubmission_file_final.docx', 'the Word document is the main file');
    assert.match(by['Bo Chen'][col('error')], /not a readable Word document/);
    assert.equal(by['Bo Chen'][col('grade')], '');
    assert.match(r.stderr, /Ali Khan \(12347\).*graded "final\.docx" \(the only Word document\) of 2 files; not graded: "outline\.txt"/);
  });

  it('fills the Moodle worksheet beside it: the graded rows get Grade and Feedback comments, everything else byte for byte', async () => {
    const r = await run(['--worksheet', 'grading-worksheet.csv', '--format', 'json', 'moodle.zip'], dir);
    assert.equal(r.code, 1, r.stderr);
    const results = JSON.parse(r.stdout) as Array<{ student?: { name: string; id: string }; ok: boolean; report?: { grade: number } }>;
    const jane = results.find((x) => x.student?.id === '12345');
    assert.ok(jane?.ok && jane.report);
    assert.equal(readFileSync(join(dir, 'grading-worksheet.csv'), 'utf8'), MOODLE_WORKSHEET, 'the download itself is never changed');
    const filled = readFileSync(join(dir, 'grading-worksheet-graded.csv'), 'utf8');
    assert.equal(filled.split('\n')[0], MOODLE_WORKSHEET.split('\n')[0], 'the header byte for byte');
    const rows = splitCsvRecords(filled);
    assert.equal(Number(rows[1][4]), jane.report.grade);
    // The feedback comment is the student's: strengths and what to work on, no probabilities.
    assert.match(rows[1][9], /^What you do well: /);
    assert.doesNotMatch(rows[1][9], /(?<![\d.])0?\.\d+|%/);
    assert.ok(rows[3][4] !== '55.00' && rows[3][4] !== '', 'Ali Khan re-graded');
    assert.equal(filled.split('\n')[2], MOODLE_WORKSHEET.split('\n')[2], 'Bo Chen (unreadable) keeps his row as it was');
    assert.equal(filled.split('\n')[4], MOODLE_WORKSHEET.split('\n')[4], 'the locked row is kept');
    // Every field but Grade and Feedback comments of the filled rows is byte for byte the same.
    const [a, b] = [csvRecordSpans(MOODLE_WORKSHEET), csvRecordSpans(filled)];
    for (let row = 0; row < a.length; row++) {
      for (let c = 0; c < a[row].length; c++) {
        if ((row === 1 || row === 3) && (c === 4 || c === 9)) continue;
        assert.equal(filled.slice(b[row][c].start, b[row][c].end), MOODLE_WORKSHEET.slice(a[row][c].start, a[row][c].end), `${row}:${c}`);
      }
    }
    assert.match(r.stderr, /Moodle worksheet with 2 grades written to .*grading-worksheet-graded\.csv/);
  });

  it('reads Moodle\'s folder-per-student zip the same way', async () => {
    const r = await run(['--format', 'csv', 'moodle-folders.zip'], dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = splitCsvRecords(r.stdout);
    assert.deepEqual(rows.slice(1).map((row) => [row[0], row[1], row[2]]), [
      ['moodle-folders.zip/Ali Khan_12347_assignsubmission_file_/essay.md', 'Ali Khan', '12347'],
      ['moodle-folders.zip/Jane Doe_12345_assignsubmission_file_/essay.pdf', 'Jane Doe', '12345'],
    ]);
  });

  it('grades a Canvas zip and fills the assignment\'s gradebook column, other columns unchanged', async () => {
    const r = await run(['--canvas', 'gradebook.csv', '--assignment', 'Essay 1', '--format', 'json', 'canvas.zip'], dir);
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as Array<{ student: { name: string; id: string }; report: { grade: number } }>;
    assert.deepEqual(results.map((x) => [x.student.name, x.student.id]), [['doejane', '12346'], ['smithjohn', '12345']]);
    const filled = readFileSync(join(dir, 'gradebook-graded.csv'), 'utf8');
    const rows = splitCsvRecords(filled);
    assert.equal(Number(rows[2][5]), results[1].report.grade, 'Smith, John by user id');
    assert.equal(Number(rows[3][5]), results[0].report.grade, 'Doe, Jane by user id');
    assert.equal(filled.split('\r\n')[0], CANVAS_GRADEBOOK.split('\r\n')[0], 'header (and BOM) byte for byte');
    assert.equal(filled.split('\r\n')[1], CANVAS_GRADEBOOK.split('\r\n')[1], 'Points Possible kept');
    assert.equal(filled.split('\r\n')[4], CANVAS_GRADEBOOK.split('\r\n')[4], 'the test student kept');
    for (const i of [2, 3]) {
      const [was, now] = [splitCsvRecords(CANVAS_GRADEBOOK)[i], rows[i]];
      assert.deepEqual([...now.slice(0, 5), ...now.slice(6)], [...was.slice(0, 5), ...was.slice(6)], `row ${i}: only the assignment cell changed`);
    }
  });

  it('says before grading when the worksheet is no worksheet or the assignment is not in the gradebook (exit 2)', async () => {
    writeFileSync(join(dir, 'other.csv'), 'Name,Score\nx,1\n');
    const bad = await run(['--worksheet', 'other.csv', 'moodle.zip'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a Moodle grading worksheet/);
    const missing = await run(['--canvas', 'gradebook.csv', '--assignment', 'Essay 9', 'canvas.zip'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no assignment "Essay 9" in the gradebook; it has "Essay 1 \(1234\)", "Quiz 2 \(1240\)"/);
    const usage = await run(['--canvas', 'gradebook.csv', 'canvas.zip'], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--canvas needs --assignment/);
  });
});

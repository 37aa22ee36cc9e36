import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { csvRecordSpans, splitCsvRecords } from '../../src/core/csv';
import { canvasAssignments, fillCanvasGradebook, GradebookError } from '../../src/core/grade/lms/canvas-gradebook';
import { canvasFile, moodleFile, studentSubmissions } from '../../src/core/grade/lms/lms-names';
import type { LmsResult } from '../../src/core/grade/lms/lms-result';
import { fillMoodleWorksheet, WorksheetError } from '../../src/core/grade/lms/moodle-worksheet';
import { zipEntries, zipEntryBytes } from '../../src/core/read/zip';
import { CANVAS_GRADEBOOK, MOODLE_WORKSHEET } from './lms-fixtures';

/** Every field of `after` equals `before`'s but those of `changed` ("row:column" keys); the raw text outside them too. */
function assertOnlyChanged(before: string, after: string, changed: Set<string>): void {
  const a = csvRecordSpans(before);
  const b = csvRecordSpans(after);
  assert.equal(b.length, a.length, 'same number of records');
  let rawA = '';
  let rawB = '';
  let atA = 0;
  let atB = 0;
  for (let r = 0; r < a.length; r++) {
    assert.equal(b[r].length, a[r].length, `record ${r}: same number of fields`);
    for (let c = 0; c < a[r].length; c++) {
      if (changed.has(`${r}:${c}`)) {
        rawA += before.slice(atA, a[r][c].start); rawB += after.slice(atB, b[r][c].start);
        atA = a[r][c].end; atB = b[r][c].end;
      } else assert.equal(after.slice(b[r][c].start, b[r][c].end), before.slice(a[r][c].start, a[r][c].end), `record ${r} field ${c} kept byte for byte`);
    }
  }
  assert.equal(rawB + after.slice(atB), rawA + before.slice(atA), 'every byte outside the filled cells kept (quotes, line ends, BOM)');
}

describe('LMS: submission names, zips, the Moodle worksheet and the Canvas gradebook', () => {
  it('reads Moodle\'s flat and folder names and Canvas\'s names (late too)', () => {
    assert.deepEqual(moodleFile('Jane Doe_12345_assignsubmission_file_My essay.docx'), { student: { name: 'Jane Doe', id: '12345', lms: 'moodle' }, file: 'My essay.docx' });
    assert.deepEqual(moodleFile('Jane Doe_12345_assignsubmission_file_/drafts/essay.pdf'), { student: { name: 'Jane Doe', id: '12345', lms: 'moodle' }, file: 'drafts/essay.pdf' });
    assert.deepEqual(moodleFile('José Núñez_77_assignsubmission_file/essay.docx')?.student, { name: 'José Núñez', id: '77', lms: 'moodle' });
    assert.equal(moodleFile('essay_2024_final.docx'), undefined);
    assert.deepEqual(canvasFile('smithjohn_12345_67890_essay.docx'), { student: { name: 'smithjohn', id: '12345', lms: 'canvas' }, file: 'essay.docx' });
    assert.deepEqual(canvasFile('doejane_LATE_12346_67891_Essay_final-1.docx'), { student: { name: 'doejane', id: '12346', lms: 'canvas' }, file: 'Essay_final-1.docx', late: true });
    assert.equal(canvasFile('Essay final.docx'), undefined);
  });

  it('groups a student\'s files, grades the main one and says which; a batch of other names stays one file each', () => {
    const { lms, submissions } = studentSubmissions([
      { path: 'Bob Lee_222_assignsubmission_file_notes.txt', size: 900 },
      { path: 'Bob Lee_222_assignsubmission_file_essay.docx', size: 5000 },
      { path: 'Bob Lee_222_assignsubmission_file_photo.jpg', size: 90000 },
      { path: 'Amy Ng_111_assignsubmission_file_essay.pdf', size: 4000 },
      { path: 'Cy Ho_333_assignsubmission_onlinetext_onlinetext.html', size: 100 },
    ]);
    assert.equal(lms, 'moodle');
    assert.deepEqual(submissions.map((s) => [s.student?.name, s.main]), [
      ['Amy Ng', 'Amy Ng_111_assignsubmission_file_essay.pdf'],
      ['Bob Lee', 'Bob Lee_222_assignsubmission_file_essay.docx'],
      ['Cy Ho', undefined],
    ]);
    assert.equal(submissions[0].note, undefined, 'one file: nothing to explain');
    assert.equal(submissions[1].note, 'graded "essay.docx" (the only Word document) of 3 files; not graded: "notes.txt", "photo.jpg"');
    assert.match(submissions[2].note ?? '', /no file it can read among "onlinetext\.html"/);
    const plain = studentSubmissions([{ path: 'essay_2024_01_final.docx', size: 1 }, { path: 'b.md', size: 1 }]);
    assert.equal(plain.lms, undefined);
    assert.deepEqual(plain.submissions.map((s) => [s.main, s.student]), [['essay_2024_01_final.docx', undefined], ['b.md', undefined]]);
  });

  it('lists a zip\'s files without inflating them and inflates one on demand; a bomb and a non-zip are refused', () => {
    const z = zipSync({ 'a/essay.txt': new TextEncoder().encode('Hello there.'), '__MACOSX/a/._essay.txt': new Uint8Array(3), 'a/': {} as never, 'big.txt': new Uint8Array(5000) });
    assert.deepEqual(zipEntries(z), [{ name: 'a/essay.txt', size: 12 }, { name: 'big.txt', size: 5000 }]);
    assert.equal(new TextDecoder().decode(zipEntryBytes(z, 'a/essay.txt', 100)), 'Hello there.');
    assert.throws(() => zipEntryBytes(z, 'big.txt', 1000), /5000|0\.0 MB uncompressed, over/);
    assert.throws(() => zipEntryBytes(z, 'missing.txt', 1000), /not in the archive/);
    assert.throws(() => zipEntries(new TextEncoder().encode('not a zip at all')));
  });

  it('fills a Moodle worksheet\'s Grade and Feedback comments, every other byte as Moodle wrote it', () => {
    const results: LmsResult[] = [
      { display: 'a.docx', student: { name: 'Jane Doe', id: '12345', lms: 'moodle' }, grade: 72.5, feedback: 'Clear argument, "strong" ending.\nWork on commas.' },
      { display: 'b.docx', student: { name: 'Ali Khan', id: '12347', lms: 'moodle' }, grade: 80, feedback: 'Good.' },
      { display: 'c.docx', student: { name: 'Zed Zero', id: '99999', lms: 'moodle' }, grade: 50, feedback: 'x' },
      { display: 'd.docx', student: { name: 'Locked Person', id: '12348', lms: 'moodle' }, grade: 60, feedback: 'y' },
      { display: 'e.docx', student: { name: 'Bo Chen', id: '12346', lms: 'moodle' } }, // not graded (unreadable)
    ];
    const out = fillMoodleWorksheet(MOODLE_WORKSHEET, results);
    assert.equal(out.filled, 2);
    assert.equal(out.text.split('\n')[0], MOODLE_WORKSHEET.split('\n')[0], 'header byte for byte');
    assertOnlyChanged(MOODLE_WORKSHEET, out.text, new Set(['1:4', '1:9', '3:4', '3:9']));
    const rows = splitCsvRecords(out.text);
    assert.deepEqual([rows[1][4], rows[1][9]], ['72.5', 'Clear argument, "strong" ending.\nWork on commas.']);
    assert.deepEqual([rows[3][4], rows[3][9]], ['80', 'Good.']);
    assert.deepEqual([rows[2][4], rows[2][9]], ['', ''], 'a student without a grade keeps an empty row');
    assert.deepEqual(out.unmatched, ['c.docx: no worksheet row for Zed Zero (99999)']);
    assert.match(out.warnings.join('\n'), /Locked Person: "Grade can be changed" is No/);
    assert.throws(() => fillMoodleWorksheet('Name,Score\nx,1\n', results), WorksheetError);
  });

  it('refuses a grade over the worksheet\'s maximum instead of writing it', () => {
    const out = fillMoodleWorksheet(MOODLE_WORKSHEET.replace(/100\.00/g, '10.00'), [{ display: 'a', student: { name: 'Jane Doe', id: '12345', lms: 'moodle' }, grade: 72 }]);
    assert.equal(out.filled, 0);
    assert.match(out.warnings[0], /over the assignment's maximum 10/);
  });

  it('fills one assignment column of a Canvas gradebook, by user id or the file-name spelling of the name', () => {
    assert.deepEqual(canvasAssignments(CANVAS_GRADEBOOK), ['Essay 1 (1234)', 'Quiz 2 (1240)']);
    const results: LmsResult[] = [
      { display: 's.docx', student: { name: 'smithjohn', id: '12345', lms: 'canvas' }, grade: 88 },
      { display: 'd.docx', student: { name: 'doejane', id: '555', lms: 'canvas' }, grade: 91.25 }, // id not in the export: matched by name
      { display: 'x.docx', student: { name: 'nobody', id: '1', lms: 'canvas' }, grade: 10 },
    ];
    const out = fillCanvasGradebook(CANVAS_GRADEBOOK, 'Essay 1', results);
    assert.equal(out.filled, 2);
    assertOnlyChanged(CANVAS_GRADEBOOK, out.text, new Set(['2:5', '3:5']));
    const rows = splitCsvRecords(out.text);
    assert.deepEqual([rows[2][5], rows[3][5], rows[4][5]], ['88', '91.25', '']);
    assert.equal(rows[1][5], '100.00', 'Points Possible kept');
    assert.deepEqual(out.unmatched, ['x.docx: no gradebook row for nobody (1)']);
    assert.equal(fillCanvasGradebook(CANVAS_GRADEBOOK, 'Essay 1 (1234)', results).text, out.text, 'the header with its id names it too');
    assert.throws(() => fillCanvasGradebook(CANVAS_GRADEBOOK, 'Essay 9', results), (e: Error) => e instanceof GradebookError && /"Essay 1 \(1234\)", "Quiz 2 \(1240\)"/.test(e.message));
    assert.throws(() => fillCanvasGradebook('a,b\n1,2\n', 'Essay 1', results), GradebookError);
  });
});

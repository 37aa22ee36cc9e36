import assert from 'node:assert/strict';
import { grade, CRITERION_IDS, DEFAULT_RUBRIC } from '../../src/core/grade';
import { splitCsvRecords } from '../../src/core/csv';
import { CSV_COLUMNS, csvRow, feedbackMarkdown, gradeRowOf } from '../../src/core/grade/render';
import { scoredDoc } from './grade-fixtures';

const TEXT = 'Reading opens doors.\nStudents who read widely write better essays, because they borrow structures.\n\nA third sentence ends it.';

describe('grade: CSV, JSON and Markdown renderings', () => {
  const doc = scoredDoc(TEXT, (w) => (w === 'borrow' || w === 'structures' ? 0.95 : 0.01));
  const report = grade(doc, TEXT);

  it('CSV has the columns path,student,student_id,grade,<criteria>,words,flagged,letter,error and one numeric cell per number column', () => {
    assert.deepEqual(CSV_COLUMNS, ['path', 'student', 'student_id', 'grade', ...CRITERION_IDS, 'words', 'flagged', 'letter', 'error']);
    const [row] = splitCsvRecords(`${csvRow(gradeRowOf('class/a, b.txt', report))}\n`);
    assert.equal(row.length, CSV_COLUMNS.length);
    assert.deepEqual(row.slice(0, 3), ['class/a, b.txt', '', ''], 'no student when no LMS named the file');
    assert.equal(Number(row[3]), report.grade);
    // Without calibration essays or a prompt there is no fit criterion: its cell is empty.
    const fitAt = CSV_COLUMNS.indexOf('fit');
    assert.equal(row[fitAt], '');
    row.slice(3, -2).forEach((cell, i) => assert.ok(i + 3 === fitAt || (cell !== '' && Number.isFinite(Number(cell))), cell));
    assert.equal(Number(row[CSV_COLUMNS.indexOf('flagged')]), 2);
    assert.equal(Number(row[CSV_COLUMNS.indexOf('words')]), report.words);
    assert.deepEqual(row.slice(-2), ['', '']);
  });

  it('CSV carries the student\'s name and id an LMS gave the file', () => {
    const [row] = splitCsvRecords(`${csvRow(gradeRowOf('class.zip/Jane Doe_12345_assignsubmission_file_e.docx', report, { name: 'Jane Doe', id: '12345', lms: 'moodle' }))}\n`);
    assert.deepEqual(row.slice(1, 4), ['Jane Doe', '12345', String(report.grade)]);
  });

  it('CSV has the new criteria columns (grammar, spelling, fit) in the documented order, filled from the report', () => {
    assert.deepEqual(CSV_COLUMNS, ['path', 'student', 'student_id', 'grade', 'wordChoice', 'grammar', 'spelling', 'fluency', 'vocabulary', 'organisation', 'conventions', 'fit', 'words', 'flagged', 'letter', 'error']);
    const withPrompt = grade(doc, TEXT, { ...DEFAULT_RUBRIC, prompt: 'Why should students read widely?' });
    const [row] = splitCsvRecords(`${csvRow(gradeRowOf('a.txt', withPrompt))}\n`);
    for (const id of ['grammar', 'spelling', 'fit']) {
      assert.equal(Number(row[CSV_COLUMNS.indexOf(id)]), withPrompt.criteria.find((c) => c.id === id)!.score, id);
    }
  });

  it('CSV defuses spreadsheet formulas in paths', () => {
    assert.match(csvRow(gradeRowOf('=cmd.txt', report)), /^'=cmd\.txt,/);
  });

  it('the JSON report round-trips with every documented field', () => {
    const back = JSON.parse(JSON.stringify(report));
    for (const k of ['grade', 'scale', 'weighted', 'criteria', 'words', 'sentences', 'flagged', 'errorCounts', 'findings', 'calibrated', 'summary']) assert.ok(k in back, k);
    for (const c of back.criteria) assert.deepEqual(Object.keys(c).sort(), ['evidence', 'id', 'label', 'passages', 'score', 'weight']);
  });

  it('the teacher\'s Markdown report quotes flagged sentences by paragraph, sentence and line, bold flagged words, and lists every finding with its probability', () => {
    const md = feedbackMarkdown('class/a.txt', report, TEXT, doc.sentences);
    assert.match(md, /^# Feedback: class\/a\.txt/);
    assert.match(md, new RegExp(`\\*\\*Grade: ${report.grade}\\*\\*`));
    assert.match(md, /> Paragraph 1, sentence 2 \(line 2\): Students who read widely write better essays, because they \*\*borrow\*\* \*\*structures\*\*\./);
    assert.ok(!/> Paragraph 1, sentence 1/.test(md), 'sentences without flags are not quoted');
    assert.match(md, /\| Paragraph 1, sentence 2 \(line 2\) \| borrow \| 0\.95 \|/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| Paragraph')).length, report.findings.length);
    for (const c of report.criteria) assert.ok(md.includes(`## ${c.label}: ${c.score}`));
  });
});

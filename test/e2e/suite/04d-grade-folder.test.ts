import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradeFileResult } from '../../../src/extension/grade-commands';
import type { GradeRow } from '../../../src/core/grade/render';
import type { LmsExportResult } from '../../../src/extension/grade-lms-export';
import { splitCsvRecords } from '../../../src/core/csv';
import { zipSync } from 'fflate';
import { CANVAS_GRADEBOOK, MOODLE_WORKSHEET } from '../../unit/lms-fixtures';
import { docx, pdf } from '../../unit/read-fixtures';
import { activate, closeEditors, fixture } from '../helpers';

/** Short lines: a PDF line longer than the page is cut where the page ends. */
const ESSAY = [
  'Reading every day builds a wide vocabulary and a feeling',
  'for how sentences work. Students who read widely also',
  'write with more confidence, because they have seen many',
  'ways to say a thing.',
];

/** Writes `files` (name to bytes) into a new folder of the workspace and returns it. */
async function folderOf(name: string, files: Record<string, Uint8Array>): Promise<vscode.Uri> {
  const dir = fixture(name);
  await vscode.workspace.fs.createDirectory(dir);
  for (const [file, bytes] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, file), bytes);
  return dir;
}

describe('Grade Folder and Grade File on Word and PDF submissions', () => {
  before(activate);
  after(closeEditors);

  it('Grade Folder grades .docx, .pdf and .md alike, and lists a password-protected file with its reason', async () => {
    // Word saves a password-protected .docx as an OLE compound file.
    const locked = new Uint8Array(512);
    locked.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const dir = await folderOf('class-mixed', {
      'alice.docx': docx(ESSAY),
      'bob.pdf': pdf(ESSAY),
      'carol.md': new TextEncoder().encode(`# My essay\n\n${ESSAY.join(' ')}\n`),
      'dan.docx': locked,
      'notes.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    const rows = await vscode.commands.executeCommand<GradeRow[] | undefined>('electraFeedback.gradeFolder', dir);
    assert.ok(rows, 'Grade Folder returned nothing (see the Electra Feedback log)');
    assert.deepEqual(rows.map((r) => r.path), ['alice.docx', 'bob.pdf', 'carol.md', 'dan.docx'], 'every submission type of the core table, nothing else');
    for (const r of rows.slice(0, 3)) {
      assert.equal(r.error, undefined, `${r.path}: ${r.error}`);
      assert.ok(typeof r.grade === 'number' && Number.isFinite(r.grade), `${r.path} has a grade`);
      assert.ok((r.words ?? 0) >= 30, `${r.path}: the essay's words were read (${r.words})`);
    }
    assert.equal(rows[0].words, rows[1].words, 'the .docx and the .pdf of one essay read the same words');
    assert.equal(rows[3].grade, undefined);
    assert.match(rows[3].error ?? '', /password-protected/);
  });

  it('Grade File grades a .docx named by the explorer (no text editor for it)', async () => {
    const dir = await folderOf('one-docx', { 'essay.docx': docx(ESSAY) });
    const uri = vscode.Uri.joinPath(dir, 'essay.docx');
    const result = await vscode.commands.executeCommand<GradeFileResult | undefined>('electraFeedback.gradeFile', uri);
    assert.ok(result, 'Grade File returned nothing');
    assert.equal(result.uri, uri.toString());
    assert.ok(result.report.words >= 30 && result.report.sentences >= 2, JSON.stringify({ words: result.report.words, sentences: result.report.sentences }));
    assert.equal(result.published, undefined, 'no diagnostics: no text document shows a .docx');
  });

  it('Grade Folder on a Moodle download grades per student; Export for Moodle fills the worksheet beside it, header byte for byte', async () => {
    const dir = await folderOf('moodle-download', {
      'Jane Doe_12345_assignsubmission_file_My Essay.docx': docx(ESSAY),
      'Ali Khan_12347_assignsubmission_file_essay.pdf': pdf(ESSAY),
      'Ali Khan_12347_assignsubmission_file_outline.txt': new TextEncoder().encode('Outline: reading, then writing.'),
      'Bo Chen_12346_assignsubmission_file_essay.docx': new TextEncoder().encode('PK\u0003\u0004 cut short'),
    });
    const rows = await vscode.commands.executeCommand<GradeRow[] | undefined>('electraFeedback.gradeFolder', dir);
    assert.ok(rows, 'Grade Folder returned nothing');
    assert.deepEqual(rows.map((r) => [r.student?.name, r.student?.id, r.path]), [
      ['Ali Khan', '12347', 'Ali Khan_12347_assignsubmission_file_essay.pdf'],
      ['Bo Chen', '12346', 'Bo Chen_12346_assignsubmission_file_essay.docx'],
      ['Jane Doe', '12345', 'Jane Doe_12345_assignsubmission_file_My Essay.docx'],
    ], 'one row per student, the PDF graded over the outline');
    assert.match(rows[0].note ?? '', /graded "essay\.pdf" .* not graded: "outline\.txt"/);
    assert.match(rows[1].error ?? '', /not a readable Word document/);
    const worksheet = vscode.Uri.joinPath(dir, '..', 'grading-worksheet.csv');
    await vscode.workspace.fs.writeFile(worksheet, new TextEncoder().encode(MOODLE_WORKSHEET));
    const exported = await vscode.commands.executeCommand<LmsExportResult | undefined>('electraFeedback.exportGradesForLms', 'moodle', worksheet);
    assert.ok(exported, 'the export wrote nothing (see the log)');
    assert.equal(exported.uri, vscode.Uri.joinPath(dir, '..', 'grading-worksheet-graded.csv').toString());
    assert.equal(exported.filled, 2);
    const filled = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(exported.uri)));
    assert.equal(filled.split('\n')[0], MOODLE_WORKSHEET.split('\n')[0], 'the worksheet header byte for byte');
    const [was, now] = [splitCsvRecords(MOODLE_WORKSHEET), splitCsvRecords(filled)];
    assert.equal(Number(now[1][4]), rows[2].grade, 'Jane Doe (Participant 12345) got her grade');
    assert.equal(Number(now[3][4]), rows[0].grade, 'Ali Khan (Participant 12347) got his grade');
    assert.ok(now[1][9].length > 0, 'and feedback comments');
    assert.deepEqual(now[2], was[2], 'Bo Chen (unreadable) keeps his row');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(worksheet)), MOODLE_WORKSHEET, 'the download is never changed');
  });

  it('Grade Folder reads a Canvas download .zip in place; Export for Canvas fills the assignment column of the gradebook beside it', async () => {
    const dir = await folderOf('canvas-download', {
      'submissions.zip': zipSync({
        'smithjohn_12345_67890_essay.docx': docx(ESSAY),
        'doejane_LATE_12346_67891_Essay-1.pdf': pdf(ESSAY),
      }),
      'gradebook.csv': new TextEncoder().encode(CANVAS_GRADEBOOK),
    });
    const rows = await vscode.commands.executeCommand<GradeRow[] | undefined>('electraFeedback.gradeFolder', vscode.Uri.joinPath(dir, 'submissions.zip'));
    assert.ok(rows, 'Grade Folder returned nothing');
    assert.deepEqual(rows.map((r) => [r.student?.name, r.student?.id, r.error]), [['doejane', '12346', undefined], ['smithjohn', '12345', undefined]]);
    const exported = await vscode.commands.executeCommand<LmsExportResult | undefined>('electraFeedback.exportGradesForLms', 'canvas', vscode.Uri.joinPath(dir, 'gradebook.csv'), 'Essay 1');
    assert.ok(exported, 'the export wrote nothing (see the log)');
    assert.equal(exported.filled, 2);
    const filled = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'gradebook-graded.csv')));
    assert.equal(filled.split('\r\n')[0], CANVAS_GRADEBOOK.split('\r\n')[0], 'header (and BOM) byte for byte');
    const now = splitCsvRecords(filled);
    assert.equal(Number(now[2][5]), rows[1].grade, 'Smith, John (ID 12345)');
    assert.equal(Number(now[3][5]), rows[0].grade, 'Doe, Jane (ID 12346)');
  });
});

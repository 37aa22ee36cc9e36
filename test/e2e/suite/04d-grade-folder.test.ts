import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradeFileResult } from '../../../src/extension/grade-commands';
import type { GradeRow } from '../../../src/core/grade/render';
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
});

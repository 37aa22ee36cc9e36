import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_TYPES, formatFromPath } from '../../src/core/extract/format';
import { isSubmissionPath, readSubmission, readSubmissionBytes, SUBMISSION_EXTENSIONS, SUBMISSION_GLOB } from '../../src/core/read';
import { docx, pdf } from './read-fixtures';

describe('read: submissions in the formats teachers receive', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'ef-read-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const put = (name: string, data: string | Buffer) => { const p = join(dir, name); writeFileSync(p, data); return p; };

  it('reads UTF-8 text, removing a BOM, with the prose format of the extension', async () => {
    const r = await readSubmission(put('a.md', '\uFEFF# Title\n\nCafé au lait.'));
    assert.ok(r.ok);
    assert.equal(r.text, '# Title\n\nCafé au lait.');
    assert.equal(r.format, 'markdown');
    const t = await readSubmission(put('b.tex', '\\section{A} Text.'));
    assert.ok(t.ok && t.format === 'latex');
  });

  it('refuses binary, invalid UTF-8, UTF-16, empty and oversized files with a reason', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), /binary/],
      ['latin1.txt', Buffer.from('caf\xe9 ok', 'latin1'), /not valid UTF-8 \(byte 3\)/],
      ['utf16.txt', Buffer.from('\uFEFFhello', 'utf16le'), /UTF-16/],
      ['empty.txt', '', /empty/],
      ['spaces.txt', '  \n\n ', /no text/],
      ['big.txt', 'word '.repeat(400_000), /2\.0 MB, over the 1\.0 MB limit/],
      ['notes.rtf', '{\\rtf1 hi}', /unsupported file type ".rtf"/],
    ];
    for (const [name, data, reason] of cases) {
      const r = await readSubmission(put(name, data));
      assert.ok(!r.ok, name);
      assert.match(r.reason, reason, name);
    }
    const missing = await readSubmission(join(dir, 'missing.txt'));
    assert.ok(!missing.ok && /ENOENT/.test(missing.reason));
    mkdirSync(join(dir, 'folder.txt'));
    const folder = await readSubmission(join(dir, 'folder.txt'));
    assert.ok(!folder.ok && /not a regular file/.test(folder.reason));
  });

  it('reads a .docx with one blank-line-separated block per paragraph', async () => {
    const r = await readSubmission(put('essay.docx', docx(['First paragraph & more.', 'Second one.'])));
    assert.ok(r.ok, !r.ok ? r.reason : '');
    assert.equal(r.text.trim(), 'First paragraph & more.\n\nSecond one.');
    const bad = await readSubmission(put('broken.docx', 'this is not a zip'));
    assert.ok(!bad.ok && /not a readable Word document/.test(bad.reason));
  });

  it('reads the text of a .pdf and refuses a broken one', async () => {
    const r = await readSubmission(put('essay.pdf', pdf(['Reading builds vocabulary.', 'Writing (daily) helps too.'])));
    assert.ok(r.ok, !r.ok ? r.reason : '');
    assert.match(r.text, /Reading builds vocabulary\./);
    assert.match(r.text, /Writing \(daily\) helps too\./);
    const bad = await readSubmission(put('broken.pdf', '%PDF-1.4\ngarbage'));
    assert.ok(!bad.ok && /not a readable PDF|no text/.test(bad.reason), !bad.ok ? bad.reason : '');
  });

  it('says a password-protected Word document or PDF is one, instead of failing obscurely', async () => {
    // Word saves a .docx with a password as an OLE compound file (encrypted package inside).
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const word = await readSubmission(put('locked.docx', ole));
    assert.ok(!word.ok);
    assert.match(word.reason, /password-protected/);
    const locked = await readSubmission(put('locked.pdf', pdf(['Secret essay text.'], { encrypted: true })));
    assert.ok(!locked.ok, 'an encrypted PDF is not read as text');
    assert.match(locked.reason, /the PDF is password-protected/);
  });

  it('reads from bytes (the editor, a zip entry) the same as from disk', async () => {
    const bytes = docx(['From memory.']);
    const r = await readSubmissionBytes('inside/zip/essay.docx', bytes);
    assert.ok(r.ok && r.text.trim() === 'From memory.' && r.path === 'inside/zip/essay.docx');
    const big = await readSubmissionBytes('a.txt', Buffer.from('word '.repeat(300)), { maxTextBytes: 1000 });
    assert.ok(!big.ok && /over the 0\.0 MB limit for \.txt files/.test(big.reason), !big.ok ? big.reason : '');
  });

  it('knows which paths are submissions: one table with the checker\'s text formats', () => {
    assert.ok(isSubmissionPath('x/Essay.DOCX'));
    assert.ok(!isSubmissionPath('x/image.png'));
    // Every text extension the checker knows is a submission, with the same prose format.
    for (const [ext, type] of Object.entries(FILE_TYPES)) {
      assert.ok(isSubmissionPath(`a.${ext}`), ext);
      if (type.kind === 'text') assert.equal(formatFromPath(`a.${ext}`), type.format, ext);
      else assert.equal(formatFromPath(`a.${ext}`), undefined, `${ext} is not text for the checker`);
    }
    assert.deepEqual([...SUBMISSION_EXTENSIONS].sort(), Object.keys(FILE_TYPES).sort());
    assert.equal(SUBMISSION_GLOB, `**/*.{${SUBMISSION_EXTENSIONS.join(',')}}`);
    assert.ok(SUBMISSION_GLOB.includes('docx') && SUBMISSION_GLOB.includes('pdf') && SUBMISSION_GLOB.includes('ltx'));
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { collectSubmissions, feedbackFileName, outputConflict } from '../../src/core/read/batch';

describe('grade: finding submissions and keeping feedback away from them', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ef-batch-'));
    mkdirSync(join(root, 'class', 'group b', 'deep'), { recursive: true });
    mkdirSync(join(root, 'class', 'node_modules'));
    writeFileSync(join(root, 'class', 'ana.docx'), 'x');
    writeFileSync(join(root, 'class', 'ben.md'), 'x');
    writeFileSync(join(root, 'class', 'photo.png'), 'x');
    writeFileSync(join(root, 'class', 'group b', 'cara.txt'), 'x');
    writeFileSync(join(root, 'class', 'group b', 'deep', 'dan.tex'), 'x');
    writeFileSync(join(root, 'class', 'node_modules', 'readme.md'), 'x');
    symlinkSync(join(root, 'class'), join(root, 'class', 'group b', 'loop'));
    symlinkSync(join(root, 'nowhere'), join(root, 'class', 'dangling.txt'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('groups an unpacked LMS download per student: Moodle folders, the main file of several, whose it is', async () => {
    const dl = join(root, 'download');
    mkdirSync(join(dl, 'Jane Doe_12345_assignsubmission_file_'), { recursive: true });
    mkdirSync(join(dl, 'Ali Khan_12347_assignsubmission_file_'));
    writeFileSync(join(dl, 'Jane Doe_12345_assignsubmission_file_', 'essay.docx'), 'x'.repeat(50));
    writeFileSync(join(dl, 'Ali Khan_12347_assignsubmission_file_', 'notes.txt'), 'x'.repeat(500));
    writeFileSync(join(dl, 'Ali Khan_12347_assignsubmission_file_', 'final.pdf'), 'x'.repeat(100));
    const c = await collectSubmissions([dl]);
    assert.deepEqual(c.submissions.map((s) => [s.student?.name, s.student?.id, s.display.split('/').pop(), s.entry]), [
      ['Ali Khan', '12347', 'final.pdf', undefined],
      ['Jane Doe', '12345', 'essay.docx', undefined],
    ]);
    assert.match(c.submissions[0].note ?? '', /graded "final\.pdf" \(the only PDF\) of 2 files; not graded: "notes\.txt"/);
  });

  it('reads a zip as the folder it holds, without extracting it; a file that is no zip is a skipped path', async () => {
    writeFileSync(join(root, 'canvas.zip'), zipSync({ 'smithjohn_12345_67890_essay.docx': new Uint8Array(10), 'doejane_LATE_12346_67891_essay.md': new Uint8Array(10) }));
    writeFileSync(join(root, 'fake.zip'), 'not a zip');
    const c = await collectSubmissions([join(root, 'canvas.zip'), join(root, 'fake.zip')]);
    assert.deepEqual(c.submissions.map((s) => [s.student?.name, s.entry, s.path === join(root, 'canvas.zip')]), [
      ['doejane', 'doejane_LATE_12346_67891_essay.md', true],
      ['smithjohn', 'smithjohn_12345_67890_essay.docx', true],
    ]);
    assert.ok(c.skipped.some((s) => /fake\.zip$/.test(s.path) && /not a readable zip archive/.test(s.reason)), JSON.stringify(c.skipped));
  });

  it('walks folders recursively in a stable order, skipping symlink loops, other file types and node_modules', async () => {
    const c = await collectSubmissions([join(root, 'class')]);
    const rel = c.submissions.map((s) => s.path.slice(root.length + 1));
    assert.deepEqual(rel, ['class/ana.docx', 'class/ben.md', 'class/group b/cara.txt', 'class/group b/deep/dan.tex']);
    assert.ok(c.skipped.some((s) => /dangling\.txt$/.test(s.path) && /broken symbolic link/.test(s.reason)));
  });

  it('applies --include and --exclude globs inside folders', async () => {
    const inc = await collectSubmissions([join(root, 'class')], { include: ['**/*.{txt,tex}'] });
    assert.deepEqual(inc.submissions.map((s) => s.path.split('/').pop()), ['cara.txt', 'dan.tex']);
    const exc = await collectSubmissions([join(root, 'class')], { exclude: ['group b/**', '*.md'] });
    assert.deepEqual(exc.submissions.map((s) => s.path.split('/').pop()), ['ana.docx']);
  });

  it('lists inputs that do not exist instead of failing', async () => {
    const c = await collectSubmissions([join(root, 'missing'), join(root, 'class', 'ben.md')]);
    assert.equal(c.submissions.length, 1);
    assert.match(c.skipped[0].reason, /not found/);
  });

  it('refuses an output folder inside an input folder or beside an input file, even through a symlink', async () => {
    const cls = join(root, 'class');
    assert.match((await outputConflict(join(cls, 'feedback'), [cls]))!, /inside the input folder/);
    assert.match((await outputConflict(cls, [cls]))!, /inside the input folder/);
    assert.match((await outputConflict(join(cls, 'new', 'deeper'), [join(cls, 'ben.md')]))!, /folder of the input file/);
    symlinkSync(cls, join(root, 'alias'));
    assert.match((await outputConflict(join(root, 'alias', 'fb'), [cls]))!, /inside the input folder/);
    assert.equal(await outputConflict(join(root, 'feedback'), [cls]), undefined);
    assert.equal(await outputConflict(join(root, 'class-feedback'), [cls]), undefined, 'a sibling with a common prefix is fine');
  });

  it('derives safe, unique feedback names that cannot escape the output folder', () => {
    const taken = new Set<string>();
    assert.equal(feedbackFileName('class/group b/cara.txt', taken), 'class__group_b__cara.txt.md');
    assert.equal(feedbackFileName('../../etc/passwd', taken), 'etc__passwd.md');
    assert.equal(feedbackFileName('.hidden', taken), 'hidden.md');
    assert.equal(feedbackFileName('Class/Group B/Cara.txt', taken), 'Class__Group_B__Cara.txt-2.md');
    assert.equal(feedbackFileName('..', taken), 'submission.md');
    for (const n of taken) assert.ok(!n.includes('/') && !n.startsWith('.'));
  });
});

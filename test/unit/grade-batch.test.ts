import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSubmissions, feedbackFileName, outputConflict } from '../../src/core/grade/batch';

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

// The explorer's Grade File and Grade Folder menus follow the core's one table of submission types.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSubmissionPath, SUBMISSION_EXTENSIONS } from '../../src/core/read';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

describe('grading menus and globs: the core table of submission types', () => {
  it('offers Grade File in the explorer on exactly the files the core reads (.docx and .pdf included)', () => {
    const items = pkg.contributes.menus['explorer/context'] as Array<{ command: string; when: string }>;
    const item = items.find((i) => i.command === 'electraFeedback.gradeFile');
    assert.ok(item, 'Grade File is in the explorer context menu');
    const m = /^resourceExtname =~ \/(.+)\/(i?)$/.exec(item.when);
    assert.ok(m, `a resourceExtname regex: ${item.when}`);
    const re = new RegExp(m[1], m[2]);
    for (const ext of SUBMISSION_EXTENSIONS) assert.ok(re.test(`.${ext}`) && re.test(`.${ext.toUpperCase()}`), ext);
    for (const ext of ['.png', '.doc', '.zip', '.docx.bak', '.md5', '']) assert.ok(!re.test(ext), `not ${ext}`);
    // And the regex names no extension the reader refuses.
    for (const ext of m[1].replace(/^\^\\\.\(|\)\$$/g, '').split('|')) assert.ok(isSubmissionPath(`a.${ext}`), ext);
  });

  it('offers Grade Folder on folders and on .zip files (an LMS download, read in place)', () => {
    const items = pkg.contributes.menus['explorer/context'] as Array<{ command: string; when: string }>;
    const item = items.find((i) => i.command === 'electraFeedback.gradeFolder');
    assert.equal(item?.when, 'explorerResourceIsFolder || resourceExtname =~ /^\\.zip$/i');
  });
});

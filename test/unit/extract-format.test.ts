import assert from 'node:assert/strict';
import { extractProse, formatFromLanguageId, formatFromPath } from '../../src/core/extract/index';
import type { DocumentFormat } from '../../src/core/types';

describe('extract: format detection', () => {
  it('maps file extensions case-insensitively', () => {
    assert.equal(formatFromPath('/a/b/README.md'), 'markdown');
    assert.equal(formatFromPath('notes.MARKDOWN'), 'markdown');
    assert.equal(formatFromPath('C:\\thesis\\main.tex'), 'latex');
    assert.equal(formatFromPath('essay.txt'), 'plaintext');
    assert.equal(formatFromPath('.git/COMMIT_EDITMSG'), 'plaintext');
  });

  it('returns undefined for unknown or missing extensions', () => {
    assert.equal(formatFromPath('main.rs'), undefined);
    assert.equal(formatFromPath('Makefile'), undefined);
    assert.equal(formatFromPath('.md'), undefined);
    assert.equal(formatFromPath('x.constructor'), undefined);
  });

  it('maps VS Code language ids', () => {
    assert.equal(formatFromLanguageId('markdown'), 'markdown');
    assert.equal(formatFromLanguageId('plaintext'), 'plaintext');
    assert.equal(formatFromLanguageId('latex'), 'latex');
    assert.equal(formatFromLanguageId('tex'), 'latex');
    assert.equal(formatFromLanguageId('git-commit'), 'plaintext');
    assert.equal(formatFromLanguageId('typescript'), undefined);
    assert.equal(formatFromLanguageId('toString'), undefined);
  });

  it('rejects an unknown format with an actionable error', () => {
    assert.throws(() => extractProse('x', 'rst' as DocumentFormat), /use markdown, latex or plaintext/);
  });
});

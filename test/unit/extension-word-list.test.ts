// The workspace word list: parsing, case-insensitive matching, appending.
import { strict as assert } from 'node:assert';
import { appendToWordList, parseWordList, wordKey } from '../../src/extension/word-list';

describe('workspace word list', () => {
  it('reads one word per line, skipping comments and blank lines, case-insensitively', () => {
    const set = parseWordList('# names\nNgozi\r\n\n  Okonkwo  \n#not-a-word\n');
    assert.deepEqual([...set].sort(), ['ngozi', 'okonkwo']);
    assert.ok(set.has(wordKey('NGOZI')));
  });

  it('matches composed and decomposed accents alike', () => {
    assert.equal(wordKey('Cafe\u0301'), wordKey('Café'));
  });

  it('appends a word on its own line, with a header in a new file, once', () => {
    const first = appendToWordList('', 'Ngozi');
    assert.match(first, /^# .*\nNgozi\n$/);
    assert.equal(appendToWordList(first, 'ngozi'), first);
    assert.equal(appendToWordList('alpha', 'beta'), 'alpha\nbeta\n');
    assert.deepEqual([...parseWordList(appendToWordList(first, 'Okonkwo'))].sort(), ['ngozi', 'okonkwo']);
  });

  it('refuses something that is not one word', () => {
    assert.throws(() => appendToWordList('', 'two\nlines'), /Not a single word/);
    assert.throws(() => appendToWordList('', '  '), /Not a single word/);
  });
});

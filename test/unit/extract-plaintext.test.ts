import assert from 'node:assert/strict';
import { extractProse } from '../../src/core/extract/index';
import { blockTexts, mappedWords, roundTripFailures } from './extract-words';

describe('extract: plaintext', () => {
  it('keeps every character and maps offsets by identity', () => {
    const src = 'Tabs\there 😀 café\u0301 日本語 مرحبا שלום\r\nnext';
    const p = extractProse(src, 'plaintext');
    assert.equal(p.text, src);
    for (let k = 0; k < src.length; k++) assert.deepEqual(p.toSource(k, k + 1), { start: k, end: k + 1 });
  });

  it('splits paragraphs on blank lines with LF, CRLF, CR and whitespace-only lines', () => {
    const src = 'one\ntwo\r\n\r\nthree\r\rfour\n \t\nfive\n\n\n\nsix';
    assert.deepEqual(blockTexts(extractProse(src, 'plaintext')), ['one\ntwo', 'three', 'four', 'five', 'six']);
  });

  it('golden offsets for astral, combining, CJK and right-to-left words', () => {
    const src = '😀 e\u0301t\u00e9\r\n日本語\tعربي עברית';
    const words = mappedWords(src, extractProse(src, 'plaintext')).map((w) => [w.word, w.start, w.end]);
    assert.deepEqual(words, [
      ['😀', 0, 2],
      ['e\u0301t\u00e9', 3, 7],
      ['日本語', 9, 12],
      ['عربي', 13, 17],
      ['עברית', 18, 23],
    ]);
  });

  it('treats an empty or whitespace-only document as having no blocks', () => {
    assert.deepEqual(extractProse('', 'plaintext').blocks, []);
    assert.deepEqual(extractProse(' \n\t\r\n', 'plaintext').blocks, []);
  });

  it('extracts 1 MB in well under a second', () => {
    const src = 'Some words in a line.\r\n\r\n'.repeat(45000);
    const t0 = performance.now();
    const p = extractProse(src, 'plaintext');
    // Typically ~100 ms; the bound leaves room for a loaded CI machine.
    assert.ok(performance.now() - t0 < 3000);
    assert.equal(p.blocks.length, 45000);
    assert.deepEqual(roundTripFailures(src, p).slice(0, 1), []);
  });
});

// Re-extracting an edited document reuses the parse trees of the chunks the edit did not
// touch, at their new offsets; the result must be exactly that of a fresh, unsplit parse.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clearMarkdownParseCache, extractMarkdown } from '../../src/core/extract/markdown';
import { mappedWords } from './extract-words';

const PARAGRAPHS = [
  'First paragraph with *emphasis* and a [link](http://x.y).',
  '# A heading',
  '- a list item\n- another item',
  '> a quoted line',
  '```\ncode\n```',
  'Plain words & more words \\* escaped.',
  '| a | b |\n|---|---|\n| c | d |',
  'Last paragraph, ending here.',
];

describe('extract: markdown parse cache across edits', () => {
  it('gives the prose and source spans of a fresh parse after any edit of a previously extracted document', () => {
    const doc = fc.array(fc.constantFrom(...PARAGRAPHS), { minLength: 2, maxLength: 30 });
    const edit = fc.record({ at: fc.nat(), text: fc.constantFrom('x', 'longer words ', '', '\n\nNew paragraph.\n\n', '*') , cut: fc.nat({ max: 5 }) });
    fc.assert(
      fc.property(doc, edit, (blocks, e) => {
        const before = ['Intro.', ...blocks].join('\n\n');
        extractMarkdown(before, 1); // fills the cache with every chunk of `before`
        const at = e.at % before.length;
        const after = before.slice(0, at) + e.text + before.slice(Math.min(before.length, at + e.cut));
        const cached = extractMarkdown(after, 1);
        clearMarkdownParseCache();
        const fresh = extractMarkdown(after, 1);
        assert.equal(cached.text, fresh.text);
        assert.deepEqual(cached.blocks, fresh.blocks);
        assert.deepEqual(mappedWords(after, cached), mappedWords(after, fresh));
      }),
      { numRuns: 150 },
    );
  });

  it('maps the same chunk text to its own offsets wherever it appears', () => {
    const para = 'Repeated paragraph text.';
    const src = `${para}\n\nMiddle.\n\n${para}`;
    const prose = extractMarkdown(src, 1);
    const words = mappedWords(src, prose).filter((w) => w.word === 'Repeated');
    assert.deepEqual(words.map((w) => w.start), [0, src.lastIndexOf(para)]);
  });
});

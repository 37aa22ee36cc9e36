import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractMarkdown } from '../../src/core/extract/markdown';
import { markdownChunks } from '../../src/core/extract/markdown-chunks';
import { mappedWords } from './extract-words';

/** Blocks, several spanning blank lines, whose meaning a wrong split would change. */
const BLOCKS = [
  'Para word *emph* text.',
  '```\ncode fence\n\nmore code\n```',
  '~~~~\ntilde\n\n~~~\nstill tilde\n~~~~',
  '<!--\nhtml comment\n\nstill comment\n-->',
  '<pre>\npre text\n\npre more\n</pre>',
  '- item\n\n  continued para\n\n- next item',
  '1. one\n\n   two',
  '| a | b |\n|---|---|\n| c | d |',
  '---',
  'title: not front matter\n---',
  '+++',
  '# Heading',
  '> quote\n\n> another quote',
  '    indented\n\n    code block',
  'Setext\n====',
  '<div>\nhtml block\n</div>',
  '***',
  'Tail `code` and <https://x.y> link.',
];

describe('extract: markdown chunked parsing', () => {
  it('gives the same prose, blocks and source spans as parsing in one piece', () => {
    const doc = fc.tuple(fc.array(fc.constantFrom(...BLOCKS), { minLength: 1, maxLength: 25 }), fc.constantFrom('\n\n', '\r\n\r\n', '\n\n\n'));
    fc.assert(
      fc.property(doc, ([blocks, sep]) => {
        // Not opening with `---`: an unclosed front-matter fence there makes micromark
        // mis-parse the following quote, which no split can reproduce.
        const src = ['Intro.', ...blocks].join(sep);
        const whole = extractMarkdown(src, Infinity);
        const split = extractMarkdown(src, 1);
        assert.equal(split.text, whole.text);
        assert.deepEqual(split.blocks, whole.blocks);
        assert.deepEqual(mappedWords(src, split), mappedWords(src, whole));
      }),
      { numRuns: 200 },
    );
  });

  it('splits only after blank lines, outside fences, and not with definitions', () => {
    const src = 'a\n\n```\n\nb\n```\n\nc\n\n  d\n\ne';
    assert.deepEqual(markdownChunks(src, 1).map((k) => src.slice(k, k + 1)), ['a', '`', 'c', 'e', '']);
    assert.deepEqual(markdownChunks(src + '\n\n[x]: http://u', 1), [0, src.length + 15]);
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractProse, type Prose } from '../../src/core/extract/index';
import type { DocumentFormat } from '../../src/core/types';
import { mappedWords, roundTripFailures } from './extract-words';

/** Words with no markup meaning in either format: Latin, accents (precomposed and combining), emoji, CJK, RTL. */
const word = fc.constantFrom('word', 'Ünïcödé', 'e\u0301te\u0301', 'naïve', '😀', 'a👍🏽b', '日本語', '文章', 'مرحبا', 'שלום', 'z');
const MARKUP = ['*', '_', '`', '#', '>', '-', '[', ']', '(', ')', '<', '>', '\\', '%', '$', '{', '}', '&', '~', '|', '\n', '\r\n', '\r', '\t', ' ', '---\n', '```', '\\begin{', '\\end{', '\\section{', 'http://', '&amp;'];
/** Random Unicode mixed with markup fragments. */
const messy = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom(...MARKUP)), { maxLength: 60 }).map((a) => a.join(''));

/** Structural invariants every extraction must satisfy on any input. */
function assertWellFormed(source: string, p: Prose): void {
  let last = 0;
  for (const b of p.blocks) {
    assert.ok(b.start >= last && b.end > b.start && b.end <= p.text.length, 'blocks ordered, non-empty, in range');
    last = b.end;
  }
  for (const w of mappedWords(source, p)) {
    assert.ok(w.start >= 0 && w.start <= w.end && w.end <= source.length, 'span inside the source');
  }
}

describe('extract: randomized properties (fast-check)', () => {
  for (const format of ['markdown', 'latex', 'plaintext'] as DocumentFormat[]) {
    it(`${format}: never throws and yields well-formed blocks and spans on random Unicode + markup`, () => {
      fc.assert(fc.property(messy, (src) => assertWellFormed(src, extractProse(src, format))), { numRuns: 300 });
    });
  }

  it('markdown: every kept word maps back exactly, and exactly the prose words are kept', () => {
    const inline = fc.oneof(
      word.map((w) => ({ src: w, kept: [w] })),
      word.map((w) => ({ src: `*${w}*`, kept: [w] })),
      word.map((w) => ({ src: `**${w}**`, kept: [w] })),
      word.map((w) => ({ src: `[${w}](http://u.rl/${w.length})`, kept: [w] })),
      word.map((w) => ({ src: `\`${w}\``, kept: [] as string[] })),
      fc.constant({ src: 'https://bare.url/x', kept: [] as string[] }),
    );
    const block = fc.tuple(fc.constantFrom('', '# ', '> ', '- ', '1. '), fc.array(inline, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', ' \t', '\n'));
    const doc = fc.tuple(fc.array(block, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n\n', '\r\n\r\n'));
    fc.assert(
      fc.property(doc, ([blocks, sep]) => {
        const src = blocks.map(([prefix, parts, gap]) => prefix + parts.map((x) => x.src).join(gap)).join(sep);
        const p = extractProse(src, 'markdown');
        assert.deepEqual(roundTripFailures(src, p), []);
        assert.deepEqual(p.text.split(/\s+/).filter(Boolean), blocks.flatMap(([, parts]) => parts.flatMap((x) => x.kept)));
      }),
      { numRuns: 300 },
    );
  });

  it('latex: every kept word maps back exactly, and exactly the prose words are kept', () => {
    const inline = fc.oneof(
      word.map((w) => ({ src: w, kept: [w] })),
      word.map((w) => ({ src: `\\emph{${w}}`, kept: [w] })),
      word.map((w) => ({ src: `\\textbf{\\textit{${w}}}`, kept: [w] })),
      word.map((w) => ({ src: `$${w}$`, kept: [] as string[] })),
      word.map((w) => ({ src: `\\cite[p.~1]{${w}}`, kept: [] as string[] })),
      word.map((w) => ({ src: `% ${w}\n`, kept: [] as string[] })),
    );
    const block = fc.tuple(fc.constantFrom('', '\\section{x} ', '\\item '), fc.array(inline, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', ' \t', '\n'));
    const doc = fc.tuple(fc.array(block, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n\n', '\r\n\r\n'));
    fc.assert(
      fc.property(doc, ([blocks, sep]) => {
        const src = blocks.map(([prefix, parts, gap]) => prefix + parts.map((x) => x.src).join(gap)).join(sep);
        const p = extractProse(src, 'latex');
        assert.deepEqual(roundTripFailures(src, p), []);
        const expected = blocks.flatMap(([prefix, parts]) => [...(prefix.startsWith('\\section') ? ['x'] : []), ...parts.flatMap((x) => x.kept)]);
        assert.deepEqual(p.text.split(/\s+/).filter(Boolean), expected);
      }),
      { numRuns: 300 },
    );
  });
});

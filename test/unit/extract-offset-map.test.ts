import assert from 'node:assert/strict';
import { ProseBuilder } from '../../src/core/extract/offset-map';

describe('extract: offset map (prose → source)', () => {
  const src = 'ab\\%cd  efgh';
  const build = () => {
    const b = new ProseBuilder(src);
    b.source(0, 2); // "ab"
    b.replacement('%', 2, 4); // "\%"
    b.source(4, 6); // "cd"
    b.paragraph(6); // synthetic "\n\n"
    b.source(8, 12); // "efgh"
    return b.build();
  };

  it('concatenates copies, replacements and synthetic separators', () => {
    assert.equal(build().text, 'ab%cd\n\nefgh');
  });

  it('maps a span inside one copied run to the identical source span', () => {
    const p = build();
    assert.deepEqual(p.toSource(7, 9), { start: 8, end: 10 });
    assert.equal(src.slice(8, 10), p.text.slice(7, 9));
  });

  it('maps a span crossing segments to [first char start, last char end)', () => {
    const p = build();
    assert.deepEqual(p.toSource(0, 5), { start: 0, end: 6 }); // "ab%cd" ← "ab\%cd"
    assert.deepEqual(p.toSource(2, 3), { start: 2, end: 4 }); // "%" ← "\%"
  });

  it('gives synthetic separators zero width and never widens a span with them', () => {
    const p = build();
    assert.deepEqual(p.toSource(5, 7), { start: 6, end: 6 });
    assert.deepEqual(p.toSource(3, 7), { start: 4, end: 6 });
  });

  it('maps empty spans to a position and clamps out-of-range input', () => {
    const p = build();
    assert.deepEqual(p.toSource(1, 1), { start: 1, end: 1 });
    assert.deepEqual(p.toSource(-5, 100), { start: 0, end: 12 });
    assert.deepEqual(p.toSource(p.text.length, p.text.length), { start: 12, end: 12 });
  });

  it('yields trimmed, non-empty, ordered blocks', () => {
    const p = build();
    assert.deepEqual(p.blocks, [{ start: 0, end: 5 }, { start: 7, end: 11 }]);
  });

  it('coalesces contiguous copies into one segment', () => {
    const b = new ProseBuilder('hello world');
    b.source(0, 3);
    b.source(3, 11);
    const p = b.build();
    assert.deepEqual(p.toSource(2, 8), { start: 2, end: 8 });
  });

  it('handles an empty document', () => {
    const p = new ProseBuilder('').build();
    assert.equal(p.text, '');
    assert.deepEqual(p.blocks, []);
    assert.deepEqual(p.toSource(0, 3), { start: 0, end: 0 });
  });
});

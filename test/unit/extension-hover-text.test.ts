// The words a flagged word's hover and diagnostic use.
import { strict as assert } from 'node:assert';
import { percent, selectFlags } from '../../src/extension/flags';
import { escapeMarkdown, hoverMarkdown } from '../../src/extension/hover-text';
import type { SourceWord } from '../../src/extension/incremental-scorer';
import { wordKey } from '../../src/extension/word-list';

const replaced = (text: string, score: number) => ({ text, score, kind: 'replaced-word' as const, message: '' });

describe('hover and flag text', () => {
  it('says how likely the word is out of place, in whole percent, never a false certainty', () => {
    assert.equal(percent(0.934), '93%');
    assert.equal(percent(0.996), '99%');
    assert.equal(percent(1), '100%');
    assert.equal(percent(0.004), '1%');
    assert.match(hoverMarkdown(replaced('cat', 0.93), { state: 'known', suggestions: [] }), /^\*\*93% likely out of place\*\*/);
  });

  it('lists up to three fixes with how sure the model is after the change', () => {
    const md = hoverMarkdown(replaced('cat', 0.9), {
      state: 'known',
      suggestions: [{ kind: 'replace', text: 'car', score: 0.12 }, { kind: 'insert', text: 'the', score: 0.2 }, { kind: 'remove' }, { kind: 'replace', text: 'cart' }],
    });
    assert.match(md, /- Replace with 'car' \(88% sure\)\n- Add 'the' before 'cat' \(80% sure\)\n- Remove 'cat'$/);
    assert.ok(!md.includes('cart'));
  });

  it('says honestly when there is no confident fix, or why fixes are unavailable', () => {
    assert.match(hoverMarkdown(replaced('x', 0.8), { state: 'known', suggestions: [] }), /No confident fix/);
    assert.match(hoverMarkdown(replaced('x', 0.8), { state: 'failed', reason: 'worker crashed' }), /unavailable \(worker crashed\)/);
  });

  it('names the sound-alike word of a confused word, and offers it', () => {
    const md = hoverMarkdown({ text: 'there', score: 0.995, kind: 'confused-word', message: '"there" may be a mix-up for "their" (99% likely).' }, {
      state: 'known', suggestions: [{ kind: 'replace', text: 'their', score: 0.01 }],
    });
    assert.ok(md.startsWith('**"there" may be a mix-up for "their" (99% likely).**\n'), md);
    assert.match(md, /sounds like another word/);
    assert.match(md, /- Replace with 'their' \(99% sure\)$/);
  });

  it('escapes Markdown in document text', () => {
    assert.equal(escapeMarkdown('*a*_[b](c)'), '\\*a\\*\\_\\[b\\](c)');
    // brackets escaped: no link can form, so the command URI stays text
    assert.ok(hoverMarkdown(replaced('[x](command:evil)', 0.9), { state: 'known', suggestions: [] }).includes('\\[x\\](command:evil)'));
  });

  it('flags words at or above the threshold and repeated words, unless ignored, keeping their offsets', () => {
    const source = 'The cat sat on teh mat.\nThe the end.';
    const w = (start: number, end: number, score: number): SourceWord => ({
      start, end, text: source.slice(start, end), score, sentence: 0, blockText: source, blockStart: start, blockEnd: end,
    });
    const words = [w(0, 3, 0.1), w(4, 7, 0.5), w(8, 11, 0.49), w(15, 18, 0.97), w(24, 27, 0.1), w(28, 31, 0.2), w(32, 35, 0.1)];
    const flags = selectFlags(source, words, 0.5, new Set());
    assert.deepEqual(flags.map((f) => [f.start, f.end, f.text, f.kind]), [
      [4, 7, 'cat', 'replaced-word'],
      [15, 18, 'teh', 'replaced-word'],
      [28, 31, 'the', 'repeated-word'],
    ]);
    assert.equal(flags[1].message, '"teh" looks out of place here (97% likely replaced).');
    assert.match(flags[2].message, /repeated/);
    assert.deepEqual(flags[2].suggestions, [{ kind: 'remove' }]);
    assert.deepEqual(selectFlags(source, words, 0.5, new Set([wordKey('TEH')])).map((f) => f.text), ['cat', 'the']);
  });

  it('flags a word whose homophone fits far better as a confused word, its homophone as the fix in the word\'s case', () => {
    const source = 'There phones are here.';
    const there: SourceWord = {
      start: 0, end: 5, text: 'There', score: 0.995, homophone: { text: 'their', confidence: 0.995, score: 0.01 }, sentence: 0, blockText: source, blockStart: 0, blockEnd: 5,
    };
    const [flag] = selectFlags(source, [there], 0.21, new Set());
    assert.equal(flag.kind, 'confused-word');
    assert.equal(flag.message, '"There" may be a mix-up for "Their" (99% likely).');
    assert.deepEqual(flag.suggestions, [{ kind: 'replace', text: 'their', score: 0.01 }]);
    assert.deepEqual(selectFlags(source, [there], 0.999, new Set()), [], 'the threshold applies to its confidence too');
  });
});

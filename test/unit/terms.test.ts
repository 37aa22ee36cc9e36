// Names and terms need much stronger evidence before they are findings: a CamelCase name, an
// acronym, a word with digits, a capitalised word mid-sentence (or one used so elsewhere in the
// text); "I" and ordinary sentence-initial capitals are not terms.
import * as assert from 'node:assert/strict';
import { findingsOf } from '../../src/core/findings';
import { mayBeginSentence, TERM_MIN_SCORE, termFixes, termShape, termSpansOf, termWords } from '../../src/core/terms';
import type { WordScore } from '../../src/core/types';

/** Words of `source` (letters, digits, inner apostrophes and hyphens) with `score(text)`. */
function words(source: string, score: (t: string) => number = () => 0.5): WordScore[] {
  return [...source.matchAll(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], score: score(m[0]), sentence: 0 }));
}

const termsOf = (source: string): string[] => {
  const ws = words(source);
  const is = termWords(source, ws);
  return ws.filter((_, i) => is[i]).map((w) => w.text);
};

describe('terms: names and terms a writer uses on purpose', () => {
  it('knows terms by their shape', () => {
    for (const t of ['PuppyPi', 'iPhone', 'MJPG-Streamer', 'JSON', 'H100', 'mp3']) assert.ok(termShape(t), t);
    for (const t of ['Boxing', 'the', 'well-known', 'I', "don't"]) assert.ok(!termShape(t), t);
  });

  it('knows where a sentence may begin: text start, line breaks, sentence punctuation, Markdown markers', () => {
    const s = 'Intro. Next "Quoted" and\n- Item: Then done.) After';
    for (const w of ['Intro', 'Next', 'Item', 'Then', 'After']) assert.ok(mayBeginSentence(s, s.indexOf(w)), w);
    for (const w of ['Quoted', 'and', 'done']) assert.ok(!mayBeginSentence(s, s.indexOf(w)), w);
  });

  it('takes capitalised words mid-sentence, and the same word at a sentence start, as terms; not "I"', () => {
    const text = 'React renders fast. We built it with React and HiWonder parts, and I think I\'m done. The end.';
    assert.deepEqual(termsOf(text), ['React', 'React', 'HiWonder']);
  });

  it('a term is a finding only at TERM_MIN_SCORE; other words at the threshold; --all lists everything', () => {
    const text = 'We flashed the PuppyPi board with the tool.';
    const low = findingsOf(text, words(text, (t) => (t === 'PuppyPi' || t === 'tool' ? 0.6 : 0.01)), 0.21);
    assert.deepEqual(low.map((f) => f.text), ['tool']);
    const high = findingsOf(text, words(text, (t) => (t === 'PuppyPi' ? TERM_MIN_SCORE : 0.01)), 0.21);
    assert.deepEqual(high.map((f) => f.text), ['PuppyPi']);
    assert.equal(findingsOf(text, words(text), -Infinity).length, 8);
  });

  it('a repeated term is still a repeated word', () => {
    const text = 'We use React React here.';
    assert.deepEqual(findingsOf(text, words(text, () => 0.01), 0.21).map((f) => [f.text, f.kind]), [['React', 'repeated-word']]);
  });

  it('never fixes a term into a common word; a misspelt capitalised name keeps its capitalised spelling fix', () => {
    const known = (w: string): boolean => ['wonder', 'react', 'reach', 'september'].includes(w);
    const fixes = [{ kind: 'replace', text: 'wonder' }, { kind: 'replace', text: 'September' }, { kind: 'remove' }];
    assert.deepEqual(termFixes('HiWonder', fixes, known), []);
    assert.deepEqual(termFixes('React', fixes, known), []);
    assert.deepEqual(termFixes('Septenber', fixes, known), [{ kind: 'replace', text: 'September' }]);
    const text = 'We met in Septenber with React people.';
    const isTerm = termSpansOf(text);
    assert.ok(isTerm({ start: 10, end: 19 }) && isTerm({ start: 25, end: 30 }));
    assert.ok(!isTerm({ start: 3, end: 6 }));
  });
});

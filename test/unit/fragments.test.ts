// Fragments (headings, table cells, short list items, greetings) need stronger evidence before a
// word in them is a finding; the effective scores the evaluation measures are the findings rule's.
import * as assert from 'node:assert/strict';
import { effectiveScores, findingsOf } from '../../src/core/findings';
import { FRAGMENT_MIN_SCORE, fragmentWords } from '../../src/core/fragments';
import type { WordScore } from '../../src/core/types';

/** Words of `source`, one sentence per line, each scored by `score(text)`. */
function words(source: string, score: (t: string) => number): WordScore[] {
  const out: WordScore[] = [];
  source.split('\n').reduce((at, line, s) => {
    for (const m of line.matchAll(/[A-Za-z]+/g)) out.push({ start: at + m.index, end: at + m.index + m[0].length, text: m[0], score: score(m[0]), sentence: s });
    return at + line.length + 1;
  }, 0);
  return out;
}

describe('fragments: text that is not a sentence', () => {
  const text = 'Install\nKey links to read\nThe package installs with npm and runs anywhere.\nit is short.';
  const ws = words(text, (t) => (t === 'links' || t === 'installs' ? 0.4 : 0.01));

  it('marks the words of short unpunctuated runs, not of sentences (long, or ending with a stop)', () => {
    const f = fragmentWords(text, ws);
    assert.deepEqual(ws.filter((_, i) => f[i]).map((w) => w.text), ['Install', 'Key', 'links', 'to', 'read']);
  });

  it('a word of a fragment is a finding only from FRAGMENT_MIN_SCORE; a sentence\'s at the threshold', () => {
    assert.deepEqual(findingsOf(text, ws, 0.21).map((f) => f.text), ['installs']);
    const sure = words(text, (t) => (t === 'links' ? FRAGMENT_MIN_SCORE : 0.01));
    assert.deepEqual(findingsOf(text, sure, 0.21).map((f) => f.text), ['links']);
  });

  it('effective scores agree with the findings rule at every threshold', () => {
    const src = 'We saw the the cat near React today.\nTitle words here';
    const ws2 = words(src, (t) => ({ React: 0.6, near: 0.3, words: 0.45 } as Record<string, number>)[t] ?? 0.05);
    const eff = effectiveScores(src, ws2);
    for (const t of [0.1, 0.2, 0.3, 0.5, 0.7, 0.95]) {
      const found = new Set(findingsOf(src, ws2, t).map((f) => f.start));
      ws2.forEach((w, i) => assert.equal(found.has(w.start), eff[i] >= t, `${w.text} at ${t}`));
    }
  });
});

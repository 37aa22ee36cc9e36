// Findings point at the exact words: every [start, end) slices its text out of the
// source (Markdown, LaTeX, plain text with CRLF, emoji and CJK); lines and columns agree
// with the offsets; numbers, URLs, e-mail addresses and punctuation are never findings;
// repeated words are found; suggestions score below the threshold.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { MAX_DOCUMENT_SIZE } from '../../src/core/defaults';
import { InputError } from '../../src/core/errors';
import { findingsOf, percent } from '../../src/core/findings';
import type { DocumentFormat, Finding } from '../../src/core/types';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const SOURCES: Array<[DocumentFormat, string]> = [
  ['markdown', '---\ntitle: x\n---\n# Héading with `code`\r\n\r\nA *very* [linked](https://e.org) sentence, naïve 😀 and 東京.\r\n\r\n- item one\r\n- item two\r\n\r\n```\r\ncode block\r\n```\r\n'],
  ['latex', '\\section{Intro}\nWe \\emph{really} like $x^2$ math. % comment\n\\begin{verbatim}\nskip me\n\\end{verbatim}\nDone here.\n'],
  ['plaintext', 'Tabs\tand CRLF\r\nlines with émoji 👍🏽 words, مرحبا بالعالم\r\n\r\nNew paragraph.'],
];

/** Line/column computed naively from the source, to compare with the finding's. */
function naivePosition(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('checker: findings and suggestions', () => {
  let checker: Checker;
  before(async () => {
    checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
  });
  after(() => checker.dispose());

  for (const [format, source] of SOURCES) {
    it(`slices every finding's text exactly out of the ${format} source, at the right line and column`, async () => {
      const all = await checker.check(source, format, { threshold: 0 });
      assert.ok(all.length > 3);
      for (const f of all) {
        assert.equal(source.slice(f.start, f.end), f.text);
        assert.deepEqual({ line: f.line, column: f.column }, naivePosition(source, f.start), f.text);
        assert.ok(f.score >= 0 && f.score <= 1);
      }
      const doc = await checker.score(source, format);
      assert.deepEqual(all.map((f) => f.text), doc.words.map((w) => w.text));
      for (const w of doc.words) assert.ok(doc.sentences[w.sentence].start <= w.start && w.end <= doc.sentences[w.sentence].end, w.text);
    });
  }

  it('skips what the extractor skips and never flags numbers, URLs, e-mails or punctuation', async () => {
    const source = 'Call 555-1234 or mail ann@example.com, see https://example.org/a?b=1 — 3.14 % ... !!';
    const texts = (await checker.check(source, 'plaintext', { threshold: 0 })).map((f) => f.text);
    assert.deepEqual(texts, ['Call', 'or', 'mail', 'see']);
    const md = (await checker.check(source.replace('see', '`see`'), 'markdown', { threshold: 0 })).map((f) => f.text);
    assert.deepEqual(md, ['Call', 'or', 'mail']);
  });

  it('reports only words at or above the threshold, and a repeated word whatever its score', async () => {
    const source = 'I think the the answer is\nis right, but I had had enough.';
    const doc = await checker.score(source, 'plaintext');
    const threshold = [...doc.words.map((w) => w.score)].sort((a, b) => a - b)[Math.floor(doc.words.length / 2)];
    const findings = await checker.check(source, 'plaintext', { threshold });
    const repeated = findings.filter((f) => f.kind === 'repeated-word');
    assert.deepEqual(repeated.map((f) => [f.text, f.line, f.column]), [['the', 1, 13], ['is', 2, 1]]);
    assert.deepEqual(repeated[0].suggestions, [{ kind: 'remove' }]);
    for (const f of findings.filter((x) => x.kind === 'replaced-word')) {
      assert.ok(f.score >= threshold);
      assert.equal(f.message, `"${f.text}" looks out of place here (${percent(f.score)} likely replaced).`);
    }
    const expected = doc.words.filter((w) => w.score >= threshold && !repeated.some((r) => r.start === w.start)).length;
    assert.equal(findings.length - repeated.length, expected);
  });

  it('scores an empty document as no words, and refuses an oversized one with InputError', async () => {
    assert.deepEqual(await checker.score('', 'markdown'), { words: [], sentences: [], wordCount: 0 });
    assert.deepEqual(await checker.check('```\ncode only\n```\n', 'markdown'), []);
    await assert.rejects(checker.score('a '.repeat(MAX_DOCUMENT_SIZE), 'plaintext'), (e: Error) => e instanceof InputError && /limit is/.test(e.message));
  });

  it('builds findings from scored words without touching the model', () => {
    const source = 'a b b';
    const words = [{ start: 0, end: 1, text: 'a', score: 0.9, sentence: 0 }, { start: 2, end: 3, text: 'b', score: 0.1, sentence: 0 }, { start: 4, end: 5, text: 'b', score: 0.2, sentence: 0 }];
    const f: Finding[] = findingsOf(source, words, 0.5);
    assert.deepEqual(f.map((x) => [x.text, x.kind, x.column, x.message]), [
      ['a', 'replaced-word', 1, '"a" looks out of place here (90% likely replaced).'], ['b', 'repeated-word', 5, '"b" is repeated.'],
    ]);
    assert.deepEqual([percent(0.9996), percent(0.001), percent(1), percent(0)], ['99%', '1%', '100%', '0%']);
  });

  it('suggests fixes whose position scores below the threshold, best first, never the word itself', async () => {
    const source = 'The committee will review the proposals next week.';
    const doc = await checker.score(source, 'plaintext');
    const word = doc.words[3]; // "review"
    assert.equal(word.text, 'review');
    const suggestions = await checker.suggest(source, 'plaintext', word, 5, { threshold: 0.99 });
    assert.ok(suggestions.length <= 5);
    for (const s of suggestions) {
      assert.ok(['replace', 'remove', 'insert'].includes(s.kind));
      if (s.kind !== 'remove') assert.match(s.text, /^\p{L}+$/u);
      if (s.kind === 'replace') assert.notEqual(s.text.toLowerCase(), 'review');
      assert.ok(s.score !== undefined && s.score < 0.99, `${JSON.stringify(s)}`);
    }
    assert.deepEqual(await checker.suggest(source, 'plaintext', word, 5, { threshold: 0 }), [], 'nothing scores below 0: no confident fix');
    assert.deepEqual(await checker.suggest(source, 'plaintext', { start: 0, end: 0 }), []);
  });

  it('suggest on the last word works, and a missing span is a clear InputError (fuzz counterexample: words[words.length])', async () => {
    const source = 'The# Why Cities Need More Trees\n\nTrees cool the streets in summer.\n\nIn conclusion, planting trees is a cheap way to make a city healthier and fairer.\n';
    const doc = await checker.score(source, 'plaintext');
    const last = doc.words[doc.words.length - 1];
    assert.equal(last.text, 'fairer');
    for (const s of await checker.suggest(source, 'plaintext', last, 3, { threshold: 0.99 })) assert.notEqual(s.kind === 'replace' ? s.text : '', 'fairer');
    const beyond = doc.words[doc.words.length] as unknown as { start: number; end: number };
    await assert.rejects(checker.suggest(source, 'plaintext', beyond, 3), (e: unknown) => e instanceof InputError && /span \{start, end\}/.test(e.message));
    await assert.rejects(checker.suggest(source, 'plaintext', { start: 1.5, end: Number.NaN }), InputError);
  });
});

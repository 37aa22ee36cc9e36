// Judging and applying suggestions: the keep/rank rule on hand-made scores, the edits that
// keep case, whitespace and punctuation, and the batched path on the tiny random-weight model
// (plumbing only: one batched call equals one call per word; spans that are not words).
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { applyEdit, suggestionEdit, suggestionTitle } from '../../src/core/suggest/edit';
import { EDIT_AROUND_MARGIN, judge, keeps, type ContextScores } from '../../src/core/suggest/judge';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const ctx = (position: number, mean: number): ContextScores => ({ position, mean });

describe('suggestions: judging and edits', () => {
  it('keeps an edit only when the place falls below the threshold and to at most half its score, and the context improves', () => {
    const original = ctx(0.6, 0.2);
    assert.ok(keeps(original, ctx(0.1, 0.1), 0.5));
    assert.ok(keeps(original, ctx(0.29, 0.19), 0.5), 'the place fell from 0.6 to under half of it');
    assert.ok(!keeps(original, ctx(0.31, 0.1), 0.5), 'the place still looks half as wrong as before');
    assert.ok(!keeps(original, ctx(0.25, 0.1), 0.2), 'the place is still flagged at 0.2');
    assert.ok(!keeps(original, ctx(0.1, 0.25), 0.5), 'the context got worse: the blame moved to a neighbour');
    assert.ok(!keeps(ctx(0.3, 0.2), ctx(0.2, 0.1), 0.25), 'a weakly flagged word needs a clearly better place too');
  });

  it('ranks by how sure the model is about the place after the edit, ties by frequency, a dictionary correction first; at most max', () => {
    const original = ctx(0.9, 0.5);
    const out = judge(original, [
      { edit: { kind: 'replace', text: 'rare' }, scores: ctx(0.1, 0.2), prior: 1, rank: 9000 },
      { edit: { kind: 'replace', text: 'common' }, scores: ctx(0.1, 0.2), prior: 1, rank: 10 },
      { edit: { kind: 'remove' }, scores: ctx(0.05, 0.3), prior: 1, rank: 1 },
      { edit: { kind: 'replace', text: 'bad' }, scores: ctx(0.95, 0.1), prior: 1, rank: 1 },
      { edit: { kind: 'replace', text: 'fix' }, scores: ctx(0.2, 0.3), prior: 0, rank: 500 },
    ], 0.5, 3);
    // The removal places the word best (0.05) but reads no better than the replacements (mean 0.3
    // against 0.2): it goes after them (EDIT_AROUND_MARGIN).
    assert.deepEqual(out.map((s) => (s.kind === 'remove' ? '-' : s.text)), ['fix', 'common', 'rare']);
    assert.equal(out[0].score, 0.2);
    assert.deepEqual(judge(original, [{ edit: { kind: 'remove' }, scores: ctx(0.6, 0.1), prior: 1, rank: 1 }], 0.5, 3), [], 'no confident fix');
  });

  it('puts an insertion or removal first only where the sentence reads clearly better than with every replacement', () => {
    const original = ctx(0.8, 0.3);
    const noon = { edit: { kind: 'replace', text: 'noon' } as const, scores: ctx(0.007, 0.033), prior: 1, rank: 5822 };
    const theBefore = { edit: { kind: 'insert', text: 'the' } as const, scores: ctx(0.002, 0.033 * EDIT_AROUND_MARGIN + 0.001), prior: 1, rank: 1 };
    const names = (xs: ReturnType<typeof judge>): string[] => xs.map((s) => (s.kind === 'remove' ? '-' : `${s.kind === 'insert' ? '+' : ''}${s.text}`));
    assert.deepEqual(names(judge(original, [theBefore, noon], 0.2, 3)), ['noon', '+the'], '"cooler at moon": "noon" first; "at the moon" places the word better but reads only a little better');
    const clearly = { ...theBefore, scores: ctx(0.002, 0.033 * EDIT_AROUND_MARGIN - 0.001) };
    assert.deepEqual(names(judge(original, [clearly, noon], 0.2, 3)), ['+the', 'noon']);
    assert.deepEqual(names(judge(original, [theBefore], 0.2, 3)), ['+the'], 'alone, it is the fix');
  });

  it('keeps the spelling corrections of a surely misspelt word even while the model doubts the place, nearest spelling first', () => {
    const original = ctx(0.9, 0.5);
    const out = judge(original, [
      { edit: { kind: 'replace', text: 'happened' }, scores: ctx(0.6, 0.4), prior: 2, rank: 800, certain: true },
      { edit: { kind: 'replace', text: 'happens' }, scores: ctx(0.7, 0.45), prior: 1, rank: 900, certain: true },
      { edit: { kind: 'replace', text: 'happy' }, scores: ctx(0.65, 0.45), prior: 1, rank: 300, certain: true },
      { edit: { kind: 'remove' }, scores: ctx(0.6, 0.3), prior: 1, rank: 1 },
    ], 0.5, 3);
    assert.deepEqual(out.map((s) => (s.kind === 'remove' ? '-' : s.text)), ['happy', 'happens', 'happened'], 'an uncertain edit still needs the model to agree');
  });

  it('edits keep case, whitespace and punctuation', () => {
    const src = 'There phones, and THERE. I think the the end. Phones help.';
    const at = (word: string, from = 0): { start: number; end: number } => ({ start: src.indexOf(word, from), end: src.indexOf(word, from) + word.length });
    assert.equal(applyEdit(src, suggestionEdit(src, at('There'), { kind: 'replace', text: 'their' })), 'Their phones, and THERE. I think the the end. Phones help.');
    assert.equal(applyEdit(src, suggestionEdit(src, at('THERE'), { kind: 'replace', text: 'their' })), 'There phones, and THEIR. I think the the end. Phones help.');
    const second = { start: src.indexOf('the the') + 4, end: src.indexOf('the the') + 7 };
    assert.equal(applyEdit(src, suggestionEdit(src, second, { kind: 'remove' })), 'There phones, and THERE. I think the end. Phones help.');
    assert.equal(applyEdit(src, suggestionEdit(src, at('phones'), { kind: 'insert', text: 'the' })), 'There the phones, and THERE. I think the the end. Phones help.');
    assert.equal(applyEdit(src, suggestionEdit(src, at('Phones'), { kind: 'insert', text: 'the' })), 'There phones, and THERE. I think the the end. The phones help.');
    assert.equal(suggestionTitle('phones', { kind: 'insert', text: 'the' }), "Add 'the' before 'phones'");
    assert.equal(suggestionTitle('There', { kind: 'replace', text: 'their' }), "Replace with 'Their'");
    assert.equal(suggestionTitle('the', { kind: 'remove' }), "Remove 'the'");
  });

  describe('on the tiny random-weight model (plumbing)', () => {
    let checker: Checker;
    before(async () => {
      checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
    });
    after(() => checker.dispose());

    it('one batched call gives what one call per word gives, in span order; a span that is no word gets none', async () => {
      const source = '# Title\n\nMany students use there phones. This make the lesson more quickly, and they forgot informations.\n';
      const doc = await checker.score(source, 'markdown');
      const spans = [...doc.words].reverse();
      const many = await checker.suggestMany(source, 'markdown', [...spans, { start: 0, end: 1 }], { threshold: 0.99, max: 3 });
      assert.equal(many.length, spans.length + 1);
      assert.deepEqual(many[spans.length], []);
      for (const [i, w] of spans.entries()) {
        const one = await checker.suggest(source, 'markdown', w, 3, { threshold: 0.99 });
        assert.deepEqual(many[i].map((s) => [s.kind, 'text' in s ? s.text : '']), one.map((s) => [s.kind, 'text' in s ? s.text : '']), w.text);
        for (const s of many[i]) {
          const edited = applyEdit(source, suggestionEdit(source, w, s));
          assert.notEqual(edited, source);
          assert.ok(edited.startsWith('# ') && edited.endsWith('.\n'), edited);
        }
      }
      assert.ok(many.some((s) => s.length > 0), 'something is kept at threshold 0.99');
    });
  });
});

// The homophone check: the pairwise verdict on hand-made scores, and on the tiny random-weight
// model the plumbing (a word with homophones gets a verdict at its own offsets, or none).
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { findingsOf } from '../../src/core/findings';
import { hasHomophones, HOMOPHONE_CONFIDENCE, homophoneVerdict, pairwiseConfidence } from '../../src/core/suggest/homophones';
import type { ContextScores } from '../../src/core/suggest/judge';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

const ctx = (position: number, mean: number): ContextScores => ({ position, mean });

describe('homophone check', () => {
  it('gives the probability that the written word, not its homophone, is the replaced one of the two', () => {
    assert.equal(pairwiseConfidence(0.5, 0.5), 0.5);
    assert.ok(Math.abs(pairwiseConfidence(0.488, 0.001) - 0.999) < 1e-3, 'a doubtful word beside a sure homophone');
    assert.ok(pairwiseConfidence(0.01, 0.9) < 0.01, 'a sure word beside a doubtful homophone');
    assert.equal(pairwiseConfidence(0, 0), 0.5);
    assert.equal(pairwiseConfidence(1, 1), 0.5);
  });

  it('marks a word only when a homophone is surely better and the whole context reads better with it', () => {
    const original = ctx(0.488, 0.1);
    assert.deepEqual(homophoneVerdict(original, [{ text: "they're", scores: ctx(0.99, 0.2) }, { text: 'their', scores: ctx(0.001, 0.05) }])?.text, 'their');
    assert.equal(homophoneVerdict(original, [{ text: 'their', scores: ctx(0.001, 0.11) }]), undefined, 'the context got worse');
    assert.equal(homophoneVerdict(ctx(0.04, 0.1), [{ text: 'their', scores: ctx(0.01, 0.05) }]), undefined, '4% against 1% is not sure enough');
    assert.ok(pairwiseConfidence(0.04, 0.01) < HOMOPHONE_CONFIDENCE);
    assert.equal(homophoneVerdict(original, []), undefined);
  });

  it('knows which words have homophones, whatever their case', () => {
    assert.ok(hasHomophones('there') && hasHomophones('Their') && hasHomophones('THEN'));
    assert.ok(!hasHomophones('phones') && !hasHomophones('the'));
  });

  it('on a real model, every verdict sits on a word with homophones, its score at least its confidence, and findings follow it', async () => {
    const checker = await Checker.create({ modelDir: TINY_MODEL_DIR, trustUnverified: true });
    try {
      const source = 'They put there phones over their. Then it was later then we thought, too late to go.';
      const doc = await checker.score(source, 'plaintext');
      const withVerdict = doc.words.filter((w) => w.homophone);
      for (const w of withVerdict) {
        assert.ok(hasHomophones(w.text), w.text);
        assert.equal(source.slice(w.start, w.end), w.text);
        assert.ok(w.score >= w.homophone!.confidence && w.homophone!.confidence >= HOMOPHONE_CONFIDENCE);
      }
      const confused = findingsOf(source, doc.words, 0.5).filter((f) => f.kind === 'confused-word');
      assert.deepEqual(confused.map((f) => f.start), withVerdict.filter((w) => w.score >= 0.5).map((w) => w.start));
      // Scored alone or with others, the same verdicts.
      const [again] = await checker.scoreMany([{ source, format: 'plaintext' }, { source: 'Their is no time.', format: 'plaintext' }]);
      assert.deepEqual(again.words.map((w) => w.homophone?.text), doc.words.map((w) => w.homophone?.text));
    } finally {
      await checker.dispose();
    }
  });
});

import * as assert from 'node:assert/strict';
import { bestF05, fBeta, precisionAtRecall, prfAt, rocAuc, sweep } from '../../scripts/eval/metrics';

describe('evaluation metrics', () => {
  it('ROC-AUC is 1 for a perfect ranking, 0 for a reversed one and 0.5 for all ties', () => {
    assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 1);
    assert.equal(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]), 0);
    assert.equal(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]), 0.5);
  });

  it('ROC-AUC counts a tie between a positive and a negative as one half', () => {
    // pairs (pos, neg): (0.7,0.3)=1, (0.7,0.7)=0.5, (0.4,0.3)=1, (0.4,0.7)=0 -> 2.5/4
    assert.equal(rocAuc([0.3, 0.7, 0.7, 0.4], [false, false, true, true]), 0.625);
  });

  it('precision, recall and F0.5 at a threshold', () => {
    const r = prfAt([0.9, 0.8, 0.3, 0.6], [true, false, true, false], 0.5);
    assert.equal(r.precision, 1 / 3);
    assert.equal(r.recall, 1 / 2);
    assert.equal(r.flagged, 3);
    assert.ok(Math.abs(r.f05 - fBeta(1 / 3, 1 / 2, 0.5)) < 1e-12);
    assert.ok(Math.abs(fBeta(1, 0.5, 0.5) - (1.25 * 0.5) / (0.25 + 0.5)) < 1e-12);
  });

  it('the sweep agrees with prfAt at every point it reports', () => {
    const scores = [0.91, 0.2, 0.55, 0.55, 0.7, 0.05, 0.33];
    const labels = [true, false, true, false, false, true, true];
    for (const p of sweep(scores, labels)) {
      const direct = prfAt(scores, labels, p.threshold);
      assert.equal(p.precision, direct.precision);
      assert.equal(p.recall, direct.recall);
      assert.equal(p.flagged, direct.flagged);
    }
  });

  it('precision at 50% recall and the best F0.5 point', () => {
    const scores = [0.9, 0.8, 0.7, 0.6];
    const labels = [true, false, true, false];
    assert.equal(precisionAtRecall(scores, labels, 0.5), 1);
    assert.equal(bestF05(scores, labels).threshold, 0.9);
  });
});

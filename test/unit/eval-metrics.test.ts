import * as assert from 'node:assert/strict';
import { alignScores, bestF05, fBeta, flagsFromSpans, precisionAtRecall, prfAt, prfOfFlags, recallByGroup, recommendThreshold, rocAuc, sweep, underlineEverything } from '../../scripts/eval/metrics';

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

describe('evaluation metrics beside a peer', () => {
  it('a yes/no checker and the underline-everything baseline', () => {
    const labels = [true, false, true, false, false];
    const h = prfOfFlags([true, true, false, false, false], labels);
    assert.equal(h.precision, 1 / 2);
    assert.equal(h.recall, 1 / 2);
    const all = underlineEverything(labels);
    assert.equal(all.precision, 2 / 5);
    assert.equal(all.recall, 1);
    assert.equal(all.flagged, 5);
  });

  it('a unit takes the max score of the words overlapping it, 0 when none', () => {
    // units: "can't" [0,5), "," [5,6), "go" [7,9), "x" [10,11); words: "can" "'t" split, "go"
    const units = [{ start: 0, end: 5 }, { start: 5, end: 6 }, { start: 7, end: 9 }, { start: 10, end: 11 }];
    const words = [{ start: 0, end: 3, score: 0.2 }, { start: 3, end: 5, score: 0.7 }, { start: 7, end: 9, score: 0.4 }];
    assert.deepEqual(alignScores(units, words), [0.7, 0, 0.4, 0]);
  });

  it('a unit is flagged when a span overlaps it; an empty span flags the unit it falls in', () => {
    const units = [{ start: 0, end: 3 }, { start: 4, end: 8 }, { start: 9, end: 12 }];
    assert.deepEqual(flagsFromSpans(units, [{ start: 2, end: 5 }]), [true, true, false]);
    assert.deepEqual(flagsFromSpans(units, [{ start: 3, end: 4 }]), [false, false, false]);
    assert.deepEqual(flagsFromSpans(units, [{ start: 9, end: 9 }]), [false, false, true]);
    assert.deepEqual(flagsFromSpans(units, [{ start: 11, end: 12 }, { start: 0, end: 1 }]), [true, false, true]);
  });

  it('recall by error type counts a unit in each of its types and ignores correct units', () => {
    const flagged = [true, false, true, true];
    const groups = [['spelling'], ['spelling', 'other'], undefined, []];
    const r = recallByGroup(flagged, groups, ['spelling', 'other', 'word order']);
    assert.deepEqual(r.spelling, { wrong: 2, found: 1, recall: 0.5 });
    assert.deepEqual(r.other, { wrong: 1, found: 0, recall: 0 });
    assert.ok(Number.isNaN(r['word order'].recall));
  });

  it('recommendThreshold: best F0.5 among two-decimal thresholds with precision >= 0.5', () => {
    // band 0.8: 40 wrong + 40 correct (P 0.5, R 0.5, F0.5 0.5); band 0.3: 40 wrong + 200 correct
    // (flagging both: P 0.25, R 1, F0.5 0.29). 0.31 is the lowest grid threshold above 0.3.
    const scores = [...Array(80).fill(0.8), ...Array(240).fill(0.3)];
    const labels = [...Array(40).fill(true), ...Array(40).fill(false), ...Array(40).fill(true), ...Array(200).fill(false)];
    const r = recommendThreshold(scores, labels, 0.5);
    assert.equal(r.floorReached, true);
    assert.equal(r.threshold, 0.31);
    assert.equal(r.precision, 0.5);
    assert.equal(r.recall, 0.5);
  });

  it('recommendThreshold keeps the precision floor over a higher F0.5 below it', () => {
    // band 0.9: 10 wrong + 10 correct (P 0.5, R 0.1, F0.5 0.28); adding band 0.5 (90 wrong +
    // 110 correct) gives P 0.45, R 1, F0.5 0.51: higher, but under the floor.
    const scores = [...Array(20).fill(0.9), ...Array(200).fill(0.5)];
    const labels = [...Array(10).fill(true), ...Array(10).fill(false), ...Array(90).fill(true), ...Array(110).fill(false)];
    const r = recommendThreshold(scores, labels, 0.5);
    assert.equal(r.floorReached, true);
    assert.equal(r.threshold, 0.51);
    assert.equal(r.precision, 0.5);
    assert.ok(bestF05(scores, labels).f05 > r.f05);
  });

  it('recommendThreshold obeys a cap on the thresholds it may choose (false alarms on clean text)', () => {
    const scores = [...Array(80).fill(0.8), ...Array(240).fill(0.3)];
    const labels = [...Array(40).fill(true), ...Array(40).fill(false), ...Array(40).fill(true), ...Array(200).fill(false)];
    const r = recommendThreshold(scores, labels, 0.5, 20, (t) => t >= 0.5);
    assert.equal(r.threshold, 0.5);
    assert.equal(r.precision, 0.5);
  });

  it('recommendThreshold falls back to the best F0.5 when precision 0.5 is out of reach (or only with a handful of flags)', () => {
    // precision never reaches 0.5 with >= 20 flags; three lucky flags at 0.95 do not count
    const scores = [0.95, 0.95, 0.95, ...Array(100).fill(0.6), ...Array(300).fill(0.2)];
    const labels = [true, true, true, ...Array(30).fill(true), ...Array(70).fill(false), ...Array(20).fill(true), ...Array(280).fill(false)];
    const r = recommendThreshold(scores, labels, 0.5);
    assert.equal(r.floorReached, false);
    const best = [0.21, 0.61, 0.96].map((t) => prfAt(scores, labels, t)).sort((a, b) => b.f05 - a.f05)[0];
    assert.ok(Math.abs(r.f05 - best.f05) < 1e-12);
    assert.equal(r.minPrecision, 0.5);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitCalibration, applyCalibration, CALIBRATION_FEATURES, parseGradesCsv, CalibrationError, DEFAULT_RUBRIC, loadCalibration } from '../../src/core/grade';
import { roundToScale } from '../../src/core/grade/calibration/calibrate';
import { quadraticWeightedKappa, pearson } from '../../src/core/grade/measure/numbers';

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator; the test owns its seed). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('grade: calibration to a teacher', () => {
  it('recovers a known linear relation on synthetic features', () => {
    const rand = lcg(7);
    const truth = (x: Record<string, number>) => 0.5 + 0.03 * x.wordChoice + 0.02 * x.vocabulary - 0.01 * x.conventions + 0.4 * x.logWords;
    const examples = Array.from({ length: 60 }, () => {
      const features: Record<string, number> = {};
      for (const f of CALIBRATION_FEATURES) features[f] = f === 'logWords' ? 4 + 3 * rand() : 100 * rand();
      return { features, score: truth(features) };
    });
    const cal = fitCalibration(examples, { lambda: 1e-6, scale: { min: -100, max: 100 } });
    for (const x of examples.slice(0, 10)) assert.ok(Math.abs(applyCalibration(cal, x.features) - truth(x.features)) < 1e-3);
    // Back on the raw scale: coefficient / sd.
    assert.ok(Math.abs(cal.coefficients.wordChoice / cal.featureStats.wordChoice.sd - 0.03) < 1e-4);
    assert.ok(Math.abs(cal.coefficients.fluency / cal.featureStats.fluency.sd) < 1e-4);
    assert.ok(cal.crossValidation.folds >= 2 && cal.crossValidation.pearson! > 0.999);
  });

  it('reports honest cross-validated agreement on noisy grades, and rounds onto the teacher scale', () => {
    const rand = lcg(11);
    const examples = Array.from({ length: 40 }, () => {
      const features: Record<string, number> = {};
      for (const f of CALIBRATION_FEATURES) features[f] = 100 * rand();
      const score = Math.min(5, Math.max(1, Math.round(1 + features.fluency / 25 + (rand() - 0.5) * 2)));
      return { features, score };
    });
    const cal = fitCalibration(examples);
    assert.deepEqual(cal.scale, { min: 1, max: 5, step: 1 });
    assert.ok(cal.crossValidation.qwk! > 0.5 && cal.crossValidation.qwk! < 1, String(cal.crossValidation.qwk));
    for (const x of examples) {
      const g = applyCalibration(cal, x.features);
      assert.ok(Number.isInteger(g) && g >= 1 && g <= 5);
    }
    assert.deepEqual(fitCalibration(examples), cal, 'deterministic');
  });

  it('a strong penalty shrinks the fit to a linear rescaling of the rubric\'s weighted score', () => {
    const rand = lcg(3);
    const examples = Array.from({ length: 30 }, () => {
      const features: Record<string, number> = {};
      for (const f of CALIBRATION_FEATURES) features[f] = 100 * rand();
      return { features, score: 1 + features.weighted / 25 + features.fluency / 100 };
    });
    const cal = fitCalibration(examples, { lambda: 1e9, scale: { min: -100, max: 100 } });
    for (const f of CALIBRATION_FEATURES) if (f !== 'weighted') assert.ok(Math.abs(cal.coefficients[f]) < 1e-3, f);
    assert.ok(Math.abs(cal.coefficients.weighted / cal.featureStats.weighted.sd - 1 / 25) < 0.01);
  });

  describe('never worse than the uncalibrated rubric on cross-validation (the fallback)', () => {
    const make = (seed: number, n: number, scoreOf: (f: Record<string, number>, r: () => number) => number) => {
      const rand = lcg(seed);
      return Array.from({ length: n }, () => {
        const features: Record<string, number> = {};
        for (const f of CALIBRATION_FEATURES) features[f] = f === 'logWords' ? 4 + 2 * rand() : 100 * rand();
        return { features, score: scoreOf(features, rand) };
      });
    };
    const scale = { min: 1, max: 5, step: 0.5 };

    it('falls back to the rubric, and says so, when the teacher grades like the rubric and the criteria are noise', () => {
      const examples = make(5, 24, (f) => roundToScale(1 + (4 * (f.weighted - DEFAULT_RUBRIC.range.low)) / (DEFAULT_RUBRIC.range.high - DEFAULT_RUBRIC.range.low), scale));
      const cal = fitCalibration(examples, { scale });
      assert.equal(cal.method, 'rubric');
      assert.match(cal.fallback!, /agreed less with the teacher on cross-validation .* than the uncalibrated rubric/);
      assert.deepEqual(Object.keys(cal.crossValidation.candidates!).sort(), ['criteria', 'rescale', 'rubric']);
      assert.equal(cal.crossValidation.qwk, cal.crossValidation.candidates!.rubric!.qwk);
      // Applying it is the rubric's mapping onto the teacher's scale.
      for (const x of examples) assert.equal(applyCalibration(cal, x.features), x.score);
    });

    it('keeps the re-weighed criteria when they agree better, without a fallback', () => {
      const cal = fitCalibration(make(9, 30, (f, r) => roundToScale(1 + f.fluency / 25 + 0.3 * (r() - 0.5), scale)), { scale });
      assert.equal(cal.method, 'criteria');
      assert.equal(cal.fallback, undefined);
      assert.ok(cal.crossValidation.qwk! > cal.crossValidation.candidates!.rubric!.qwk!);
    });

    it('on noisy grades the chosen method cross-validates at least as well as the plain rubric', () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const cal = fitCalibration(make(seed, 20, (f, r) => roundToScale(2 + f.weighted / 50 + 2 * r(), scale)), { scale });
        const c = cal.crossValidation.candidates!;
        assert.ok((cal.crossValidation.qwk ?? -1) >= (c.rubric!.qwk ?? -1), `seed ${seed}: ${JSON.stringify(c)}`);
        assert.equal(cal.fallback === undefined, cal.method === 'criteria');
      }
    });

    it('reads a format 1 calibration (before grading v2) as re-weighed criteria', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ef-cal-'));
      const cal = fitCalibration(make(9, 12, (f) => 1 + f.fluency / 25), { method: 'criteria' });
      const v1: Record<string, unknown> = { ...cal, format: 1 };
      delete v1.method;
      writeFileSync(join(dir, 'calibration.json'), JSON.stringify(v1));
      assert.equal(loadCalibration(join(dir, 'calibration.json')).method, 'criteria');
      rmSync(dir, { recursive: true, force: true });
    });
  });

  it('refuses too few examples with a clear error', () => {
    assert.throws(() => fitCalibration([{ features: {}, score: 1 }]), (e: Error) => e instanceof CalibrationError && /at least 3/.test(e.message));
  });

  it('reads analytic trait columns from the header (cells may be empty; other columns are ignored)', () => {
    const rows = parseGradesCsv('path,score,Grammar,notes,cohesion\na.txt,4,3.5,good,\nb.txt,3,,x,2\n', 'g.csv');
    assert.deepEqual(rows.map((r) => r.traits), [{ grammar: 3.5 }, { cohesion: 2 }]);
    assert.throws(() => parseGradesCsv('path,score,grammar\na.txt,4,good\n', 'g.csv'), /g\.csv:2: grammar must be a number or empty/);
  });

  it('parses path,score CSV with a header and quotes, naming the line of a bad score', () => {
    assert.deepEqual(parseGradesCsv('path,score\n"a, b.txt",4\nc.md,3.5\n', 'g.csv').map((r) => [r.path, r.score, r.line]), [['a, b.txt', 4, 2], ['c.md', 3.5, 3]]);
    assert.throws(() => parseGradesCsv('a.txt,4\nb.txt,four\n', 'g.csv'), /g\.csv:2: score must be a number/);
  });

  it('computes QWK and Pearson on known values', () => {
    assert.equal(quadraticWeightedKappa([1, 2, 3], [1, 2, 3], { min: 1, max: 3 }), 1);
    assert.ok(quadraticWeightedKappa([1, 2, 3], [3, 2, 1], { min: 1, max: 3 })! < 0);
    assert.equal(quadraticWeightedKappa([1.5, 2], [1.5, 2], { min: 1, max: 2, step: 0.5 }), 1);
    assert.ok(Math.abs(pearson([1, 2, 3], [2, 4, 6])! - 1) < 1e-12);
    assert.equal(pearson([1, 1, 1], [1, 2, 3]), null);
  });
});

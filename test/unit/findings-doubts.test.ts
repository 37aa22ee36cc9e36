// Underline what can be explained (findings.ts: isDoubt, fixDecidesUnderline): a replaced word
// below UNDERLINE_SCORE with no confident fix is only a doubt; a fix, a mix-up, a repeat or a high
// score make a flag an underline.
import * as assert from 'node:assert/strict';
import { fixDecidesUnderline, isDoubt, UNDERLINE_SCORE } from '../../src/core/findings';
import type { Finding } from '../../src/core/types';

const f = (kind: Finding['kind'], score: number, suggestions: Finding['suggestions'] = []): Pick<Finding, 'kind' | 'score' | 'suggestions'> => ({ kind, score, suggestions });

describe('findings: underlines and doubts', () => {
  it('a replaced word without a fix, below the high bar, is a doubt', () => {
    assert.ok(isDoubt(f('replaced-word', 0.5)));
    assert.ok(isDoubt(f('replaced-word', UNDERLINE_SCORE - 0.01)));
  });

  it('a fix, a mix-up, a repeat or a score at the high bar make an underline', () => {
    assert.ok(!isDoubt(f('replaced-word', 0.5, [{ kind: 'replace', text: 'their', score: 0.01 }])));
    assert.ok(!isDoubt(f('confused-word', 0.99, [{ kind: 'replace', text: 'their', score: 0.01 }])));
    assert.ok(!isDoubt(f('repeated-word', 0.1, [{ kind: 'remove' }])));
    assert.ok(!isDoubt(f('replaced-word', UNDERLINE_SCORE)));
  });

  it('only a replaced word below the bar needs the suggester to decide', () => {
    assert.ok(fixDecidesUnderline(f('replaced-word', 0.5)));
    assert.ok(!fixDecidesUnderline(f('replaced-word', 0.95)));
    assert.ok(!fixDecidesUnderline(f('confused-word', 0.5)));
    assert.ok(!fixDecidesUnderline(f('repeated-word', 0.5)));
  });
});

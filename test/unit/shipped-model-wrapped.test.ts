// CI test on the SHIPPED model (models/electra-feedback): examples/essay.md hard-wrapped at 72
// columns gives the same flags and the same first fixes as the essay as written (one line per
// paragraph). Wrapping replaces spaces by line breaks, so offsets are the same in both; the
// tokens are the same too (a line break is whitespace to WordPiece), so only the sentence rule
// (src/core/sentences.ts: a soft line break is a space) decides whether the two agree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD } from '../../src/core/defaults';
import { findingsOf, needsSuggester } from '../../src/core/findings';
import type { Finding } from '../../src/core/types';
import { hardWrap } from '../../scripts/eval/wrapped';
import { REPO_ROOT } from './helpers/tiny-model';

describe('shipped model: examples/essay.md hard-wrapped at 72 columns reads as written', () => {
  const source = readFileSync(path.join(REPO_ROOT, 'examples', 'essay.md'), 'utf8');
  const wrapped = hardWrap(source, 72);
  const results: Finding[][] = [];
  before(async function () {
    this.timeout(180_000);
    const checker = await Checker.create({ modelDir: DEFAULT_MODEL_DIR, provider: 'cpu' });
    try {
      for (const text of [source, wrapped]) {
        const doc = await checker.score(text, 'markdown');
        const findings = findingsOf(text, doc.words, DEFAULT_THRESHOLD);
        const flagged = findings.filter(needsSuggester);
        const fixes = await checker.suggestMany(text, 'markdown', flagged, { threshold: DEFAULT_THRESHOLD });
        flagged.forEach((f, i) => { f.suggestions = fixes[i]; });
        results.push(findings);
      }
    } finally {
      await checker.dispose();
    }
  });

  it('wraps the essay: many lines, each at most 72 columns but for an unbreakable word, same length', () => {
    assert.equal(wrapped.length, source.length);
    assert.ok(wrapped.split('\n').length >= source.split('\n').length + 10);
    for (const line of wrapped.split('\n')) assert.ok(line.length <= 72 || !line.includes(' '), line);
  });

  it('flags the same words, of the same kind, with the same scores', () => {
    const [plain, hard] = results;
    assert.ok(plain.length >= 5, `only ${plain.length} findings`);
    assert.deepEqual(hard.map((f) => [f.start, f.end, f.kind]), plain.map((f) => [f.start, f.end, f.kind]));
    hard.forEach((f, i) => assert.ok(Math.abs(f.score - plain[i].score) < 1e-4, `${f.text}: ${f.score} vs ${plain[i].score}`));
  });

  it('gives every flag the same first fix', () => {
    const [plain, hard] = results;
    assert.deepEqual(hard.map((f) => f.suggestions[0] ?? null), plain.map((f) => f.suggestions[0] ?? null));
  });
});

// CI test on the SHIPPED model (models/electra-feedback), not the tiny one: what a user of
// `check --suggest` gets on the repository's example essay. It proves that the model flags
// the essay's planted errors and that the first suggestion of each is the fix. It depends on
// the model's quality (it was written while a better model was being trained): do not weaken
// it to pass; a model that fails it does not give users the fixes the README promises.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD } from '../../src/core/defaults';
import { findingsOf, needsSuggester } from '../../src/core/findings';
import { applyEdit, suggestionEdit } from '../../src/core/suggest/edit';
import type { Finding } from '../../src/core/types';
import { REPO_ROOT } from './helpers/tiny-model';

describe('shipped model: the first suggestion fixes each planted error of examples/essay.md', () => {
  const source = readFileSync(path.join(REPO_ROOT, 'examples', 'essay.md'), 'utf8');
  let findings: Finding[] = [];
  before(async function () {
    this.timeout(120_000);
    const checker = await Checker.create({ modelDir: DEFAULT_MODEL_DIR, provider: 'cpu' });
    try {
      const doc = await checker.score(source, 'markdown');
      findings = findingsOf(source, doc.words, DEFAULT_THRESHOLD);
      // The CLI's rule: a confused or repeated word carries its own fix; the others ask the suggester.
      const flagged = findings.filter(needsSuggester);
      const fixes = await checker.suggestMany(source, 'markdown', flagged, { threshold: DEFAULT_THRESHOLD });
      flagged.forEach((f, i) => { f.suggestions = fixes[i]; });
    } finally {
      await checker.dispose();
    }
  });

  /** The document after the first fix of the finding at `word` in `context`. */
  function firstFix(context: string, word: string): string {
    const at = source.indexOf(context);
    assert.ok(at >= 0, context);
    const start = at + context.indexOf(word);
    const f = findings.find((x) => x.start === start && x.end === start + word.length);
    assert.ok(f, `"${word}" in "${context}" is not flagged`);
    assert.ok(f.suggestions.length > 0, `"${word}" in "${context}": no confident fix`);
    return applyEdit(source, suggestionEdit(source, f, f.suggestions[0]));
  }

  it('"there phones" → "their phones", both times', () => {
    assert.ok(firstFix('many students use there phones', 'there').includes('many students use their phones'));
    assert.ok(firstFix('to put there phones away', 'there').includes('to put their phones away'));
  });

  it('"This make the lesson" → "This makes the lesson" (or "made": either repairs the agreement)', () => {
    // Model v3 scores both near zero after the edit (a tie within judge.ts's TIE), and the tie goes to
    // the commoner word; the essay is in the present, so "makes" is the annotators' choice.
    const fixed = firstFix('This make the lesson', 'make');
    assert.ok(fixed.includes('This makes the lesson') || fixed.includes('This made the lesson'), fixed);
  });

  it('"would forgot" → "would forget"', () => {
    assert.ok(firstFix('would forgot important', 'forgot').includes('would forget important'));
  });

  it('"informations" → "information"', () => {
    assert.ok(firstFix('find informations.', 'informations').includes('find information.'));
  });

  it('"the the distractions" → the doubled "the" removed', () => {
    const f = findings.find((x) => x.kind === 'repeated-word' && x.text === 'the');
    assert.ok(f, 'the doubled "the" is not found');
    assert.equal(f.suggestions[0]?.kind, 'remove');
    const fixed = applyEdit(source, suggestionEdit(source, f, f.suggestions[0]));
    assert.ok(fixed.includes('without the distractions.'), fixed.slice(f.start - 40, f.start + 40));
  });
});

// Grading v2's error criteria: each flagged word gets a kind (confusion tables + form rules),
// grammar / spelling / word choice count them per 100 words, with passages and line numbers.
import assert from 'node:assert/strict';
import { grade, classifyError, isNonWord, DEFAULT_RUBRIC } from '../../src/core/grade';
import { scoredDoc } from './grade-fixtures';

describe('grade: error kinds of flagged words', () => {
  it('names the kind from the confusion tables and the word form', () => {
    assert.equal(classifyError('the'), 'determiner');
    assert.equal(classifyError('An'), 'determiner');
    assert.equal(classifyError('were'), 'agreement');
    assert.equal(classifyError('has'), 'agreement');
    assert.equal(classifyError('on'), 'preposition');
    assert.equal(classifyError('to'), 'preposition');
    assert.equal(classifyError('their'), 'homophone');
    assert.equal(classifyError('than'), 'homophone');
    assert.equal(classifyError('him'), 'pronoun');
    assert.equal(classifyError('becuase'), 'spelling');
    assert.equal(classifyError('helped'), 'verb-form');
    assert.equal(classifyError('making'), 'verb-form');
    assert.equal(classifyError('goes', 'he'), 'agreement');
    assert.equal(classifyError('goes', 'the'), 'word-choice');
    assert.equal(classifyError('thing'), 'word-choice');
    assert.equal(classifyError('elephant'), 'word-choice');
  });

  it('grades a confused-word finding (the homophone verdict) as a sound-alike slip under spelling, not as the preposition its table says', () => {
    const text = 'It was to hot to walk.';
    const doc = scoredDoc(text, (_w, i) => (i === 2 ? 0.99 : 0.01));
    doc.words[2].homophone = { text: 'too', confidence: 0.99, score: 0.01 };
    const r = grade(doc, text);
    assert.equal(r.findings[0].kind, 'confused-word');
    assert.equal(r.errorCounts.homophone, 1);
    assert.equal(r.errorCounts.preposition, 0);
    assert.equal(classifyError('to'), 'preposition', 'without the verdict, the table decides');
  });

  it('a non-word is lowercase, 3+ letters, not a ranked word, not a name and not an apostrophe-less contraction', () => {
    assert.ok(isNonWord('recieve'));
    assert.ok(!isNonWord('receive'));
    assert.ok(!isNonWord('Ngozi'), 'a capitalised word may be a name');
    assert.ok(!isNonWord('dont'), 'a conventions issue, not a spelling one');
    assert.ok(!isNonWord('ab'));
  });

  it('grammar, spelling and word choice count their errors per 100 words, with passages at their lines', () => {
    const text = 'Students goes to school every day.\nThey learns alot from there teachers.\n\nThe elephant sang.';
    const flagged = new Set([1, 7, 10, 13]); // goes, learns, there, elephant (by word index)
    const doc = scoredDoc(text, (_w, i) => (flagged.has(i) ? 0.9 : 0.01));
    const r = grade(doc, text);
    const by = (id: string) => r.criteria.find((c) => c.id === id)!;
    assert.equal(r.errorCounts.agreement, 1, 'learns after "They"');
    assert.equal(r.errorCounts['verb-form'], 0);
    assert.equal(r.errorCounts.homophone, 1);
    assert.equal(r.errorCounts.spelling, 1, '"alot" is not a word, flagged or not');
    assert.equal(r.errorCounts['word-choice'], 2, '"goes" after a noun and "elephant"');
    const grammarPassages = by('grammar').passages;
    // Each passage is the word with a few words of its sentence around it, at the word's line.
    assert.deepEqual(grammarPassages.map((p) => [p.text, p.line, p.reason]), [['They learns alot from', 2, '"learns": agreement? (0.9)']]);
    assert.match(by('grammar').evidence[0], /grammar errors .* per 100 words/);
    assert.match(by('grammar').evidence[1], /1 agreement error/);
    assert.deepEqual(by('spelling').passages.map((p) => [p.text, p.line, p.reason]), [
      ['They learns alot from there', 2, '"alot": not a word: spelling?'], ['learns alot from there teachers', 2, '"there": sound-alike word? (0.9)']]);
    assert.deepEqual(by('wordChoice').passages.map((p) => p.line), [1, 4]);
    for (const c of [by('grammar'), by('spelling'), by('wordChoice')]) for (const p of c.passages) assert.equal(text.slice(p.start, p.end), p.text);
    // Fewer errors, better scores.
    const clean = grade(scoredDoc(text.replace('alot', 'a lot')), text.replace('alot', 'a lot'));
    for (const id of ['grammar', 'spelling', 'wordChoice']) assert.ok(clean.criteria.find((c) => c.id === id)!.score > by(id).score, id);
  });

  it('errors are judged at the rubric threshold, as the findings are', () => {
    const text = 'We discussed the plan on Monday and agreed on it.';
    const doc = scoredDoc(text, (w) => (w === 'on' ? 0.3 : 0.01));
    assert.equal(grade(doc, text, { ...DEFAULT_RUBRIC, threshold: 0.5 }).errorCounts.preposition, 0);
    assert.equal(grade(doc, text, { ...DEFAULT_RUBRIC, threshold: 0.2 }).errorCounts.preposition, 2);
  });
});

describe('grade: analytic scores when the rubric asks', () => {
  it('grades each trait from its criteria on the rubric scale, in the rubric order', () => {
    const text = 'Students goes to school every day.\nThey learns alot from there teachers.\n\nThe elephant sang.';
    const doc = scoredDoc(text, (w) => (['learns', 'there'].includes(w) ? 0.9 : 0.01));
    const rubric = { ...DEFAULT_RUBRIC, scale: { min: 1, max: 5, step: 0.5 }, analytic: ['conventions' as const, 'grammar' as const] };
    const r = grade(doc, text, rubric);
    assert.deepEqual(r.analytic!.map((a) => [a.trait, a.label, a.calibrated]), [['conventions', 'Conventions', false], ['grammar', 'Grammar', false]]);
    for (const a of r.analytic!) assert.ok(a.grade >= 1 && a.grade <= 5 && Number.isInteger(a.grade * 2), String(a.grade));
    const by = (id: string) => r.criteria.find((c) => c.id === id)!.score;
    assert.ok(Math.abs(r.analytic![0].weighted - (by('conventions') + by('spelling')) / 2) < 0.01);
    assert.equal(grade(doc, text).analytic, undefined, 'none unless asked');
  });
});

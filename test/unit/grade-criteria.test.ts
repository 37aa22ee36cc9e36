import assert from 'node:assert/strict';
import { grade, DEFAULT_RUBRIC, CRITERION_IDS, type Rubric } from '../../src/core/grade';
import { mtld } from '../../src/core/grade/measure/features';
import { scoredDoc } from './grade-fixtures';

const PARAGRAPH = 'Schools should offer more time for reading because students discover ideas, practise concentration and build a richer vocabulary. '
  + 'Many teachers have noticed that pupils who read widely also write with more confidence. However, reading requires quiet places and patient guidance. ';
const ESSAY = [PARAGRAPH, PARAGRAPH.replace('Schools', 'Libraries'), PARAGRAPH.replace('Many', 'Several')].join('\n\n').repeat(2);

describe('grade: criteria from a scored document', () => {
  it('gives every criterion a 0–100 score with evidence, and weights that sum to 1', () => {
    const r = grade(scoredDoc(ESSAY), ESSAY);
    // Fit to the assignment needs calibration essays or a prompt: without them it is left out.
    assert.deepEqual(r.criteria.map((c) => c.id), CRITERION_IDS.filter((id) => id !== 'fit'));
    for (const c of r.criteria) {
      assert.ok(c.score >= 0 && c.score <= 100, `${c.id} ${c.score}`);
      assert.ok(c.evidence.length > 0 && c.evidence.every((e) => /^[A-Z0-9"].*[.]$/.test(e)), `${c.id} evidence: ${c.evidence}`);
    }
    assert.ok(Math.abs(r.criteria.reduce((s, c) => s + c.weight, 0) - 1) < 1e-3);
    assert.ok(r.grade >= 0 && r.grade <= 100);
    assert.equal(r.calibrated, false);
  });

  it('lowers word choice and fluency when the model flags many words, and quotes them at their source offsets', () => {
    const clean = grade(scoredDoc(ESSAY), ESSAY);
    const doc = scoredDoc(ESSAY, (_w, i) => (i % 6 === 0 ? 0.97 : 0.02));
    const noisy = grade(doc, ESSAY);
    const by = (r: typeof clean, id: string) => r.criteria.find((c) => c.id === id)!.score;
    assert.ok(by(noisy, 'wordChoice') < by(clean, 'wordChoice') - 30, `${by(noisy, 'wordChoice')} vs ${by(clean, 'wordChoice')}`);
    assert.ok(by(noisy, 'fluency') < by(clean, 'fluency'));
    assert.ok(noisy.grade < clean.grade);
    assert.equal(noisy.flagged, doc.words.filter((w) => w.score >= DEFAULT_RUBRIC.threshold).length);
    for (const p of noisy.criteria.flatMap((c) => c.passages)) assert.equal(ESSAY.slice(p.start, p.end), p.text);
    for (const f of noisy.findings) assert.equal(ESSAY.slice(f.start, f.end), f.text);
  });

  it('is deterministic: the same input gives an identical report', () => {
    const doc = scoredDoc(ESSAY, (_w, i) => ((i * 37) % 100) / 100);
    assert.deepEqual(grade(doc, ESSAY), grade(structuredClone(doc), ESSAY));
  });

  it('finds convention problems with line numbers: repeated words, lowercase starts, unbalanced brackets', () => {
    const text = 'This is the the first line (with an open bracket.\nthe second line starts in lowercase , and i agree.\n\nI dont think this paragraph has an ending';
    const r = grade(scoredDoc(text), text);
    const conv = r.criteria.find((c) => c.id === 'conventions')!;
    const reasons = conv.passages.map((p) => `${p.line}:${p.reason}`);
    assert.ok(reasons.includes('1:"the" is repeated'), reasons.join(' | '));
    assert.ok(reasons.includes('1:"(" is never closed'), reasons.join(' | '));
    assert.ok(reasons.includes('2:the sentence starts with a lowercase letter'), reasons.join(' | '));
    assert.ok(reasons.includes('2:a space before ","'), reasons.join(' | '));
    assert.ok(reasons.includes('2:the pronoun "I" is written in lowercase'), reasons.join(' | '));
    assert.ok(reasons.includes('4:"dont" needs an apostrophe: don\'t'), reasons.join(' | '));
    assert.ok(reasons.includes('4:the paragraph ends without punctuation'), reasons.join(' | '));
    // The core's repeat rule: the second word is the finding (as `check` reports it).
    assert.ok(r.findings.some((f) => f.kind === 'repeated-word' && f.line === 1 && f.column === 13 && f.text === 'the'));
    assert.ok(conv.score < 100);
  });

  it('judges brackets and quotes only inside prose sentences, not in code between them', () => {
    const source = 'We said "yes" (twice).\n\n```\nprint("unclosed\n```\n\nThe end (really.';
    const doc = scoredDoc(source);
    // The engine never puts code in a sentence: keep only the two prose sentences.
    const prose = [doc.sentences[0], doc.sentences[doc.sentences.length - 1]];
    const words = doc.words.filter((w) => w.start < prose[0].end || w.start >= prose[1].start).map((w) => ({ ...w, sentence: w.start < prose[0].end ? 0 : 1 }));
    const r = grade({ words, sentences: prose, wordCount: words.length }, source);
    const conv = r.criteria.find((c) => c.id === 'conventions')!;
    assert.deepEqual(conv.passages.filter((p) => /closed|closes/.test(p.reason)).map((p) => [p.text, p.line]), [['(', 7]]);
  });

  it('maps onto the rubric scale with its step and letter bands', () => {
    const rubric: Rubric = { ...DEFAULT_RUBRIC, scale: { min: 1, max: 6, step: 0.5 }, letters: [{ letter: 'A', min: 5 }, { letter: 'C', min: 1 }] };
    const r = grade(scoredDoc(ESSAY), ESSAY, rubric);
    assert.ok(r.grade >= 1 && r.grade <= 6 && Number.isInteger(r.grade * 2), String(r.grade));
    assert.equal(r.letter, r.grade >= 5 ? 'A' : 'C');
    assert.deepEqual(r.scale, rubric.scale);
  });

  it('penalises length outside the expected range', () => {
    const short = PARAGRAPH;
    const rubric = { ...DEFAULT_RUBRIC, expectedWords: { min: 300, max: 600 } };
    const org = (t: string) => grade(scoredDoc(t), t, rubric).criteria.find((c) => c.id === 'organisation')!;
    assert.ok(org(short).score < org(ESSAY).score);
    assert.match(org(short).evidence[0], /shorter than the expected 300–600/);
  });

  it('grades an empty document as 0 without throwing', () => {
    const r = grade(scoredDoc(''), '');
    assert.equal(r.words, 0);
    assert.equal(r.grade, 0);
    assert.match(r.summary, /no text/);
  });

  it('computes MTLD: repetitive text is less diverse than varied text', () => {
    const rep = Array.from({ length: 200 }, (_, i) => ['the', 'cat', 'sat'][i % 3]);
    const varied = Array.from({ length: 200 }, (_, i) => `w${i}`);
    assert.ok(mtld(rep) < 10);
    assert.ok(mtld(varied) >= 200);
  });
});

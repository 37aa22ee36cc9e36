// Grading v2's fit to the assignment: the class's vocabulary (TF-IDF), length against the class,
// and the rubric prompt's key terms.
import assert from 'node:assert/strict';
import { grade, buildFitReference, classReference, measureFit, promptTerms, termCounts, DEFAULT_RUBRIC } from '../../src/core/grade';
import { scoredDoc } from './grade-fixtures';

const words = (text: string) => (text.match(/[A-Za-z]+/g) ?? []).map((t) => ({ text: t }));
const essay = (text: string, score: number) => ({ terms: termCounts(words(text)), words: words(text).length, score });

const STRONG = 'Distance learning lets students study online from home; online lessons, recorded lectures and virtual classrooms give flexibility.';
const WEAK = 'I like my dog. My dog is big and he runs in the park with me every day after school.';

describe('grade: fit to the assignment', () => {
  it('key terms of a prompt are its content words, lightly stemmed, without instruction words', () => {
    assert.deepEqual(promptTerms('Write an essay: should students attend classes through distance learning? Explain your opinion.'), ['student', 'attend', 'classe', 'distance', 'learning']);
    assert.deepEqual(promptTerms(''), []);
  });

  it('scores vocabulary like the better-graded essays of the class higher, and says so', () => {
    const cls = [essay(STRONG, 5), essay(`${STRONG} Virtual study online works.`, 5), essay('Online study at home gives students flexibility and recorded lectures.', 4),
      essay(WEAK, 2), essay('My friend plays football in the park after school with his dog.', 1), essay('We eat lunch and play games in the park.', 2)];
    const ref = buildFitReference(cls)!;
    assert.equal(ref.n, 6);
    assert.ok(Object.keys(ref.centroid).includes('online'));
    const onTopic = measureFit(termCounts(words('Online lectures and virtual classrooms help students study from home.')), 10, ref, []);
    const offTopic = measureFit(termCounts(words(WEAK)), 20, ref, []);
    assert.ok(onTopic.similarity!.cosine > offTopic.similarity!.cosine);
    assert.ok(onTopic.similarity!.z > offTopic.similarity!.z);
    // Each class essay is measured against a centroid without it (as a new submission would be).
    const loo = classReference(cls)!;
    assert.equal(loo.ownCosine.length, 6);
    assert.deepEqual(loo.reference, ref);
    const text = 'Cats sleep all afternoon on warm windows.';
    const report = grade(scoredDoc(text), text, DEFAULT_RUBRIC, undefined, { reference: ref });
    const fit = report.criteria.find((c) => c.id === 'fit')!;
    assert.match(fit.evidence.join(' '), /Uses few of the words the stronger essays of the class use about the topic/);
    assert.match(fit.evidence.join(' '), /the class's middle \d+/);
    assert.equal(buildFitReference(cls.slice(0, 3)), undefined, 'fewer than 4 essays: no reference');
  });

  it('with a rubric prompt, reports the key terms a submission leaves out', () => {
    const rubric = { ...DEFAULT_RUBRIC, prompt: 'Do students benefit from distance learning at home?' };
    const text = 'Students learn at home with a computer. Teachers help them online.';
    const r = grade(scoredDoc(text), text, rubric);
    const fit = r.criteria.find((c) => c.id === 'fit')!;
    assert.ok(fit, 'a prompt alone makes fit measurable');
    assert.match(fit.evidence[0], /Uses 2 of the prompt's 5 key terms; not: benefit, distance, learning\./);
    const full = 'Students benefit from distance learning at home.';
    const better = grade(scoredDoc(full), full, rubric).criteria.find((c) => c.id === 'fit')!;
    assert.ok(better.score > fit.score);
    assert.match(better.evidence[0], /Uses every key term of the prompt/);
  });
});

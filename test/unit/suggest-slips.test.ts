// Real-word slip candidates (src/core/suggest/near-words.ts, lexicon.ts, candidates.ts): real
// words one or two letters away, codespell's real-word typo pairs and multi-word corrections,
// all offered to the discriminator beside the tables.
import * as assert from 'node:assert/strict';
import { BASE_CANDIDATES, candidateEdits, MAX_CANDIDATES, NEAR_WORDS, slipWords, type CandidateEdit, type GeneratorView } from '../../src/core/suggest/candidates';
import { letterMask, mayBeWithin } from '../../src/core/suggest/damerau';
import { lexicon } from '../../src/core/suggest/lexicon';
import { keyboardNeighbours, NearWords, typistSlip } from '../../src/core/suggest/near-words';

const replaced = (edits: CandidateEdit[]): string[] => edits.flatMap((e) => (e.kind === 'replace' ? [e.text] : []));

describe('suggestions: real-word slips', () => {
  it('knows a typist\'s slips: keyboard neighbours, doubled letters, swapped neighbours', () => {
    assert.ok(keyboardNeighbours('m', 'n') && keyboardNeighbours('e', 'r') && keyboardNeighbours('s', 'x'));
    assert.ok(!keyboardNeighbours('a', 'e') && !keyboardNeighbours('q', 'p') && !keyboardNeighbours('a', 'a'));
    assert.ok(typistSlip('moon', 'noon'), 'm/n');
    assert.ok(typistSlip('loose', 'lose') && typistSlip('lose', 'loose'), 'a doubled letter');
    assert.ok(typistSlip('form', 'from'), 'swapped neighbours');
    assert.ok(!typistSlip('batter', 'better'), 'a/e are not neighbours');
    assert.ok(!typistSlip('hole', 'whole'), 'an added letter that doubles nothing');
  });

  it('finds real words within distance 1 (indexed) and 2 (the commonest words), nearest then commonest', () => {
    // Most frequent first; "hatter" (a keyboard slip of "batter", h/b) is 200 places rarer than
    // "matter": the slip counts as 20 times more frequent (SLIP_BONUS), not as more.
    const filler = Array.from({ length: 200 }, (_, i) => `zz${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const near = new NearWords(['the', 'from', 'better', 'for', 'form', 'noon', 'whole', 'matter', 'accepted', ...filler, 'hatter']);
    assert.deepEqual(near.near('batter', 3), ['better', 'matter', 'hatter']);
    const slipFirst = new NearWords(['matter', 'hatter']);
    assert.deepEqual(slipFirst.near('batter', 2), ['hatter', 'matter'], 'at nearly equal frequency, the typist\'s slip first');
    assert.ok(near.near('form', 5).includes('from') && !near.near('form', 5).includes('form'));
    assert.ok(near.near('hole', 5).includes('whole'));
    assert.deepEqual(near.near('excepted', 5), ['accepted'], 'distance 2: two substitutions');
    assert.deepEqual(near.near('xyz', 5), []);
  });

  it('the letter-set filter never rules out a word within the distance (it only skips work)', () => {
    const pairs: Array<[string, string, number]> = [['form', 'from', 1], ['excepted', 'accepted', 2], ['batter', 'better', 1], ['recieved', 'received', 2], ['abc', 'xyz', 3]];
    for (const [a, b, d] of pairs) assert.ok(mayBeWithin(letterMask(a), letterMask(b), d), `${a}/${b}`);
    assert.ok(!mayBeWithin(letterMask('abc'), letterMask('xyz'), 2), 'six letters differ: more than two edits');
    assert.deepEqual(lexicon().nearWords('recieved', 2, 1), ['received']);
  });

  it('the built lexicon: the planted slips\' right words are among each word\'s candidates', () => {
    const pairs: Array<[string, string]> = [['batter', 'better'], ['moon', 'noon'], ['form', 'from'], ['loose', 'lose'], ['advise', 'advice'], ['effect', 'affect'], ['excepted', 'accepted'], ['hole', 'whole'], ['week', 'weak']];
    for (const [slip, right] of pairs) assert.ok(slipWords(slip).includes(right), `${slip}: ${slipWords(slip).join(', ')}`);
    assert.ok(slipWords('batter').length <= NEAR_WORDS + lexicon().slips('batter').length);
  });

  it('codespell\'s real-word typo pairs go both ways; its multi-word corrections are kept', () => {
    const lex = lexicon();
    assert.ok(lex.slips('command').includes('commend') && lex.slips('commend').includes('command'));
    assert.deepEqual(lex.phrases('atleast'), ['at least']);
    assert.equal(lex.phrases('alot')[0], 'a lot');
    assert.deepEqual(lex.phrases('eventhough'), ['even though']);
    assert.deepEqual(lex.phrases('incase'), ['in case']);
    assert.deepEqual(lex.phrases('the'), []);
  });

  it('splits a run-together word into two common words, not into rare pieces', () => {
    const lex = lexicon();
    assert.deepEqual(lex.splits('eventhough', 1), ['even though']);
    assert.deepEqual(lex.splits('alot', 1), ['a lot']);
    assert.deepEqual(lex.splits('xqzv', 1), []);
    assert.deepEqual(lex.splits('infront', 1), ['in front']);
    assert.deepEqual(lex.splits('emph', 1), [], 'LaTeX\'s \\emph is not "em ph": a two-letter half must be one of the commonest words');
  });

  it('candidates: a run-together word gets its multi-word correction first, a real word its slips after the tables', () => {
    assert.equal(replaced(candidateEdits('atleast', undefined))[0], 'at least');
    assert.equal(replaced(candidateEdits('Alot', undefined))[0], 'a lot');
    const batter = candidateEdits('batter', undefined);
    assert.ok(replaced(batter).includes('better'), replaced(batter).join(', '));
    assert.ok(batter.length <= MAX_CANDIDATES);
    assert.ok(replaced(candidateEdits('form', undefined)).includes('from'));
    // The tables keep their BASE_CANDIDATES places: slips never push out an inflection.
    assert.deepEqual(candidateEdits('make', undefined).slice(0, BASE_CANDIDATES), candidateEdits('make', undefined, BASE_CANDIDATES));
  });

  it('candidates: the generator orders the slips and drops those it expects far less than the word written', () => {
    const logits: Record<string, number> = { batter: 0, better: 3, matter: 1, hatter: -5 };
    const gen: GeneratorView = { slotLogit: (w) => logits[w] ?? -10, slotTop: [] };
    const slips = replaced(candidateEdits('batter', gen)).filter((w) => slipWords('batter').includes(w) && !lexicon().inflections('batter').includes(w));
    assert.deepEqual(slips, ['better', 'matter'], 'ordered by the generator; "hatter" is far below "batter"');
  });
});

// The word tables of suggestions: the confusion sets are the project's own and well formed
// (lower case, no self-pairs, no duplicates, symmetric as a relation), the built tables hold
// what the examples need, and candidate generation draws on every source, capped.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { candidateEdits, MAX_CANDIDATES, type GeneratorView } from '../../src/core/suggest/candidates';
import { CONFUSION_GROUPS, damerau, lexicon } from '../../src/core/suggest/lexicon';
import { REPO_ROOT } from './helpers/tiny-model';

const LEXICON = path.join(REPO_ROOT, 'src', 'core', 'lexicon');
const confusions = JSON.parse(readFileSync(path.join(LEXICON, 'confusions.json'), 'utf8')) as Record<string, unknown>;

const replaced = (edits: ReturnType<typeof candidateEdits>): string[] => edits.flatMap((e) => (e.kind === 'replace' ? [e.text] : []));

describe('suggestions: word tables', () => {
  it('confusions.json is the project\'s own: described, lower case, no self-pairs or duplicates, symmetric', () => {
    assert.match(String(confusions.about), /project's own/);
    const relation = new Map<string, Set<string>>();
    for (const group of CONFUSION_GROUPS) {
      const sets = confusions[group] as string[][];
      assert.ok(Array.isArray(sets) && sets.length > 0, group);
      for (const set of sets) {
        assert.ok(set.length >= 2, `${group}: a set of one ${JSON.stringify(set)}`);
        assert.equal(new Set(set).size, set.length, `${group}: duplicate in ${JSON.stringify(set)}`);
        for (const w of set) {
          assert.match(w, /^[a-z]+(?:'[a-z]+)?(?: [a-z]+)*$/, `${group}: ${w}`);
          const mine = relation.get(w) ?? new Set<string>();
          for (const o of set) if (o !== w) mine.add(o);
          relation.set(w, mine);
        }
      }
    }
    for (const [w, others] of relation) {
      assert.ok(!others.has(w), `self-pair ${w}`);
      for (const o of others) assert.ok(relation.get(o)?.has(w), `${w} -> ${o} but not back`);
    }
    assert.deepEqual([...(relation.get('there') ?? [])].slice(0, 2), ['their', "they're"]);
    for (const list of ['modals', 'missable', 'insertable']) {
      const words = confusions[list] as string[];
      assert.equal(new Set(words).size, words.length, list);
      for (const w of words) assert.match(w, /^[a-z]+$/, `${list}: ${w}`);
    }
  });

  it('the lexicon answers the issue\'s examples from the built tables', () => {
    const lex = lexicon();
    assert.deepEqual(lex.confusions('there').slice(0, 2), ['their', "they're"]);
    assert.ok(lex.inflections('make').includes('makes') && lex.inflections('make').includes('made'));
    assert.ok(lex.inflections('forgot').includes('forget') && lex.inflections('forgot').includes('forgotten'));
    assert.ok(lex.confusions('a').includes('an') && lex.confusions('a').includes('the'));
    assert.ok(lex.confusions('in').includes('on') && lex.confusions('in').includes('at'));
    assert.equal(lex.spellingFix('informations'), 'information');
    assert.equal(lex.spellingFix('thier'), 'their');
    assert.ok(!lex.isWord('informations') && lex.isWord('information') && lex.isWord("they're"));
    assert.ok(lex.rank('the') < lex.rank('phones') && lex.rank('phones') < Infinity);
    assert.deepEqual(lex.nearWords('recieved', 2, 1), ['received']);
    assert.deepEqual([damerau('form', 'from', 2), damerau('kitten', 'sitting', 2), damerau('abc', 'abc', 0)], [1, 3, 0]);
  });

  it('the built tables stay small and are described with their licences', () => {
    let bytes = 0;
    for (const f of ['words.json', 'inflections.json', 'misspellings.json', 'slips.json']) {
      const text = readFileSync(path.join(LEXICON, f), 'utf8');
      bytes += text.length;
      assert.match(String(JSON.parse(text).about), /build_lexicon\.py/);
    }
    assert.ok(bytes < 4_000_000, `${bytes} bytes`);
    const licences = readFileSync(path.join(LEXICON, 'LICENSES.md'), 'utf8');
    assert.match(licences, /CC BY-SA 3\.0/);
    assert.match(licences, /Kevin Atkinson/);
  });

  it('candidates: tables, spelling, removal and insertion, at most MAX_CANDIDATES, never the word itself', () => {
    assert.deepEqual(replaced(candidateEdits('there', undefined)).slice(0, 2), ['their', "they're"]);
    assert.ok(replaced(candidateEdits('make', undefined)).includes('makes'));
    assert.ok(replaced(candidateEdits('forgot', undefined)).includes('forget'));
    assert.equal(replaced(candidateEdits('Informations', undefined))[0], 'information');
    const a = candidateEdits('a', undefined);
    assert.ok(replaced(a).includes('an') && replaced(a).includes('the'));
    assert.ok(a.some((e) => e.kind === 'remove'), 'a function word may be an extra word');
    assert.ok(!candidateEdits('phones', undefined).some((e) => e.kind === 'remove'), 'a content word is not removed');
    assert.ok(candidateEdits('phones', undefined).some((e) => e.kind === 'insert' && e.text === 'the'));
    assert.ok(!candidateEdits('phones', undefined, MAX_CANDIDATES, 'the').some((e) => e.kind === 'insert' && e.text === 'the'), 'no "the the"');
    for (const w of ['in', 'there', 'is', 'informations', 'xyzzy', 'The']) {
      const edits = candidateEdits(w, undefined);
      assert.ok(edits.length <= MAX_CANDIDATES, w);
      assert.ok(!replaced(edits).includes(w.toLowerCase()), w);
    }
  });

  it('candidates: the generator orders the tables and adds its own word', () => {
    const gen: GeneratorView = { slotLogit: (w) => ({ at: 5, on: 1, in: 0, the: 3 } as Record<string, number>)[w] ?? -10, slotTop: ['near'] };
    assert.equal(replaced(candidateEdits('in', gen))[0], 'at');
    const cat = candidateEdits('cat', gen);
    assert.ok(cat.some((e) => e.kind === 'insert' && e.text === 'at'), 'the missing word the generator expects most');
    assert.ok(replaced(cat).includes('near'));
  });
});

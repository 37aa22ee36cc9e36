import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { essayWords, fceErrorType, isPunctuationOnly, joinTokens, labelEssay, readFce, readFceJson, readJflegM2, type FceEdit } from '../../scripts/eval/datasets';
import { homophoneSwaps } from '../../scripts/eval/homophone-swaps';
import { lexicon } from '../../src/core/suggest/lexicon';

// Small made-up fixtures: the evaluation sets themselves stay in ../shared/eval (research licences).

/** The wrong words of a labelled essay, as text, with their types. */
function wrongWords(text: string, edits: FceEdit[]): Array<[string, string[]]> {
  return labelEssay(text, edits).tokens.filter((t) => t.wrong).map((t) => [text.slice(t.start, t.end), t.types ?? []]);
}
const edit = (text: string, from: string, correction: string | null, code: string, occurrence = 0): FceEdit => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(from, start + 1);
  assert.ok(start >= 0, from);
  return { start, end: start + from.length, correction, code };
};
const gap = (text: string, before: string, correction: string, code: string): FceEdit => {
  const at = text.indexOf(before);
  assert.ok(at >= 0, before);
  return { start: at, end: at, correction, code };
};

describe('evaluation datasets: FCE essays', () => {
  it('maps CLC codes to the breakdown types', () => {
    const expected: Record<string, string> = {
      RD: 'determiner', UD: 'determiner', FD: 'determiner', RQ: 'determiner', UQ: 'determiner',
      RT: 'preposition', UT: 'preposition', DT: 'preposition',
      FV: 'verb form', TV: 'verb form', IV: 'verb form', DV: 'verb form',
      AGV: 'agreement', AGN: 'agreement', AGD: 'agreement', AGA: 'agreement',
      FN: 'noun number', CN: 'noun number', IN: 'noun number',
      S: 'spelling', SA: 'spelling', SX: 'spelling',
      W: 'word order',
      M: 'missing word', MD: 'missing word', MT: 'missing word', MV: 'missing word', MP: 'missing word',
      R: 'other', RV: 'other', RN: 'other', RJ: 'other', UV: 'other', ID: 'other', CE: 'other', X: 'other', L: 'other', DN: 'other', RP: 'other', '': 'other',
    };
    for (const [code, type] of Object.entries(expected)) assert.equal(fceErrorType(code), type, code);
  });

  it('punctuation-only means no letter or digit changes, ignoring case; no correction is not punctuation-only', () => {
    assert.equal(isPunctuationOnly('', ','), true);
    assert.equal(isPunctuationOnly(',', ''), true);
    assert.equal(isPunctuationOnly('hotel', 'Hotel'), true);
    assert.equal(isPunctuationOnly('well known', 'well-known'), true);
    assert.equal(isPunctuationOnly('day', "day's"), false);
    assert.equal(isPunctuationOnly('recieve', 'receive'), false);
    assert.equal(isPunctuationOnly('an odd phrase', null), false);
  });

  it('words are letter runs joined by inner apostrophes and hyphens; numbers and punctuation are not words', () => {
    const text = "On 12 May, we didn't go to the well-known 3rd café - sadly.";
    assert.deepEqual(essayWords(text).map((w) => text.slice(w.start, w.end)), ['On', 'May', 'we', "didn't", 'go', 'to', 'the', 'well-known', '3rd', 'café', 'sadly']);
  });

  it('an edit marks every word its span overlaps, with the edit type', () => {
    const text = 'I am agree with you in this point.';
    assert.deepEqual(wrongWords(text, [edit(text, 'am agree', 'agree', 'UV'), edit(text, 'in', 'on', 'RT')]), [
      ['am', ['other']],
      ['agree', ['other']],
      ['in', ['preposition']],
    ]);
    // a span that starts or ends inside a word marks the word
    assert.deepEqual(wrongWords(text, [{ start: 6, end: 7, correction: 'e', code: 'S' }]).map(([w]) => w), ['agree']);
  });

  it('a missing word marks the word after the gap, or the word before it when punctuation or a line break follows', () => {
    const text = 'She went to cinema. We like "old" films\nvery much.';
    const edits = [
      gap(text, 'cinema', 'the', 'MD'), // -> cinema
      gap(text, '"old"', 'the', 'MD'), // a quote between the gap and the word -> old
      { start: text.indexOf('.'), end: text.indexOf('.'), correction: 'yesterday', code: 'MY' }, // before '.' -> cinema (again)
      { start: text.indexOf('\n'), end: text.indexOf('\n'), correction: 'too', code: 'MY' }, // before a line break -> films
    ];
    assert.deepEqual(wrongWords(text, edits), [
      ['cinema', ['missing word']],
      ['old', ['missing word']],
      ['films', ['missing word']],
    ]);
    // a gap inside a word marks that word
    assert.deepEqual(wrongWords('can not', [{ start: 2, end: 2, correction: 'n', code: 'S' }]).map(([w]) => w), ['can']);
    // a gap at the very start, before a word
    assert.deepEqual(wrongWords('Dog barked.', [{ start: 0, end: 0, correction: 'The ', code: 'MD' }]).map(([w]) => w), ['Dog']);
    // nothing after and nothing before on the same line: no word
    assert.deepEqual(wrongWords('Hi\n.', [{ start: 3, end: 3, correction: 'x', code: 'M' }]), []);
  });

  it('leaves punctuation-only and capitalisation-only edits out and keeps edits without a correction', () => {
    const text = 'dear sir, i want , to say thanks';
    const edits = [
      edit(text, 'dear', 'Dear', 'RP'),
      edit(text, ' ,', '', 'UP'),
      gap(text, 'sir', ',', 'MP'),
      edit(text, 'want , to say', null, 'CE'),
    ];
    assert.deepEqual(wrongWords(text, edits).map(([w]) => w), ['want', 'to', 'say']);
  });

  it('a word marked by several edits carries each type once', () => {
    const text = 'He have went home.';
    const edits = [edit(text, 'have', 'has', 'AGV'), edit(text, 'have went', 'went', 'TV'), edit(text, 'have', 'has', 'AGV')];
    assert.deepEqual(wrongWords(text, edits), [
      ['have', ['agreement', 'verb form']],
      ['went', ['verb form']],
    ]);
  });

  it('reads JSON lines, converting code-point offsets to UTF-16 and merging annotators', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eval-datasets-'));
    try {
      const text = 'Smile 🙂 at teh camera, plese.';
      // Python offsets count the emoji as one character
      const cp = [...text];
      const find = (w: string) => {
        const u = text.indexOf(w);
        return [...text.slice(0, u)].length;
      };
      assert.equal(cp.length, text.length - 1);
      const record = {
        text,
        id: 'x',
        edits: [
          [0, [[find('teh'), find('teh') + 3, 'the', 'S'], [find(','), find(',') + 1, '', 'UP']]],
          [1, [[find('plese'), find('plese') + 5, 'please', 'S'], [find('teh'), find('teh') + 3, 'the', 'S']]],
        ],
      };
      const file = path.join(dir, 'essays.json');
      writeFileSync(file, JSON.stringify(record) + '\n' + JSON.stringify({ text: 'All fine.', edits: [[0, []]] }) + '\n');
      const essays = readFceJson(file);
      assert.equal(essays.length, 2);
      const wrong = essays[0].tokens.filter((t) => t.wrong).map((t) => [text.slice(t.start, t.end), t.types]);
      assert.deepEqual(wrong, [['teh', ['spelling']], ['plese', ['spelling']]]);
      assert.deepEqual(essays[1].tokens.map((t) => t.wrong), [false, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evaluation datasets: token-labelled sets', () => {
  it('joins tokens as typed and keeps every token\'s span', () => {
    const tokens = ['I', 'do', "n't", 'think', 'it', "'s", '"', 'easy', '"', '(', 'or', 'cheap', ')', ',', 'sir', '.'];
    const s = joinTokens(tokens, tokens.map((_, i) => i === 2));
    assert.equal(s.text, 'I don\'t think it\'s "easy" (or cheap), sir.');
    assert.deepEqual(s.tokens.map((t) => s.text.slice(t.start, t.end)), tokens);
    assert.deepEqual(s.tokens.filter((t) => t.wrong).map((t) => s.text.slice(t.start, t.end)), ["n't"]);
    assert.equal(joinTokens(['a', ',', 'b'], [false, false, false], true).text, 'a , b');
  });


  it('reads the FCE TSV and JFLEG M2 (2 of 4 annotators) into spaced tokens with offsets', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eval-datasets-'));
    try {
      const tsv = path.join(dir, 'fce.tsv');
      writeFileSync(tsv, 'We\tc\ngoes\ti\nhome\tc\n.\tc\n\nYes\tc\n');
      const fce = readFce(tsv);
      assert.deepEqual(fce.map((s) => s.text), ['We goes home.', 'Yes']);
      assert.deepEqual(fce[0].tokens.map((t) => [fce[0].text.slice(t.start, t.end), t.wrong]), [['We', false], ['goes', true], ['home', false], ['.', false]]);
      assert.equal(readFce(tsv, true)[0].text, 'We goes home .');

      const m2 = path.join(dir, 'dev.m2');
      writeFileSync(m2, [
        'S He go to school yesterday .',
        'A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||0',
        'A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||1',
        'A 3 4|||R:NOUN|||the school|||REQUIRED|||-NONE-|||2',
        'A 2 2|||M:DET|||the|||REQUIRED|||-NONE-|||3',
        'A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||3',
        '',
      ].join('\n'));
      const jfleg = readJflegM2(m2);
      assert.equal(jfleg[0].text, 'He go to school yesterday.');
      assert.deepEqual(jfleg[0].tokens.map((t) => t.wrong), [false, true, false, false, false, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels JFLEG by the FCE rules: a missing word marks the word after the gap (before it at punctuation), punctuation-only edits mark nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eval-datasets-'));
    try {
      const m2 = path.join(dir, 'dev.m2');
      writeFileSync(m2, [
        'S I went to school , I saw friend',
        'A 3 3|||M:DET|||the|||REQUIRED|||-NONE-|||0',
        'A 3 3|||M:DET|||the|||REQUIRED|||-NONE-|||1',
        'A 4 5|||R:PUNCT|||and|||REQUIRED|||-NONE-|||0',
        'A 2 2|||M:PUNCT|||,|||REQUIRED|||-NONE-|||0',
        'A 2 2|||M:PUNCT|||,|||REQUIRED|||-NONE-|||1',
        'A 8 8|||M:PUNCT|||.|||REQUIRED|||-NONE-|||2',
        'A 8 8|||M:PUNCT|||.|||REQUIRED|||-NONE-|||3',
        'A 7 7|||M:DET|||my|||REQUIRED|||-NONE-|||2',
        'A 8 8|||M:NOUN|||again|||REQUIRED|||-NONE-|||2',
        'A 8 8|||M:NOUN|||today|||REQUIRED|||-NONE-|||3',
        '',
      ].join('\n'));
      const [s] = readJflegM2(m2);
      const wrong = s.tokens.filter((t) => t.wrong).map((t) => s.text.slice(t.start, t.end));
      // "the" missing before "school" (2 annotators) marks "school"; "my" before "friend" has 1 annotator;
      // words missing at the end (2 annotators) mark the last word; the commas and the full stop are punctuation only
      assert.deepEqual(wrong, ['school', 'friend']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('eval: homophone swaps', () => {
  const paragraphs = [
    'They left their bags over there before the game.',
    'It was later than we thought, so we went home.',
    'Nothing here sounds like anything else.',
    'Your plan is good and you know it.',
  ];

  it('units are the homophone words; a swapped text has exactly one wrong unit, a word of the original\'s set', () => {
    const items = homophoneSwaps(paragraphs, 3);
    assert.equal(items.length, 4, 'every paragraph holds a homophone ("here" too)');
    for (const item of items) {
      for (const u of item.tokens) assert.ok(lexicon().homophones(item.text.slice(u.start, u.end).toLowerCase()).length > 0);
      const wrong = item.tokens.filter((u) => u.wrong);
      assert.ok(wrong.length <= 1);
      if (wrong.length === 1) {
        const original = paragraphs.find((p) => p.slice(0, wrong[0].start) === item.text.slice(0, wrong[0].start) && p !== item.text);
        assert.ok(original, item.text);
        const was = original.slice(wrong[0].start).match(/^[\p{L}']+/u)![0];
        assert.ok(lexicon().homophones(was).includes(item.text.slice(wrong[0].start, wrong[0].end)));
      } else {
        assert.ok(paragraphs.includes(item.text));
      }
    }
  });

  it('is the same for the same seed', () => {
    assert.deepEqual(homophoneSwaps(paragraphs, 5), homophoneSwaps(paragraphs, 5));
  });
});

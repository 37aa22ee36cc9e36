// Sentences from the prose, not the lines: a soft line break inside a paragraph is a space;
// only a paragraph break ends a sentence (src/core/sentences.ts, the one rule every context uses).
import * as assert from 'node:assert/strict';
import { sentenceSpans, softBreaksAsSpaces } from '../../src/core/sentences';
import { locateTargets } from '../../src/core/suggest/targets';
import { WordPieceTokenizer } from '../../src/core/tokenizer';
import { openModelFolder } from '../../src/core/model-folder';
import { ensureTinyModel } from './helpers/tiny-model';

const texts = (text: string): string[] => sentenceSpans(text).map((s) => text.slice(s.start, s.end));

describe('sentences: soft line breaks are spaces, paragraph breaks end a sentence', () => {
  it('keeps a sentence whole across a soft line break (\\n, \\r\\n, a lone \\r)', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = `The benefit is unevenly shared across there${nl}neighbourhoods. Second${nl}sentence here.`;
      assert.deepEqual(texts(text), [`The benefit is unevenly shared across there${nl}neighbourhoods.`, `Second${nl}sentence here.`], JSON.stringify(nl));
    }
  });

  it('ends a sentence at a blank line (also one holding spaces, and \\r\\n\\r\\n)', () => {
    for (const gap of ['\n\n', '\n  \n', '\r\n\r\n', ' \n\t\n ']) {
      assert.deepEqual(texts(`A heading${gap}Then a sentence`), ['A heading', 'Then a sentence'], JSON.stringify(gap));
    }
  });

  it('keeps offsets: only soft breaks change, to spaces of the same length', () => {
    const text = 'one\ntwo \r\n three\n\nfour\r\rfive';
    const soft = softBreaksAsSpaces(text);
    assert.equal(soft, 'one two    three\n\nfour\r\rfive');
    assert.equal(soft.length, text.length);
  });

  it('gives a flagged word at the end of a wrapped line the words of the next line as its context', async () => {
    const tokenizer = WordPieceTokenizer.load(await openModelFolder(ensureTinyModel()));
    const source = 'Shared across there\nneighbourhoods today.\n\nNext paragraph.\n';
    const [t] = await locateTargets(tokenizer, source, 'markdown', [{ start: 14, end: 19 }]);
    assert.ok(t);
    assert.equal(t.text, 'there');
    const sentence = t.blockText.slice(t.tokens.wordStart[t.sentence.first], t.tokens.wordEnd[t.sentence.end - 1]);
    assert.equal(sentence, 'Shared across there\nneighbourhoods today.');
  });
});

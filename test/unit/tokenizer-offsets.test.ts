// Token and word offsets are UTF-16 offsets that slice exactly the right text out of the
// input, whatever the script: emoji (astral), combining accents, CJK, right-to-left.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { openModelFolder } from '../../src/core/model-folder';
import { WordClass, WordPieceTokenizer } from '../../src/core/tokenizer';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

/** What BERT's uncased normalizer does to a slice: lower-case, strip accents. */
const normalize = (s: string): string => s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();

describe('tokenizer: offsets and words', () => {
  let tok: WordPieceTokenizer;
  before(async () => {
    const folder = await openModelFolder(TINY_MODEL_DIR);
    tok = WordPieceTokenizer.load(folder);
  });

  it('slices every token out of text with emoji, accents, CJK and Arabic', async () => {
    const text = 'Café 😀 naïve e\u0301te — 東京タワー, 👍🏽 مرحبا بالعالم unbelievably 😀 x';
    const t = await tok.tokenize(text);
    assert.ok(t.ids.length > 10);
    for (let i = 0; i < t.ids.length; i++) {
      const slice = text.slice(t.starts[i], t.ends[i]);
      const piece = tok.token(t.ids[i]);
      if (piece === '[UNK]') assert.match(slice, /\p{Extended_Pictographic}/u, `token ${i}`);
      else assert.equal(normalize(slice), piece.replace(/^##/, ''), `token ${i}: ${JSON.stringify(slice)}`);
      if (i > 0) assert.ok(t.starts[i] >= t.ends[i - 1], 'tokens are ordered and disjoint');
    }
    // An emoji is two UTF-16 units: the token after it starts after both.
    const x = t.ids.length - 1;
    assert.equal(text.slice(t.starts[x], t.ends[x]), 'x');
  });

  it('groups sub-tokens, contractions, hyphenations, numbers, URLs and e-mails into user words', async () => {
    const text = "Unbelievably, don't e-mail x@y.com or https://a.org/b?c=1. Pi is 3.14!";
    const t = await tok.tokenize(text);
    const words = Array.from(t.wordStart, (s, w) => [text.slice(s, t.wordEnd[w]), t.wordClass[w]]);
    assert.deepEqual(words, [
      ['Unbelievably', WordClass.Word], [',', WordClass.Punct], ["don't", WordClass.Word], ['e-mail', WordClass.Word],
      ['x@y.com', WordClass.Email], ['or', WordClass.Word], ['https://a.org/b?c=1', WordClass.Url], ['.', WordClass.Punct],
      ['Pi', WordClass.Word], ['is', WordClass.Word], ['3.14', WordClass.Number], ['!', WordClass.Punct],
    ]);
    // Every token belongs to the word whose token range holds it.
    for (let i = 0; i < t.ids.length; i++) {
      const w = t.tokenWord[i];
      assert.ok(t.wordFirstToken[w] <= i && i < t.wordEndToken[w]);
    }
  });

  it('reads special tokens typed in the text as unknown words, not as separators or masks', async () => {
    const text = 'See [SEP] and [MASK] here.';
    const t = await tok.tokenize(text);
    const pieces = Array.from(t.ids, (id, i) => [text.slice(t.starts[i], t.ends[i]), id]);
    assert.deepEqual(pieces.filter(([s]) => String(s).startsWith('[')), [['[SEP]', tok.unkId], ['[MASK]', tok.unkId]]);
    for (const id of t.ids) assert.ok(![tok.clsId, tok.sepId, tok.padId, tok.maskId].includes(id));
  });

  it('maps offsets back exactly for arbitrary Unicode text (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (text) => {
      const t = await tok.tokenize(text);
      let prev = 0;
      for (let i = 0; i < t.ids.length; i++) {
        assert.ok(t.starts[i] >= prev && t.ends[i] >= t.starts[i] && t.ends[i] <= text.length);
        // Offsets never split a surrogate pair.
        for (const o of [t.starts[i], t.ends[i]]) {
          const c = text.charCodeAt(o);
          assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `offset ${o} splits a surrogate pair in ${JSON.stringify(text)}`);
        }
        prev = t.starts[i];
      }
      for (let w = 0; w < t.wordStart.length; w++) assert.ok(t.wordStart[w] < t.wordEnd[w]);
    }), { numRuns: 200 });
  });
});

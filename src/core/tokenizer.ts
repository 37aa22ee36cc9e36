/**
 * WordPiece tokenization through the HF `tokenizers` package, with offsets converted
 * from code points (what the package reports) to UTF-16 code units (what the rest of
 * the project uses) in exactly one place, and tokens grouped into user-facing words.
 */
import { Tokenizer } from 'tokenizers';
import { ModelError } from './errors';
import { checkVocabSize, type NetworkFiles } from './model-folder';
import { WordClass, groupWords, type WordSpans } from './words';

/** Tokens of one text (no [CLS]/[SEP]), as parallel typed arrays. Offsets are UTF-16
 * units into the text given to `tokenize`, half-open, non-decreasing. */
export interface TokenizedText extends WordSpans {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

export { WordClass };

export class WordPieceTokenizer {
  private constructor(
    private readonly tok: Tokenizer,
    readonly clsId: number,
    readonly sepId: number,
    readonly padId: number,
    readonly maskId: number,
    readonly unkId: number,
  ) {}

  /** Loads `net.tokenizerPath` (verify it first) and checks its vocabulary against config.json. */
  static load(net: NetworkFiles): WordPieceTokenizer {
    let tok: Tokenizer;
    try {
      tok = Tokenizer.fromFile(net.tokenizerPath);
    } catch (e) {
      throw new ModelError(net.tokenizerPath, `cannot be loaded (${(e as Error).message})`, 'Copy the tokenizer.json the model was trained with');
    }
    checkVocabSize(net, tok.getVocabSize(true));
    const id = (t: string): number => {
      const v = tok.tokenToId(t);
      if (v === null || v === undefined) {
        throw new ModelError(net.tokenizerPath, `has no ${t} token`, 'Use a BERT/ELECTRA WordPiece tokenizer.json ([CLS], [SEP], [PAD], [MASK])');
      }
      return v;
    };
    return new WordPieceTokenizer(tok, id('[CLS]'), id('[SEP]'), id('[PAD]'), id('[MASK]'), id('[UNK]'));
  }

  /** The vocabulary entry of `id` (e.g. `##ing`), or '' if unknown. */
  token(id: number): string {
    return this.tok.idToToken(id) ?? '';
  }

  /** Tokenizes `text` without special tokens; offsets in UTF-16 units of `text`. */
  async tokenize(text: string): Promise<TokenizedText> {
    const enc = await this.tok.encode(text, null, { addSpecialTokens: false });
    const idList = enc.getIds();
    const offsets = enc.getOffsets();
    const wordIds = enc.getWordIds();
    const n = idList.length;
    const ids = Int32Array.from(idList);
    // The tokenizer matches special tokens inside the text ("[SEP]" typed by a user); as
    // content they must not act as separators or masks, so they read as unknown words.
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (id === this.clsId || id === this.sepId || id === this.padId || id === this.maskId) ids[i] = this.unkId;
    }
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const toUtf16 = codePointToUtf16(text);
    for (let i = 0; i < n; i++) {
      starts[i] = toUtf16(offsets[i][0]);
      ends[i] = toUtf16(offsets[i][1]);
    }
    const preWords = new Int32Array(n);
    for (let i = 0; i < n; i++) preWords[i] = wordIds[i] ?? -1;
    return { ids, starts, ends, ...groupWords(text, starts, ends, preWords) };
  }
}

/** Maps code-point offsets of `text` (Rust's and Python's string indices) to UTF-16 offsets. Identity when `text` has no astral characters. */
export function codePointToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

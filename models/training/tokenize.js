#!/usr/bin/env node
// Exact BERT-uncased WordPiece tokenization through the npm `tokenizers` package.
//   node tokenize.js --json <tokenizer.json>            stdin: JSON array of texts -> stdout: JSON array of
//                                                        {input_ids, attention_mask, token_type_ids} ([CLS] ... [SEP])
//   node tokenize.js --lines <tokenizer.json> in.txt out  one paragraph per line -> out.ids.u16 (ids, no special
//                                                        tokens, concatenated) + out.lens.u32 (token count per line)
'use strict';
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

async function main() {
  const [mode, tokPath, inPath, outPrefix] = process.argv.slice(2);
  const tok = Tokenizer.fromFile(tokPath);
  if (mode === '--json') {
    const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
    const out = [];
    for (const t of texts) {
      const e = await tok.encode(t);
      out.push({ input_ids: e.getIds(), attention_mask: e.getAttentionMask(), token_type_ids: e.getTypeIds() });
    }
    process.stdout.write(JSON.stringify(out));
    return;
  }
  if (mode === '--lines') {
    const lines = fs.readFileSync(inPath, 'utf8').split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const idsFd = fs.openSync(outPrefix + '.ids.u16', 'w');
    const lens = new Uint32Array(lines.length);
    const CH = 2000;
    for (let i = 0; i < lines.length; i += CH) {
      const encs = await tok.encodeBatch(lines.slice(i, i + CH), { addSpecialTokens: false });
      let n = 0;
      for (const e of encs) n += e.getIds().length;
      const buf = new Uint16Array(n);
      let o = 0;
      encs.forEach((e, j) => { const ids = e.getIds(); buf.set(ids, o); o += ids.length; lens[i + j] = ids.length; });
      fs.writeSync(idsFd, Buffer.from(buf.buffer));
    }
    fs.closeSync(idsFd);
    fs.writeFileSync(outPrefix + '.lens.u32', Buffer.from(lens.buffer));
    return;
  }
  console.error('usage: tokenize.js --json|--lines <tokenizer.json> [in.txt out]');
  process.exit(2);
}
main().catch((e) => { console.error(e); process.exit(1); });

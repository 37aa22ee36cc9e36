#!/usr/bin/env node
// Check an exported model folder: tokenizer ids, onnxruntime-node logits vs parity.json (PyTorch), manifest.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const ort = require('onnxruntime-node');
const { Tokenizer } = require('tokenizers');

function tensor(rows) {
  const b = rows.length, s = rows[0].length;
  return new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [b, s]);
}
async function run(sess, ids, mask, types) {
  const out = await sess.run({ input_ids: tensor(ids), attention_mask: tensor(mask), token_type_ids: tensor(types) });
  return out.logits;
}
async function main() {
  const dir = process.argv[2];
  const parity = JSON.parse(fs.readFileSync(path.join(dir, 'parity.json'), 'utf8'));
  const tok = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
  const sess = await ort.InferenceSession.create(path.join(dir, 'onnx', 'model.onnx'));
  let maxDiff = 0, fail = 0;
  for (const it of parity.items) {
    const e = await tok.encode(it.text);
    if (JSON.stringify(e.getIds()) !== JSON.stringify(it.input_ids)) { console.error('token mismatch', it.text); fail++; }
    const l = await run(sess, [it.input_ids], [it.attention_mask], [it.token_type_ids]);
    it.logits.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - l.data[i])); });
  }
  // padded batch of the first two items
  const [a, b] = parity.items;
  const S = Math.max(a.input_ids.length, b.input_ids.length);
  const pad = (x) => x.concat(Array(S - x.length).fill(0));
  const lb = await run(sess, [pad(a.input_ids), pad(b.input_ids)], [pad(a.attention_mask), pad(b.attention_mask)],
    [pad(a.token_type_ids), pad(b.token_type_ids)]);
  [a, b].forEach((it, r) => it.logits.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - lb.data[r * S + i])); }));
  console.log(`discriminator max |onnx - torch| = ${maxDiff.toExponential(2)}`);
  if (!(maxDiff <= parity.tolerance)) fail++;
  if (parity.generator) {
    const g = parity.generator;
    const gs = await ort.InferenceSession.create(path.join(dir, 'generator', 'onnx', 'model.onnx'));
    const gl = await run(gs, [g.input_ids], [g.attention_mask], [g.token_type_ids]);
    const V = gl.dims[2];
    const row = Array.from(gl.data.slice(g.mask_position * V, (g.mask_position + 1) * V));
    const top = row.map((v, i) => [v, i]).sort((x, y) => y[0] - x[0]).slice(0, 5).map((x) => x[1]);
    const gd = Math.max(...g.top5_logits.map((v, i) => Math.abs(v - row[g.top5_ids[i]])));
    console.log(`generator top5 onnx=${top} torch=${g.top5_ids} max diff ${gd.toExponential(2)}`);
    if (gd > parity.tolerance) fail++;
  }
  const man = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const listed = new Set(man.files.map((f) => f.path));
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.relative(dir, path.join(d, e.name)).split(path.sep).join('/')]);
  for (const f of walk(dir)) if (f !== 'manifest.json' && !listed.has(f)) { console.error('not in manifest', f); fail++; }
  for (const f of man.files) {
    const h = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f.path))).digest('hex');
    if (h !== f.sha256) { console.error('sha256 mismatch', f.path); fail++; }
  }
  console.log(fail ? `verify: ${fail} problem(s)` : 'verify: ok');
  process.exit(fail ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(1); });

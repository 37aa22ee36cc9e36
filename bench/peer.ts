/**
 * The peer: what a JavaScript developer would write with transformers.js
 * (`@huggingface/transformers`) for the same job — tokenize each paragraph, run the same
 * ONNX discriminator from the same model folder (offline), sigmoid the logits — in
 * batches of 16 paragraphs in document order, truncated to the model's 512 positions.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface Peer {
  /** Scores the paragraphs; returns how many token positions were scored. */
  score(paragraphs: string[]): Promise<number>;
  version: string;
  runtime: string;
}

export async function loadPeer(modelDir: string, batchSize = 16): Promise<Peer> {
  const t = await import('@huggingface/transformers');
  t.env.allowRemoteModels = false;
  t.env.localModelPath = dirname(resolve(modelDir)) + '/';
  const name = basename(resolve(modelDir));
  const tokenizer = await t.AutoTokenizer.from_pretrained(name);
  const model = await t.AutoModel.from_pretrained(name, { dtype: 'fp32', device: 'cpu' });
  let runtime = 'unknown';
  try {
    const ortPath = require.resolve('onnxruntime-node/package.json', { paths: [dirname(require.resolve('@huggingface/transformers'))] });
    runtime = (JSON.parse(readFileSync(ortPath, 'utf8')) as { version: string }).version;
  } catch {
    // reported as unknown
  }
  return {
    version: t.env.version,
    runtime,
    async score(paragraphs) {
      let tokens = 0;
      for (let i = 0; i < paragraphs.length; i += batchSize) {
        const enc = tokenizer(paragraphs.slice(i, i + batchSize), { padding: true, truncation: true, max_length: 512 });
        const out = (await model(enc)) as { logits: { data: Float32Array } };
        const logits = out.logits.data;
        const probs = new Float32Array(logits.length);
        for (let k = 0; k < logits.length; k++) probs[k] = 1 / (1 + Math.exp(-logits[k]));
        const mask = enc.attention_mask.data as BigInt64Array;
        for (let k = 0; k < mask.length; k++) tokens += Number(mask[k]);
      }
      return tokens;
    },
  };
}

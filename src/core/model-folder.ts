/**
 * Opening and verifying a model folder (Hugging Face / transformers.js layout):
 *
 *   config.json, tokenizer.json, onnx/model.onnx   the discriminator (ElectraForPreTraining)
 *   generator/{config.json,tokenizer.json,onnx/model.onnx}   optional masked LM
 *   manifest.json  {"format":1,"files":[{"path","sha256","size"}]}   every file, paths relative, '/'-separated
 *
 * Opening checks what is cheap (presence, sizes, config fields); the sha256 of a file
 * is computed lazily, once, right before the file is first used (`verified`). Every
 * failure is a `ModelError` naming the file and what to do.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelError } from './errors';

/** The config.json fields the engine uses. */
export interface ModelConfig {
  vocabSize: number;
  /** `max_position_embeddings`: most tokens per sequence, [CLS] and [SEP] included. */
  maxLength: number;
  /**
   * `train_max_length`: most tokens per row the discriminator was trained on, [CLS] and [SEP]
   * included (the exporter writes it from the training config). A folder that does not say
   * (an official google/electra-* export) was pre-trained at `max_position_embeddings`.
   * Never more than `maxLength`.
   */
  trainedLength: number;
  /** `architectures[0]`, when given. */
  architecture: string | undefined;
}

/** One network of the folder (the discriminator, or the generator). Paths are absolute. */
export interface NetworkFiles {
  dir: string;
  config: ModelConfig;
  configPath: string;
  tokenizerPath: string;
  onnxPath: string;
}

export interface ModelFolder extends NetworkFiles {
  /** Folder name, e.g. `electra-feedback`. */
  name: string;
  generator: NetworkFiles | undefined;
  /** Resolves when `file` (absolute) matches its manifest entry; hashes each file at most once.
   * Resolves at once for an unverified (`trustUnverified`) folder. */
  verified(file: string): Promise<void>;
}

export interface OpenOptions {
  /** Accept a folder without manifest.json (a hand-made export). Files are then not verified. */
  trustUnverified?: boolean;
}

interface ManifestEntry {
  sha256: string;
  size: number;
}

const REEXPORT = 'Re-export the model folder (models/training/export.py) or copy it again completely';

/** Opens `dir`, checks the manifest (presence and size of every listed file) and the configs. */
export async function openModelFolder(dir: string, options: OpenOptions = {}): Promise<ModelFolder> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new ModelError(root, 'model folder not found', 'Pass --model with a folder that holds config.json, tokenizer.json and onnx/model.onnx');
  }
  const manifest = await readManifest(root, options.trustUnverified === true);
  const disc = await openNetwork(root, root, manifest);
  const generatorDir = path.join(root, 'generator');
  const generator = (await exists(generatorDir)) ? await openNetwork(root, generatorDir, manifest) : undefined;
  if (generator && generator.config.vocabSize !== disc.config.vocabSize) {
    throw new ModelError(generator.configPath, `vocab_size ${generator.config.vocabSize} differs from the discriminator's ${disc.config.vocabSize}`,
      'The generator must share the discriminator\'s vocabulary; export both from the same checkpoint');
  }

  const hashes = new Map<string, Promise<void>>();
  const verified = (file: string): Promise<void> => {
    if (!manifest) return Promise.resolve();
    let done = hashes.get(file);
    if (!done) {
      done = verifyHash(root, file, manifest);
      hashes.set(file, done);
    }
    return done;
  };
  return { ...disc, name: path.basename(root), generator, verified };
}

/** Throws unless the tokenizer's vocabulary (added tokens included) has `config.vocab_size` entries. */
export function checkVocabSize(net: NetworkFiles, tokenizerVocabSize: number): void {
  if (tokenizerVocabSize !== net.config.vocabSize) {
    throw new ModelError(net.tokenizerPath, `the tokenizer has ${tokenizerVocabSize} tokens but config.json says vocab_size ${net.config.vocabSize}`,
      'The tokenizer does not belong to this model; copy the tokenizer.json the model was trained with');
  }
}

/**
 * Checks a session's `logits` shape (`dims`: rank and sizes, symbolic sizes as strings or -1).
 * The discriminator must give `[batch, sequence]`; the generator `[batch, sequence, vocab]`.
 */
export function checkLogitsShape(net: NetworkFiles, role: 'discriminator' | 'generator', dims: ReadonlyArray<number | string>): void {
  if (role === 'discriminator') {
    if (dims.length === 3) {
      throw new ModelError(net.onnxPath, 'this looks like an ElectraForMaskedLM (a generator: logits [batch, sequence, vocab]), not a discriminator',
        'Export the ElectraForPreTraining checkpoint (the discriminator) as onnx/model.onnx; a masked LM belongs in generator/');
    }
    if (dims.length !== 2) {
      throw new ModelError(net.onnxPath, `logits have rank ${dims.length}, expected [batch, sequence]`,
        'Export an ElectraForPreTraining checkpoint whose output is the replaced-token logits');
    }
    return;
  }
  const last = dims[dims.length - 1];
  if (dims.length !== 3 || (typeof last === 'number' && last > 0 && last !== net.config.vocabSize)) {
    throw new ModelError(net.onnxPath, `logits have shape [${dims.join(', ')}], expected [batch, sequence, ${net.config.vocabSize}]`,
      'Export an ElectraForMaskedLM checkpoint as generator/onnx/model.onnx');
  }
}

async function readManifest(root: string, trustUnverified: boolean): Promise<Map<string, ManifestEntry> | undefined> {
  const file = path.join(root, 'manifest.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    if (trustUnverified) return undefined;
    throw new ModelError(file, 'missing, so the model files cannot be verified',
      'Export the folder with models/training/export.py (it writes the manifest), or accept an unverified folder explicitly (trustUnverified)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ModelError(file, `not valid JSON (${(e as Error).message})`, REEXPORT);
  }
  const m = parsed as { format?: unknown; files?: unknown };
  if (m.format !== 1 || !Array.isArray(m.files)) {
    throw new ModelError(file, 'expected {"format": 1, "files": [...]}', REEXPORT);
  }
  const entries = new Map<string, ManifestEntry>();
  for (const f of m.files as Array<{ path?: unknown; sha256?: unknown; size?: unknown }>) {
    if (typeof f.path !== 'string' || typeof f.sha256 !== 'string' || typeof f.size !== 'number'
      || path.isAbsolute(f.path) || f.path.split('/').includes('..')) {
      throw new ModelError(file, `bad entry ${JSON.stringify(f)}`, REEXPORT);
    }
    const abs = path.join(root, ...f.path.split('/'));
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st?.isFile()) throw new ModelError(abs, 'listed in manifest.json but missing', REEXPORT);
    if (st.size !== f.size) {
      throw new ModelError(abs, `${st.size} bytes but manifest.json says ${f.size} (truncated or altered)`, REEXPORT);
    }
    entries.set(abs, { sha256: f.sha256.toLowerCase(), size: f.size });
  }
  return entries;
}

async function openNetwork(root: string, dir: string, manifest: Map<string, ManifestEntry> | undefined): Promise<NetworkFiles> {
  const configPath = path.join(dir, 'config.json');
  const tokenizerPath = path.join(dir, 'tokenizer.json');
  const onnxPath = path.join(dir, 'onnx', 'model.onnx');
  for (const file of [configPath, tokenizerPath, onnxPath]) {
    if (!(await exists(file))) {
      throw new ModelError(file, 'missing', `A model folder needs config.json, tokenizer.json and onnx/model.onnx. ${REEXPORT}`);
    }
    if (manifest && !manifest.has(file)) {
      throw new ModelError(file, `not listed in ${path.join(root, 'manifest.json')}`, REEXPORT);
    }
  }
  return { dir, config: await readConfig(configPath), configPath, tokenizerPath, onnxPath };
}

async function readConfig(file: string): Promise<ModelConfig> {
  let c: { vocab_size?: unknown; max_position_embeddings?: unknown; train_max_length?: unknown; architectures?: unknown };
  try {
    c = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new ModelError(file, `not valid JSON (${(e as Error).message})`, REEXPORT);
  }
  const positive = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!positive(c.vocab_size)) throw new ModelError(file, 'vocab_size is missing or not a positive integer', REEXPORT);
  if (!positive(c.max_position_embeddings) || c.max_position_embeddings < 8) {
    throw new ModelError(file, 'max_position_embeddings is missing or smaller than 8', REEXPORT);
  }
  if (c.train_max_length !== undefined && (!positive(c.train_max_length) || c.train_max_length < 8)) {
    throw new ModelError(file, 'train_max_length is not an integer of at least 8', REEXPORT);
  }
  const trained = Math.min(c.train_max_length ?? c.max_position_embeddings, c.max_position_embeddings);
  const arch = Array.isArray(c.architectures) && typeof c.architectures[0] === 'string' ? c.architectures[0] : undefined;
  return { vocabSize: c.vocab_size, maxLength: c.max_position_embeddings, trainedLength: trained, architecture: arch };
}

async function verifyHash(root: string, file: string, manifest: Map<string, ManifestEntry>): Promise<void> {
  const entry = manifest.get(file);
  if (!entry) throw new ModelError(file, `not listed in ${path.join(root, 'manifest.json')}`, REEXPORT);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (e) {
    throw new ModelError(file, `cannot be read (${(e as Error).message})`, REEXPORT);
  }
  const digest = hash.digest('hex');
  if (size !== entry.size || digest !== entry.sha256) {
    throw new ModelError(file, `sha256 ${digest} does not match manifest.json (${entry.sha256}): the file is corrupt or was changed`, REEXPORT);
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

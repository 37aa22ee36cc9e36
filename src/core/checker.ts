/**
 * The checker, the core pipeline: source → prose → tokens → windows (`prepare.ts`) →
 * discriminator → per-word scores in source offsets; findings above a threshold
 * (`findings.ts`); replacement suggestions from the generator. One `Checker` holds one
 * verified model folder and its sessions.
 */
import { DEFAULT_MAX_SUGGESTIONS, DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD, MAX_DOCUMENT_SIZE } from './defaults';
import { InputError, ModelError } from './errors';
import { extractProse } from './extract';
import { findingsOf } from './findings';
import { checkLogitsShape, openModelFolder, type ModelFolder } from './model-folder';
import { batchOptions, blockTokens, defaultBatchSize, prepareBlock, prepareTexts, type Block } from './prepare';
import { NetworkSession, type SessionTuning } from './runtime';
import { WordClass, WordPieceTokenizer } from './tokenizer';
import type { DocumentFormat, Finding, ModelInfo, ProviderName, ScoredText, Suggestion, WordScore } from './types';
import { bestWindowPerToken, scoreWindows, type BatchOptions } from './windows';

export interface CheckerOptions {
  /** Model folder (default `DEFAULT_MODEL_DIR`). */
  modelDir?: string;
  /** Execution provider (default 'auto'). */
  provider?: ProviderName;
  /** Receives one line per notable event (provider fallback). */
  log?: (line: string) => void;
  /** Accept a model folder without manifest.json. */
  trustUnverified?: boolean;
  /** Most windows per session run (default 8 on the CPU, where smaller batches measured faster; 16 elsewhere). */
  batchSize?: number;
  /** onnxruntime session settings (threads, arena...); defaults suit an editor. */
  session?: SessionTuning;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class Checker {
  private generator: Promise<NetworkSession> | undefined;
  private disposed = false;

  private constructor(
    private readonly folder: ModelFolder,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly discriminator: NetworkSession,
    private readonly log: (line: string) => void,
    private readonly options: CheckerOptions,
  ) {}

  /** Opens and verifies the model folder, loads the tokenizer and the discriminator session. */
  static async create(options: CheckerOptions = {}): Promise<Checker> {
    const log = options.log ?? (() => undefined);
    const dir = options.modelDir ?? DEFAULT_MODEL_DIR;
    const folder = await openModelFolder(dir, { trustUnverified: options.trustUnverified }).catch((e: unknown) => {
      if (options.modelDir === undefined && e instanceof ModelError && e.file === DEFAULT_MODEL_DIR) {
        throw new ModelError(DEFAULT_MODEL_DIR, 'the embedded default model is not installed', 'Reinstall the package, or pass a model folder (--model DIR / the modelPath setting)');
      }
      throw e;
    });
    await folder.verified(folder.tokenizerPath);
    const tokenizer = WordPieceTokenizer.load(folder);
    await folder.verified(folder.onnxPath);
    const session = await NetworkSession.open(folder.onnxPath, options.provider ?? 'auto', log, options.session);
    try {
      const dims = session.declaredLogitsDims;
      if (dims) checkLogitsShape(folder, 'discriminator', dims);
    } catch (e) {
      await session.release();
      throw e;
    }
    return new Checker(folder, tokenizer, session, log, options);
  }

  /** The model and the provider that actually runs it (after any fallback). */
  get info(): ModelInfo {
    return {
      name: this.folder.name,
      dir: this.folder.dir,
      provider: this.discriminator.provider,
      maxLength: this.folder.config.maxLength,
      vocabSize: this.folder.config.vocabSize,
      hasGenerator: this.folder.generator !== undefined,
    };
  }

  /** Every real word of `source` with its score, in source offsets, plus sentences. */
  async score(source: string, format: DocumentFormat): Promise<ScoredText> {
    return (await this.analyze([{ source, format }]))[0];
  }

  /**
   * `score` for several documents (e.g. the changed paragraphs of an editor), with all
   * their windows batched into as few session runs as possible. Same results as scoring
   * each alone, up to float rounding from padding.
   */
  async scoreMany(docs: ReadonlyArray<{ source: string; format: DocumentFormat }>): Promise<ScoredText[]> {
    return docs.length === 0 ? [] : this.analyze(docs);
  }

  /** Findings at or above `threshold` (default `DEFAULT_THRESHOLD`) plus repeated words, in source order. */
  async check(source: string, format: DocumentFormat, opts: { threshold?: number } = {}): Promise<Finding[]> {
    const doc = await this.score(source, format);
    return findingsOf(source, doc.words, opts.threshold ?? DEFAULT_THRESHOLD);
  }

  /**
   * Replacements for the word at `finding` (source offsets of a word `score` reports):
   * the generator's top whole-word candidates for a [MASK] in its place, each re-scored
   * by the discriminator; only those that lower the word's score, best (lowest) first.
   * Empty when the model has no generator or the span is not a scored word.
   */
  async suggest(source: string, format: DocumentFormat, finding: { start: number; end: number }, max = DEFAULT_MAX_SUGGESTIONS): Promise<Suggestion[]> {
    // A span that is not one (e.g. `words[words.length]`) is the caller's error: say so plainly.
    if (!finding || !Number.isInteger(finding.start) || !Number.isInteger(finding.end)) {
      throw new InputError(`suggest() needs a span {start, end} of integer source offsets; got ${JSON.stringify(finding)}`);
    }
    if (!this.folder.generator || max <= 0) return [];
    const found = await this.locateWord(source, format, finding);
    if (!found) return [];
    const { block, word: wi, text: originalText } = found;
    const t = block.tokens;
    const first = t.wordFirstToken[wi];
    const last = t.wordEndToken[wi];
    const owner = bestWindowPerToken(t.ids.length, block.windows)[first];
    const win = block.windows[owner];

    // Generator: the window with the word's tokens replaced by one [MASK].
    const before = Array.from(t.ids.subarray(win.start, first));
    const after = Array.from(t.ids.subarray(last, win.end));
    const masked = [this.tokenizer.clsId, ...before, this.tokenizer.maskId, ...after, this.tokenizer.sepId];
    const gen = await this.generatorSession();
    const out = await gen.run(toBatch([masked], this.tokenizer.padId));
    const vocab = out.dims[2];
    const row = out.data.subarray((before.length + 1) * vocab, (before.length + 2) * vocab);
    const lower = originalText.toLowerCase();
    const candidates: Array<{ id: number; text: string }> = [];
    for (const id of topK(row, 50)) {
      const piece = this.tokenizer.token(id);
      if (!/^\p{L}+$/u.test(piece) || piece === lower) continue;
      candidates.push({ id, text: piece });
      if (candidates.length >= Math.max(max * 2, 8)) break;
    }
    if (candidates.length === 0) return [];

    // Discriminator: original and every candidate in one batch; score at the word's position.
    const rows = [[this.tokenizer.clsId, ...before, ...Array.from(t.ids.subarray(first, last)), ...after, this.tokenizer.sepId]];
    for (const c of candidates) rows.push([this.tokenizer.clsId, ...before, c.id, ...after, this.tokenizer.sepId]);
    const scored = await this.discriminator.run(toBatch(rows, this.tokenizer.padId));
    const seq = scored.dims[1];
    const wordScore = (r: number, width: number): number => {
      let m = 0;
      for (let k = 0; k < width; k++) m = Math.max(m, sigmoid(scored.data[r * seq + 1 + before.length + k]));
      return m;
    };
    const baseline = wordScore(0, last - first);
    const suggestions = candidates
      .map((c, i) => ({ kind: 'replace' as const, text: matchCase(c.text, originalText), score: wordScore(i + 1, 1) }))
      .filter((s) => s.score < baseline)
      .sort((x, y) => x.score - y.score);
    return suggestions.slice(0, max);
  }

  /** Releases the sessions; the checker cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.discriminator.release();
    const gen = await this.generator?.catch(() => undefined);
    await gen?.release();
  }

  /** The block and word (class Word) of `source` overlapping `span`, tokenizing only that block. */
  private async locateWord(source: string, format: DocumentFormat, span: { start: number; end: number }): Promise<{ block: Block; word: number; text: string } | undefined> {
    this.assertUsable(source);
    const prose = extractProse(source, format);
    for (const b of prose.blocks) {
      const range = prose.toSource(b.start, b.end);
      if (!(range.start < span.end && span.start < range.end)) continue;
      const block = await prepareBlock(this.tokenizer, this.folder.config.maxLength, prose, b);
      const t = block.tokens;
      for (let w = 0; w < t.wordStart.length; w++) {
        if (t.wordClass[w] !== WordClass.Word) continue;
        const src = prose.toSource(b.start + t.wordStart[w], b.start + t.wordEnd[w]);
        if (src.start < span.end && span.start < src.end) return { block, word: w, text: source.slice(src.start, src.end) };
      }
    }
    return undefined;
  }



  private assertUsable(source: string): void {
    if (this.disposed) throw new Error('Checker was disposed');
    if (source.length > MAX_DOCUMENT_SIZE) {
      throw new InputError(`the document has ${source.length} characters; the limit is ${MAX_DOCUMENT_SIZE}. Split it into smaller files.`);
    }
  }

  private generatorSession(): Promise<NetworkSession> {
    const net = this.folder.generator;
    if (!net) return Promise.reject(new Error('this model has no generator'));
    this.generator ??= (async () => {
      await this.folder.verified(net.onnxPath);
      const s = await NetworkSession.open(net.onnxPath, this.options.provider ?? 'auto', this.log, this.options.session);
      const dims = s.declaredLogitsDims;
      if (dims) checkLogitsShape(net, 'generator', dims);
      return s;
    })();
    return this.generator;
  }

  private batchOptions(): BatchOptions {
    return batchOptions(this.tokenizer, this.options.batchSize ?? defaultBatchSize(this.discriminator.provider));
  }

  /** Scores several documents with one batched pass over all their windows. */
  private async analyze(docs: ReadonlyArray<{ source: string; format: DocumentFormat }>): Promise<ScoredText[]> {
    for (const d of docs) this.assertUsable(d.source);
    const prepared = await prepareTexts(this.tokenizer, this.folder.config.maxLength, docs);
    const logits = await scoreWindows(blockTokens(prepared), (batch) => this.discriminator.run(batch), this.batchOptions());
    let next = 0;
    return prepared.map(({ source, prose, sentences: blockSentences, blocks }) => {
      const sentences: Array<{ start: number; end: number }> = [];
      const words: WordScore[] = [];
      blocks.forEach((block, bi) => {
        const t = block.tokens;
        const blockLogits = logits[next++];
        const spans = blockSentences[bi];
        const firstSentence = sentences.length;
        for (const s of spans) sentences.push(prose.toSource(s.start, s.end));
        let s = 0;
        for (let w = 0; w < t.wordStart.length; w++) {
          if (t.wordClass[w] !== WordClass.Word) continue;
          const ps = block.start + t.wordStart[w];
          const pe = block.start + t.wordEnd[w];
          while (s + 1 < spans.length && spans[s + 1].start <= ps) s++;
          const src = prose.toSource(ps, pe);
          if (src.end <= src.start) continue;
          let score = 0;
          for (let k = t.wordFirstToken[w]; k < t.wordEndToken[w]; k++) score = Math.max(score, sigmoid(blockLogits[k]));
          words.push({ start: src.start, end: src.end, text: source.slice(src.start, src.end), score, sentence: Math.min(firstSentence + s, Math.max(0, sentences.length - 1)) });
        }
      });
      return inSourceOrder({ words, sentences, wordCount: words.length });
    });
  }
}

/**
 * `doc` with words and sentences in source order (sentence indices remapped). Prose order
 * differs from it where the extractor moves a block: LaTeX footnotes are scored after the
 * body, so that a sentence reads without its footnote in the middle.
 */
function inSourceOrder(doc: ScoredText): ScoredText {
  const ordered = (xs: ReadonlyArray<{ start: number }>): boolean => xs.every((x, i) => i === 0 || xs[i - 1].start <= x.start);
  if (ordered(doc.words) && ordered(doc.sentences)) return doc;
  const order = doc.sentences.map((_, i) => i).sort((a, b) => doc.sentences[a].start - doc.sentences[b].start || a - b);
  const rank = new Int32Array(order.length);
  order.forEach((old, i) => { rank[old] = i; });
  const sentences = order.map((i) => doc.sentences[i]);
  // Array.prototype.sort is stable: words at one offset keep their order.
  const words = doc.words.map((w) => ({ ...w, sentence: sentences.length > 0 ? rank[w.sentence] : w.sentence })).sort((a, b) => a.start - b.start);
  return { words, sentences, wordCount: words.length };
}

/** A padded batch of id rows. */
function toBatch(rows: number[][], padId: number): { ids: BigInt64Array; mask: BigInt64Array; rows: number; seq: number } {
  const seq = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * seq);
  rows.forEach((r, i) => r.forEach((id, k) => {
    ids[i * seq + k] = BigInt(id);
    mask[i * seq + k] = 1n;
  }));
  return { ids, mask, rows: rows.length, seq };
}

/** Indices of the `k` largest values of `xs`, largest first. */
function topK(xs: Float32Array, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (idx.length < k) {
      idx.push(i);
      if (idx.length === k) idx.sort((a, b) => xs[b] - xs[a]);
    } else if (xs[i] > xs[idx[k - 1]]) {
      let p = k - 1;
      while (p > 0 && xs[idx[p - 1]] < xs[i]) {
        idx[p] = idx[p - 1];
        p--;
      }
      idx[p] = i;
    }
  }
  if (idx.length < k) idx.sort((a, b) => xs[b] - xs[a]);
  return idx;
}

/** `candidate` in the case pattern of `original` (Capitalized, UPPER, or as is). */
function matchCase(candidate: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return candidate.toUpperCase();
  if (original[0] !== original[0].toLowerCase()) return candidate[0].toUpperCase() + candidate.slice(1);
  return candidate;
}

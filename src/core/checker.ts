/**
 * The checker, the core pipeline: source → prose → tokens → windows (`prepare.ts`) →
 * discriminator → per-word scores in source offsets; findings above a threshold
 * (`findings.ts`); fixes for flagged words (`suggest/`). One `Checker` holds one
 * verified model folder and its sessions.
 */
import { DEFAULT_MAX_SUGGESTIONS, DEFAULT_MODEL_DIR, DEFAULT_THRESHOLD, MAX_DOCUMENT_SIZE } from './defaults';
import { InputError, ModelError } from './errors';
import { findingsOf } from './findings';
import { checkLogitsShape, openModelFolder, type ModelFolder } from './model-folder';
import { batchOptions, blockTokens, defaultBatchSize, prepareTexts, scoringWindow, type ScoringWindow } from './prepare';
import { NetworkSession, type SessionTuning } from './runtime';
import { WordClass, WordPieceTokenizer } from './tokenizer';
import type { DocumentFormat, Finding, ModelInfo, ProviderName, ScoredText, Suggestion, WordScore } from './types';
import { scoreWindows, type BatchOptions } from './windows';
import { HOMOPHONE_MIN_SCORE, hasHomophones, HomophoneCheck } from './suggest/homophones';
import { locateTargets, sentenceWordRanges } from './suggest/targets';
import type { SuggestTarget } from './suggest/context-rows';
import { Suggester } from './suggest/suggester';
import { isUnknownWord } from './suggest/candidates';
import { termFixes, termSpansOf } from './terms';

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
  /** Another window than the model's (`scoringWindow`), never longer than it: for measuring window
   * choices (`npm run eval -- --window`), not for users. */
  window?: Partial<ScoringWindow>;
  /** Compare words with their homophones (`suggest/homophones.ts`; default true). Off, scores are
   * the discriminator's alone: what the benchmark's ceiling and peer compare with. */
  homophoneCheck?: boolean;
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
      maxLength: this.window.length,
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
   * Fixes for the flagged word at `finding` (source offsets of a word `score` reports), best
   * first: candidates from the word tables, the spelling dictionary and the generator, judged by
   * the discriminator in the word's sentence (`suggest/`). Empty when none makes the word stop
   * looking wrong at `threshold` (default `DEFAULT_THRESHOLD`): "no confident fix".
   */
  async suggest(source: string, format: DocumentFormat, finding: { start: number; end: number }, max = DEFAULT_MAX_SUGGESTIONS, opts: { threshold?: number } = {}): Promise<Suggestion[]> {
    return (await this.suggestMany(source, format, [finding], { ...opts, max }))[0];
  }

  /**
   * `suggest` for several words of one document, all judged in one batched run (what
   * `check --suggest` does). One list per span, in order; `[]` for a span that is not a word.
   */
  async suggestMany(source: string, format: DocumentFormat, spans: ReadonlyArray<{ start: number; end: number }>, opts: { max?: number; threshold?: number } = {}): Promise<Suggestion[][]> {
    // A span that is not one (e.g. `words[words.length]`) is the caller's error: say so plainly.
    for (const span of spans) {
      if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end)) {
        throw new InputError(`suggest() needs a span {start, end} of integer source offsets; got ${JSON.stringify(span)}`);
      }
    }
    const max = opts.max ?? DEFAULT_MAX_SUGGESTIONS;
    this.assertUsable(source);
    if (max <= 0 || spans.length === 0) return spans.map(() => []);
    const targets = await locateTargets(this.tokenizer, source, format, spans);
    const found = targets.filter((t): t is SuggestTarget => t !== undefined);
    const results = await this.suggester().suggest(found, { threshold: opts.threshold ?? DEFAULT_THRESHOLD, max });
    let next = 0;
    // A name or term is never "fixed" into a common word (terms.ts).
    const isTerm = termSpansOf(source);
    return targets.map((t, i) => {
      if (!t) return [];
      const fixes = results[next++];
      const text = source.slice(spans[i].start, spans[i].end);
      return fixes.length > 0 && isTerm(spans[i]) ? termFixes(text, fixes, (w) => !isUnknownWord(w)) : fixes;
    });
  }

  /** Releases the sessions; the checker cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.discriminator.release();
    const gen = await this.generator?.catch(() => undefined);
    await gen?.release();
  }

  /** The windows this model is scored in (`scoringWindow`: never longer than it was trained on). */
  get window(): ScoringWindow {
    const rule = scoringWindow(this.folder.config);
    const w = { ...rule, ...this.options.window };
    return { ...w, length: Math.min(w.length, rule.length) };
  }

  private suggesterInstance: Suggester | undefined;

  private suggester(): Suggester {
    this.suggesterInstance ??= new Suggester({
      tokenizer: this.tokenizer,
      discriminator: (batch) => this.discriminator.run(batch),
      generator: this.folder.generator ? async () => {
        const gen = await this.generatorSession();
        return (batch) => gen.run(batch);
      } : undefined,
    });
    return this.suggesterInstance;
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

  /**
   * Scores several documents with one batched pass over all their windows, then compares the
   * words that have homophones with them (`suggest/homophones.ts`, one more batched pass).
   */
  private async analyze(docs: ReadonlyArray<{ source: string; format: DocumentFormat }>): Promise<ScoredText[]> {
    for (const d of docs) this.assertUsable(d.source);
    const prepared = await prepareTexts(this.tokenizer, this.window, docs);
    const logits = await scoreWindows(blockTokens(prepared), (batch) => this.discriminator.run(batch), this.batchOptions());
    const compare: Array<{ word: WordScore; target: SuggestTarget }> = [];
    const checkHomophones = this.options.homophoneCheck !== false;
    let next = 0;
    const scored = prepared.map(({ source, prose, sentences: blockSentences, blocks }) => {
      const sentences: Array<{ start: number; end: number }> = [];
      const words: WordScore[] = [];
      blocks.forEach((block, bi) => {
        const t = block.tokens;
        const blockLogits = logits[next++];
        const spans = blockSentences[bi];
        const firstSentence = sentences.length;
        for (const s of spans) sentences.push(prose.toSource(s.start, s.end));
        // Computed once per block, and only for a block with a word to compare.
        let sentenceOf: Array<{ first: number; end: number }> | undefined;
        let blockText: string | undefined;
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
          const word: WordScore = { start: src.start, end: src.end, text: source.slice(src.start, src.end), score, sentence: Math.min(firstSentence + s, Math.max(0, sentences.length - 1)) };
          words.push(word);
          if (checkHomophones && score >= HOMOPHONE_MIN_SCORE && hasHomophones(word.text)) {
            sentenceOf ??= sentenceWordRanges(t, spans, block.start);
            blockText ??= prose.text.slice(block.start, prose.blocks[bi].end);
            compare.push({ word, target: { tokens: t, word: w, text: word.text, blockText, sentence: sentenceOf[w] } });
          }
        }
      });
      return { words, sentences, wordCount: words.length };
    });
    const verdicts = await this.homophones().check(compare.map((c) => c.target));
    compare.forEach(({ word }, i) => {
      const v = verdicts[i];
      if (!v) return;
      word.homophone = v;
      word.score = Math.max(word.score, v.confidence);
    });
    return scored.map(inSourceOrder);
  }

  private homophoneCheck: HomophoneCheck | undefined;

  private homophones(): HomophoneCheck {
    this.homophoneCheck ??= new HomophoneCheck(this.tokenizer, (batch) => this.discriminator.run(batch));
    return this.homophoneCheck;
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

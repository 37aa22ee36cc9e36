/**
 * Preparing texts for the discriminator: prose extraction, exact WordPiece tokenization of
 * each prose block, and sentence-aligned overlapping windows per block. What `Checker`
 * scores and what its batches are planned from. Offsets: block starts and sentence spans
 * are prose offsets (UTF-16 units of `Prose.text`); token offsets are relative to their block.
 */
import { extractProse, type Prose } from './extract';
import type { ModelConfig } from './model-folder';
import { sentenceSpans } from './sentences';
import type { TokenizedText, WordPieceTokenizer } from './tokenizer';
import type { DocumentFormat, ProviderName } from './types';
import { planWindows, type BatchOptions, type BlockTokens, type TokenRange } from './windows';

/** One prose block after tokenization and windowing. */
export interface Block {
  /** Prose offset of the block's first character; token offsets are relative to it. */
  start: number;
  tokens: TokenizedText;
  windows: TokenRange[];
}

/** One text, prepared: its prose, each block's sentence spans (prose offsets) and its blocks. */
export interface PreparedText {
  source: string;
  prose: Prose;
  sentences: Array<Array<{ start: number; end: number }>>;
  blocks: Block[];
}

/** The windows a model is scored in: at most `length` tokens, [CLS] and [SEP] included, with
 * `overlap` tokens shared by neighbouring windows of a longer block. */
export interface ScoringWindow {
  length: number;
  overlap: number;
  /** 'sentence': each sentence in its own window; 'block': windows fill up to `length`. */
  unit: 'block' | 'sentence';
}

/**
 * The one window rule (checker, editor, CLI, grading, eval, bench): each sentence is scored in its
 * own window, never longer than the rows the discriminator was trained on (a longer sentence is cut
 * into overlapping windows, a quarter of the window shared). A word's score must not depend on how
 * much text surrounds it: a model inflates its scores in windows longer than it was trained on, and
 * even within them a word scored inside a long paragraph and in its sentence alone crossed the
 * threshold differently about half the time. Sentence windows were chosen over filled windows on
 * FCE dev as written and joined into one paragraph (`npm run eval -- --window 128` against the
 * default; the model card has the figures).
 */
export function scoringWindow(config: Pick<ModelConfig, 'trainedLength' | 'maxLength'>): ScoringWindow {
  const length = Math.min(config.trainedLength, config.maxLength);
  return { length, overlap: Math.floor((length - 2) / 4), unit: 'sentence' };
}

/** Most windows per session run when none is configured: 8 on the CPU (smaller batches measured faster), 16 elsewhere. */
export function defaultBatchSize(provider: Exclude<ProviderName, 'auto'>): number {
  return provider === 'cpu' ? 8 : 16;
}

/** The batch options of `tokenizer` with `batchSize` windows per run. */
export function batchOptions(tokenizer: WordPieceTokenizer, batchSize: number): BatchOptions {
  return { clsId: tokenizer.clsId, sepId: tokenizer.sepId, padId: tokenizer.padId, batchSize };
}

/** Extracts, tokenizes and windows every block of `docs` in `window`s. */
export function prepareTexts(tokenizer: WordPieceTokenizer, window: ScoringWindow, docs: ReadonlyArray<{ source: string; format: DocumentFormat }>): Promise<PreparedText[]> {
  return Promise.all(docs.map(async (d) => {
    const prose = extractProse(d.source, d.format);
    const sentences = prose.blocks.map((b) => sentenceSpans(prose.text, b.start, b.end));
    const blocks = await Promise.all(prose.blocks.map((b, bi) => prepareBlock(tokenizer, window, prose, b, sentences[bi])));
    return { source: d.source, prose, sentences, blocks };
  }));
}

/** Every block's token ids and windows, in order (what `planBatches` and `scoreWindows` take). */
export function blockTokens(prepared: readonly PreparedText[]): BlockTokens[] {
  return prepared.flatMap((p) => p.blocks.map((b) => ({ ids: b.tokens.ids, windows: b.windows })));
}

/** Tokenizes one prose block and plans its windows. */
export async function prepareBlock(
  tokenizer: WordPieceTokenizer, window: ScoringWindow, prose: Prose, b: { start: number; end: number },
  sentences = sentenceSpans(prose.text, b.start, b.end),
): Promise<Block> {
  const tokens = await tokenizer.tokenize(prose.text.slice(b.start, b.end));
  const starts = sentenceStartTokens(tokens, sentences, b.start);
  const capacity = Math.max(2, window.length - 2);
  const windows = planWindows(tokens.ids.length, starts, (t) => t === 0 || tokens.tokenWord[t] !== tokens.tokenWord[t - 1], { capacity, overlap: window.overlap, unit: window.unit });
  return { start: b.start, tokens, windows };
}

/** Token index where each sentence of a block begins (sorted, deduplicated). Sentence
 * spans are prose offsets; token offsets are relative to the block at `blockStart`. */
function sentenceStartTokens(tokens: TokenizedText, sentences: Array<{ start: number; end: number }>, blockStart: number): Int32Array {
  const out: number[] = [];
  let t = 0;
  for (const s of sentences) {
    while (t < tokens.starts.length && blockStart + tokens.starts[t] < s.start) t++;
    if (t < tokens.starts.length && (out.length === 0 || out[out.length - 1] !== t)) out.push(t);
  }
  return Int32Array.from(out);
}

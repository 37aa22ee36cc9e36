/**
 * The one data model shared by the core, the CLI and the editor adapter.
 *
 * Offsets: every `start`/`end` in this file is a UTF-16 code-unit offset into the
 * ORIGINAL source text (what `String.prototype.slice` and VS Code's
 * `TextDocument.positionAt` use), half-open `[start, end)`. Lines and columns are
 * 1-based and counted in UTF-16 code units, for display only.
 */
import type { ProviderName } from './providers';

/** Source formats the prose extractor understands. */
export type DocumentFormat =
  /** Plain text: every character is prose. */
  | 'plaintext'
  /** CommonMark + GFM; code, front matter, URLs and HTML are skipped. */
  | 'markdown'
  /** LaTeX; command names, math, comments and verbatim environments are skipped. */
  | 'latex';

/** What a finding says about its span. A closed union: add a member, document it. */
export type FindingKind =
  /** The discriminator believes the word was replaced: it does not fit its context. */
  | 'replaced-word'
  /** The same word twice in a row ("the the"). */
  | 'repeated-word'
  /** A word that sounds like another ("there" for "their"), and the model is sure the other
   * one belongs here (the homophone check, `suggest/homophones.ts`). Its suggestion is that word. */
  | 'confused-word';

/** A fix the user can apply. A closed union: add a member, document it. */
export type Suggestion =
  /** Replace the finding's span with `text`. `score` is the discriminator's
   * probability (0..1) that the word is out of place after the replacement; lower is better. */
  | { kind: 'replace'; text: string; score?: number }
  /** Delete the finding's span (and one adjacent space): an extra word. `score`: the highest
   * probability among the neighbouring words after the deletion. */
  | { kind: 'remove'; score?: number }
  /** Insert the word `text` (and a space) before the finding's span: a missing word
   * ("Add 'the' before 'phones'"). `score`: the higher of the inserted word's and the
   * finding's probabilities after the insertion. */
  | { kind: 'insert'; text: string; score?: number };

/** One flagged word (or, with `--all`, one scored word). */
export interface Finding {
  /** UTF-16 offset of the first code unit, inclusive. */
  start: number;
  /** UTF-16 offset after the last code unit, exclusive. `source.slice(start, end) === text`. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in UTF-16 code units. */
  column: number;
  /** The source text of the span. */
  text: string;
  /** Probability in [0, 1] that the word does not belong here (max over its sub-tokens). */
  score: number;
  kind: FindingKind;
  /** One sentence for humans. */
  message: string;
  /** Best first; empty when none are known. */
  suggestions: Suggestion[];
}

/** A homophone that fits a word's place far better than the word (`suggest/homophones.ts`). */
export interface HomophoneVerdict {
  /** The homophone, lower case ("their"). */
  text: string;
  /** Probability (0..1) that the written word, not `text`, is the replaced one of the two. */
  confidence: number;
  /** The homophone's own probability (0..1) of being replaced, in the word's place. */
  score: number;
}

/** A scored word of the prose, before thresholding. */
export interface WordScore {
  /** UTF-16 offsets into the original source, `[start, end)`. */
  start: number;
  end: number;
  text: string;
  /** max over sub-tokens of sigmoid(logit), in [0, 1]; for a word with a `homophone`, the
   * higher of that and the homophone's `confidence`. */
  score: number;
  /** Set when a homophone fits the word's place far better (then the word is a 'confused-word'). */
  homophone?: HomophoneVerdict;
  /** Index of the sentence (in extraction order) the word belongs to. */
  sentence: number;
}

/** Execution providers a user can ask for (the list lives in `providers.ts`). */
export type { ProviderName };

/** What a loaded model is and where it runs. */
export interface ModelInfo {
  /** Folder name of the model (e.g. `electra-feedback`). */
  name: string;
  /** Absolute path of the model folder. */
  dir: string;
  /** The execution provider that actually ran (after any fallback), never `auto`. */
  provider: Exclude<ProviderName, 'auto'>;
  /** Most tokens per window the checker scores, [CLS] and [SEP] included: the length the
   * discriminator was trained on (`scoringWindow`), at most `max_position_embeddings`. */
  maxLength: number;
  /** `vocab_size` of config.json (equal to the tokenizer's). */
  vocabSize: number;
  /** Whether a `generator/` masked-LM is present (needed for suggestions). */
  hasGenerator: boolean;
}

/**
 * Every scored word of one text, in source order: a whole document (`Checker.score`, the
 * grader) or one paragraph's prose (`Checker.scoreMany`, the editor's incremental checks).
 * Offsets are UTF-16 units of that text.
 */
export interface ScoredText {
  /** Real words only: punctuation, symbols, numbers, URLs and e-mail addresses are
   * scored by the model (they are context) but never listed here. */
  words: WordScore[];
  /** Sentences as `[start, end)` UTF-16 offsets of the original source, in order;
   * `WordScore.sentence` indexes this array. */
  sentences: Array<{ start: number; end: number }>;
  /** `words.length`: the number of real words, the denominator for rates. */
  wordCount: number;
}

/**
 * Candidate edits for one flagged word, before the discriminator judges them: the spelling
 * dictionary (codespell's correction, multi-word ones included; known words within edit distance
 * 2 of a non-word, its split into two common words), the word's confusion sets and inflections,
 * its real-word slips (codespell's typo pairs; real words one or two letters away), deleting it
 * (an extra function word), inserting a missing function word before it, and the generator's
 * own top words for the masked slot.
 * At most `max` (`MAX_CANDIDATES`), the likeliest sources first, so that the batch stays small.
 */
import { lexicon } from './lexicon';

/** An edit of the flagged word; `text` is lower case (the case is put back by `suggestionEdit`). */
export type CandidateEdit =
  | { kind: 'replace'; text: string }
  | { kind: 'remove' }
  | { kind: 'insert'; text: string };

/** What the generator says about the word's slot; absent when the model has none. */
export interface GeneratorView {
  /** The generator's logit for `word` in the masked slot (single-piece words), else `undefined`. */
  slotLogit(word: string): number | undefined;
  /** Its top whole words for the slot, best first (letters only). A missing function word
   * shows up here too: where "phones" stands, the generator expects "the". */
  slotTop: readonly string[];
}

/** Candidate edits per word from the spelling dictionary, the tables, removal, insertion and the
 * generator's own word; real-word slips take the places after them (`SLIP_CANDIDATES`). */
export const BASE_CANDIDATES = 4;
/** Places for real-word slips, after the others. */
export const SLIP_CANDIDATES = 2;
/** Most candidate edits judged per word: each is one discriminator row, so this sets the cost
 * of `check --suggest`: 1 + MAX_CANDIDATES short rows per flagged word (and 1 + `CONFIRMED` longer
 * rows to confirm the first fixes). */
export const MAX_CANDIDATES = BASE_CANDIDATES + SLIP_CANDIDATES;

/**
 * Candidate edits for the word `text` (as written), best sources first, deduplicated, at
 * most `max`. `previous` is the word before it (lower case), if any: no insertion repeats it.
 * `gen` orders the tables and insertions and adds its own word; `slipGen` (default `gen`) orders
 * and sifts the real-word slips.
 */
export function candidateEdits(text: string, gen: GeneratorView | undefined, max = MAX_CANDIDATES, previous?: string, slipGen = gen): CandidateEdit[] {
  const lex = lexicon();
  const word = text.toLowerCase();
  const out: CandidateEdit[] = [];
  const seen = new Set<string>([word]);
  const add = (e: CandidateEdit, cap = max): void => {
    const key = e.kind === 'remove' ? '-' : e.kind === 'insert' ? `+${e.text}` : e.text;
    if (out.length >= cap || seen.has(key)) return;
    if (e.kind === 'replace' && !REPLACEMENT.test(e.text)) return;
    seen.add(key);
    out.push(e);
  };

  // 1. Spelling: codespell's multi-word correction of a run-together word ("atleast" → "at least")
  // and a known misspelling's correction, else the nearest known words of a non-word and its
  // split into two common words ("eventhough" → "even though").
  for (const p of lex.phrases(word).slice(0, 2)) add({ kind: 'replace', text: p });
  const fix = lex.spellingFix(word);
  if (fix) add({ kind: 'replace', text: fix });
  if (isUnknownWord(word)) {
    // A word no list knows is misspelt: only spellings fix it (no removal, insertion or generator word).
    for (const w of lex.splits(word, 1)) add({ kind: 'replace', text: w });
    for (const w of lex.nearWords(word, word.length <= 4 ? 1 : 2, 3)) add({ kind: 'replace', text: w });
    return out;
  }

  // 2. The tables (confusion sets, then inflections), in the generator's order when it has one.
  const table = tableWords(word);
  const ordered = gen ? orderByGenerator(table, gen) : table;
  const base = Math.min(max, BASE_CANDIDATES);
  // A function word keeps a place for its removal (an extra word) within the cap.
  const extra = lex.isExtraCandidate(word);
  const first = extra ? Math.min(2, base - 1) : 3;
  for (const w of ordered.slice(0, first)) add({ kind: 'replace', text: w }, base);

  // 3. An extra word, the two likeliest missing words before it (a/the: learners drop both), the
  // generator's own word, the rest of the tables.
  if (extra) add({ kind: 'remove' }, base);
  const inserts = (gen ? orderByGenerator(lex.missable, gen) : lex.missable).filter((w) => w !== previous && w !== word);
  for (const w of inserts.slice(0, 2)) add({ kind: 'insert', text: w }, base);
  for (const w of (gen?.slotTop ?? []).slice(0, 1)) add({ kind: 'replace', text: w }, base);
  for (const w of ordered.slice(first)) add({ kind: 'replace', text: w }, base);

  // 4. Real-word slips (codespell's typo pairs, real words one or two letters away) in their own
  // places, in the generator's order; a slip must be a word the generator expects at least about
  // as much as the one written (`SLIP_LOGIT_MARGIN`).
  const written = slipGen?.slotLogit(word);
  const slips = slipWords(word).filter((w) => {
    const l = slipGen?.slotLogit(w);
    return written === undefined || l === undefined || l >= written - SLIP_LOGIT_MARGIN;
  });
  for (const w of slipGen ? orderByGenerator(slips, slipGen) : slips) add({ kind: 'replace', text: w });
  return out;
}

/** A replacement: one word or several (a run-together word split), letters and apostrophes. */
const REPLACEMENT = /^[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?)*$/;

/** How far (in generator logits) below the written word a real-word slip may be and still be judged. */
export const SLIP_LOGIT_MARGIN = 1;

/** Real words considered for a real-word slip of `word`: at most this many near words. */
export const NEAR_WORDS = 6;

/**
 * The real-word slips of `word` (lower case): codespell's real-word typo pairs, then the real
 * words one or two letters away (`near-words.ts`, at most `NEAR_WORDS`). Generator-ordered by
 * the caller, so that context picks "noon" for "cooler at moon".
 */
export function slipWords(word: string): string[] {
  const lex = lexicon();
  return [...lex.slips(word), ...lex.realWordsNear(word, NEAR_WORDS)];
}

/** Whether `word` (lower case) is letters only and no list knows it: a non-word, fixed only by spellings. */
export function isUnknownWord(word: string): boolean {
  return /^[a-z]+$/.test(word) && !lexicon().isWord(word);
}

/** The table words of `word` (lower case): its confusion sets, then its inflections. */
export function tableWords(word: string): string[] {
  const lex = lexicon();
  return [...lex.confusions(word), ...lex.inflections(word)];
}

/** `words` with the generator's best first (multi-piece words, which it cannot score, keep their place after). */
function orderByGenerator(words: readonly string[], gen: GeneratorView): string[] {
  const scored = words.map((w, i) => ({ w, i, logit: gen.slotLogit(w) }));
  scored.sort((a, b) => (b.logit ?? -Infinity) - (a.logit ?? -Infinity) || a.i - b.i);
  return scored.map((s) => s.w);
}

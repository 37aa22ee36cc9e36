/**
 * Candidate edits for one flagged word, before the discriminator judges them: the spelling
 * dictionary (codespell's correction; known words within edit distance 2 of a non-word), the
 * word's confusion sets and inflections, deleting it (an extra function word), inserting a
 * missing function word before it, and the generator's own top words for the masked slot.
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

/** Most candidate edits judged per word: each is one discriminator row, so this sets the cost
 * of `check --suggest`: 1 + MAX_CANDIDATES short rows per flagged word. */
export const MAX_CANDIDATES = 4;

/**
 * Candidate edits for the word `text` (as written), best sources first, deduplicated, at
 * most `max`. `previous` is the word before it (lower case), if any: no insertion repeats it.
 */
export function candidateEdits(text: string, gen: GeneratorView | undefined, max = MAX_CANDIDATES, previous?: string): CandidateEdit[] {
  const lex = lexicon();
  const word = text.toLowerCase();
  const out: CandidateEdit[] = [];
  const seen = new Set<string>([word]);
  const add = (e: CandidateEdit): void => {
    const key = e.kind === 'remove' ? '-' : e.kind === 'insert' ? `+${e.text}` : e.text;
    if (out.length >= max || seen.has(key)) return;
    if (e.kind === 'replace' && !/^[a-z]+(?:'[a-z]+)?$/.test(e.text)) return;
    seen.add(key);
    out.push(e);
  };

  // 1. Spelling: a known misspelling's correction, else the nearest known words of a non-word.
  const fix = lex.spellingFix(word);
  if (fix) add({ kind: 'replace', text: fix });
  if (isUnknownWord(word)) {
    // A word no list knows is misspelt: only spellings fix it (no removal, insertion or generator word).
    for (const w of lex.nearWords(word, word.length <= 4 ? 1 : 2, 3)) add({ kind: 'replace', text: w });
    return out;
  }

  // 2. The tables (confusion sets, then inflections), in the generator's order when it has one.
  const table = tableWords(word);
  const ordered = gen ? orderByGenerator(table, gen) : table;
  // A function word keeps a place for its removal (an extra word) within the cap.
  const extra = lex.isExtraCandidate(word);
  const first = extra ? Math.min(2, max - 1) : 3;
  for (const w of ordered.slice(0, first)) add({ kind: 'replace', text: w });

  // 3. An extra word, the two likeliest missing words before it (a/the: learners drop both), the
  // generator's own word, the rest of the tables.
  if (extra) add({ kind: 'remove' });
  const inserts = (gen ? orderByGenerator(lex.missable, gen) : lex.missable).filter((w) => w !== previous && w !== word);
  for (const w of inserts.slice(0, 2)) add({ kind: 'insert', text: w });
  for (const w of (gen?.slotTop ?? []).slice(0, 1)) add({ kind: 'replace', text: w });
  for (const w of ordered.slice(first)) add({ kind: 'replace', text: w });
  return out;
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

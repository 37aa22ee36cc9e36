/**
 * The word tables of suggestions (`src/core/lexicon/`, built by models/training/build_lexicon.py
 * from the sources the learner-error generator reads): the project's confusion sets, AGID
 * inflections, codespell misspellings, codespell's real-word typo pairs and multi-word corrections
 * (`slips.json`) and the frequency-ranked corpus word list. Parsed once,
 * on first use. Every word here is lower case.
 */
import confusionsData from '../lexicon/confusions.json';
import inflectionsData from '../lexicon/inflections.json';
import misspellingsData from '../lexicon/misspellings.json';
import slipsData from '../lexicon/slips.json';
import wordsData from '../lexicon/words.json';
import { damerau, letterMask, mayBeWithin } from './damerau';
import { NearWords } from './near-words';

export { damerau };

/** The groups of `confusions.json` that are sets (any member may stand for any other). */
export const CONFUSION_GROUPS = ['homophones', 'determiners', 'prepositions', 'pronouns', 'agreement', 'conjunctions', 'comparatives'] as const;
export type ConfusionGroup = (typeof CONFUSION_GROUPS)[number];

export interface Lexicon {
  /** 1-based frequency rank of `word` in the corpus list; `Infinity` when it is not there. */
  rank(word: string): number;
  /** Whether `word` is a known word: in the corpus list or a confusion set, and not a known misspelling. */
  isWord(word: string): boolean;
  /** The other members of `word`'s confusion sets, set by set in the order of `CONFUSION_GROUPS`. */
  confusions(word: string): string[];
  /** The other members of `word`'s homophone sets (words that sound alike: there/their/they're). */
  homophones(word: string): string[];
  /** `word`'s other inflected forms (AGID). */
  inflections(word: string): string[];
  /** codespell's correction of a misspelling, if `word` is one. */
  spellingFix(word: string): string | undefined;
  /** Known words within Damerau-Levenshtein distance `maxDistance` of `word`, nearest then most frequent first. */
  nearWords(word: string, maxDistance: number, limit: number): string[];
  /** The real words codespell pairs with `word` as a typo of each other, both ways (`slips.json`). */
  slips(word: string): string[];
  /** codespell's corrections of a run-together `word`, in its order, at least one of several words ("atleast" → "at least"). */
  phrases(word: string): string[];
  /** `word` split into two common words (`SPLIT_MAX_RANK`), the commonest split first, at most `limit` ("eventhough" → "even though"). */
  splits(word: string, limit: number): string[];
  /** Real words within distance 2 of `word`, at most `limit` (`near-words.ts`: slips of a typist first, then by frequency). */
  realWordsNear(word: string, limit: number): string[];
  /** Function words a learner leaves out (`missable`): what may be inserted before a word. */
  readonly missable: readonly string[];
  /** Whether `word` is a function word a learner adds by mistake (`insertable`, or a member of a function-word set). */
  isExtraCandidate(word: string): boolean;
}

/** A run-together word is split only into words this common (corpus frequency rank, 1-based). */
export const SPLIT_MAX_RANK = 5000;
/** A two-letter half of a split must be among this many commonest words (in, of, at, on, to…). */
export const SHORT_HALF_MAX_RANK = 300;

let loaded: Lexicon | undefined;

/** The lexicon, parsed on first use (about 50 ms). */
export function lexicon(): Lexicon {
  loaded ??= buildLexicon();
  return loaded;
}

function linesToMap(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const parts = line.split(' ');
    if (parts.length > 1) out.set(parts[0], parts.slice(1));
  }
  return out;
}

function buildLexicon(): Lexicon {
  const words = wordsData.words.split(' ');
  const ranks = new Map<string, number>();
  words.forEach((w, i) => { if (!ranks.has(w)) ranks.set(w, i + 1); });
  const inflections = linesToMap(inflectionsData.forms);
  const fixes = new Map<string, string>();
  for (const [wrong, [right]] of linesToMap(misspellingsData.fixes)) fixes.set(wrong, right);
  const sets = new Map<string, string[]>();
  const homophones = new Map<string, string[]>();
  const functionWords = new Set<string>(confusionsData.insertable);
  /** Adds the other members of `set` to `w`'s list in `into`, each once, in order. */
  const addMembers = (into: Map<string, string[]>, w: string, set: readonly string[]): void => {
    const mine = into.get(w) ?? [];
    for (const o of set) if (o !== w && !mine.includes(o)) mine.push(o);
    into.set(w, mine);
  };
  for (const group of CONFUSION_GROUPS) {
    for (const set of confusionsData[group] as string[][]) {
      for (const w of set) {
        addMembers(sets, w, set);
        if (group === 'homophones') addMembers(homophones, w, set);
        if (group === 'determiners' || group === 'prepositions' || group === 'conjunctions') functionWords.add(w);
      }
    }
  }
  const byLength = new Map<number, string[]>();
  for (const w of words) {
    if (!/^[a-z]+$/.test(w)) continue;
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  // Each list's letter sets (`letterMask`), so that a scan skips most words before `damerau`.
  const maskByLength = new Map<number, Int32Array>();
  for (const [len, list] of byLength) maskByLength.set(len, Int32Array.from(list, letterMask));
  const rank = (w: string): number => ranks.get(w) ?? Infinity;
  const slips = linesToMap(slipsData.pairs);
  const phrases = new Map<string, string[]>();
  for (const line of slipsData.phrases.split('\n')) {
    const [w, ...fixes] = line.split('\t');
    if (fixes.length > 0) phrases.set(w, fixes);
  }
  let near: NearWords | undefined;
  return {
    rank,
    isWord: (w) => !fixes.has(w) && (ranks.has(w) || sets.has(w)),
    confusions: (w) => sets.get(w) ?? [],
    homophones: (w) => homophones.get(w) ?? [],
    inflections: (w) => inflections.get(w) ?? [],
    spellingFix: (w) => fixes.get(w),
    nearWords(word, maxDistance, limit) {
      const found: Array<{ w: string; d: number }> = [];
      const mask = letterMask(word);
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        const masks = maskByLength.get(len);
        (byLength.get(len) ?? []).forEach((w, k) => {
          if (!mayBeWithin(mask, masks![k], maxDistance)) return;
          const d = damerau(word, w, maxDistance);
          if (d <= maxDistance && w !== word) found.push({ w, d });
        });
      }
      found.sort((a, b) => a.d - b.d || rank(a.w) - rank(b.w));
      return found.slice(0, limit).map((f) => f.w);
    },
    slips: (w) => slips.get(w) ?? [],
    phrases: (w) => phrases.get(w) ?? [],
    splits(word, limit) {
      const found: Array<{ text: string; worst: number }> = [];
      for (let i = 1; i < word.length; i++) {
        const a = word.slice(0, i);
        const b = word.slice(i);
        // One-letter halves only as words ("a lot"); a half must be common, so "together" is not "to get her",
        // and a two-letter half one of the commonest words ("in front", not "em ph" for LaTeX's \emph).
        if ((a.length === 1 && a !== 'a') || (b.length === 1 && b !== 'a')) continue;
        if ((a.length === 2 && rank(a) > SHORT_HALF_MAX_RANK) || (b.length === 2 && rank(b) > SHORT_HALF_MAX_RANK)) continue;
        const worst = Math.max(rank(a), rank(b));
        if (worst <= SPLIT_MAX_RANK) found.push({ text: `${a} ${b}`, worst });
      }
      found.sort((x, y) => x.worst - y.worst);
      return found.slice(0, limit).map((f) => f.text);
    },
    realWordsNear(word, limit) {
      near ??= new NearWords(words.filter((w) => /^[a-z]+$/.test(w) || w.includes("'")));
      return near.near(word, limit);
    },
    missable: confusionsData.missable,
    isExtraCandidate: (w) => functionWords.has(w),
  };
}


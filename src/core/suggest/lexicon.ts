/**
 * The word tables of suggestions (`src/core/lexicon/`, built by models/training/build_lexicon.py
 * from the sources the learner-error generator reads): the project's confusion sets, AGID
 * inflections, codespell misspellings and the frequency-ranked corpus word list. Parsed once,
 * on first use. Every word here is lower case.
 */
import confusionsData from '../lexicon/confusions.json';
import inflectionsData from '../lexicon/inflections.json';
import misspellingsData from '../lexicon/misspellings.json';
import wordsData from '../lexicon/words.json';

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
  /** Function words a learner leaves out (`missable`): what may be inserted before a word. */
  readonly missable: readonly string[];
  /** Whether `word` is a function word a learner adds by mistake (`insertable`, or a member of a function-word set). */
  isExtraCandidate(word: string): boolean;
}

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
  const rank = (w: string): number => ranks.get(w) ?? Infinity;
  return {
    rank,
    isWord: (w) => !fixes.has(w) && (ranks.has(w) || sets.has(w)),
    confusions: (w) => sets.get(w) ?? [],
    homophones: (w) => homophones.get(w) ?? [],
    inflections: (w) => inflections.get(w) ?? [],
    spellingFix: (w) => fixes.get(w),
    nearWords(word, maxDistance, limit) {
      const found: Array<{ w: string; d: number }> = [];
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        for (const w of byLength.get(len) ?? []) {
          const d = damerau(word, w, maxDistance);
          if (d <= maxDistance && w !== word) found.push({ w, d });
        }
      }
      found.sort((a, b) => a.d - b.d || rank(a.w) - rank(b.w));
      return found.slice(0, limit).map((f) => f.w);
    },
    missable: confusionsData.missable,
    isExtraCandidate: (w) => functionWords.has(w),
  };
}

/** Optimal-string-alignment distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`. */
export function damerau(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * Real words one or two slips away from a word ("batter" → "better", "moon" → "noon",
 * "form" → "from", "hole" → "whole", "excepted" → "accepted"): the candidates of a real-word
 * slip, which no misspelling list holds because both sides are words.
 *
 * Distance is optimal-string-alignment (insertion, deletion, substitution, transposition of
 * neighbours). Distance 1 is looked up in a deletion index over the whole word list (a word and
 * its one-letter deletions; two words are within distance 1 only if one of them or one of their
 * deletions meet), so it costs microseconds, not a scan; distance 2 scans only the
 * `DISTANCE2_POOL` most frequent words (the likely targets of a slip) of a length within one of
 * the word's (two substitutions, or one and a letter more or fewer: "excepted" → "accepted"). Results are
 * memoized per word (a flagged word comes back on every edit).
 *
 * Order: nearer first; at distance 1 by corpus frequency, a typist's slip (a doubled or undoubled
 * letter, a transposition, a keyboard neighbour) counting as `SLIP_BONUS` times more frequent
 * ("batter": "better", rank 226, before "hatter", a keyboard slip but rare); at distance 2 by
 * frequency.
 */
import { damerau, letterMask, mayBeWithin } from './damerau';

/** Words scanned for distance 2: the most frequent of the list. */
export const DISTANCE2_POOL = 12_000;
const MEMO = 20_000;
/** A typist's slip at distance 1 ranks as if its word were this many times more frequent. */
export const SLIP_BONUS = 20;

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_AT = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((c, k) => KEY_AT.set(c, [r, k + r * 0.5])));

/** Whether `a` and `b` are neighbouring keys on a QWERTY keyboard (rows staggered by half a key). */
export function keyboardNeighbours(a: string, b: string): boolean {
  const p = KEY_AT.get(a);
  const q = KEY_AT.get(b);
  if (!p || !q || a === b) return false;
  return Math.abs(p[0] - q[0]) <= 1 && Math.abs(p[1] - q[1]) <= 1;
}

/** Whether `b` is `a` with one typist's slip: a letter doubled or undoubled, two neighbours
 * swapped, or one letter hit on a neighbouring key. */
export function typistSlip(a: string, b: string): boolean {
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return keyboardNeighbours(a[diff[0]], b[diff[0]]);
    return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return (i > 0 && long[i - 1] === long[i]) || long[i + 1] === long[i];
  }
  return false;
}

export class NearWords {
  private readonly deletes = new Map<string, number[]>();
  /** Indices of the `DISTANCE2_POOL` most frequent words, by length. */
  private readonly byLength = new Map<number, number[]>();
  private readonly memo = new Map<string, string[]>();
  /** `letterMask` of each of the `DISTANCE2_POOL` most frequent words. */
  private readonly masks: Int32Array;

  /** `words`: letter words, most frequent first (their index is the frequency order). */
  constructor(private readonly words: readonly string[]) {
    this.masks = Int32Array.from(words.slice(0, DISTANCE2_POOL), letterMask);
    words.forEach((w, i) => {
      for (const key of new Set([w, ...oneDeletions(w)])) {
        const list = this.deletes.get(key);
        if (list) list.push(i);
        else this.deletes.set(key, [i]);
      }
      if (i < DISTANCE2_POOL) {
        const list = this.byLength.get(w.length) ?? [];
        list.push(i);
        this.byLength.set(w.length, list);
      }
    });
  }

  /** At most `limit` words at distance 1 or 2 of `word` (lower case), in the order above; never `word`. */
  near(word: string, limit: number): string[] {
    const key = `${word} ${limit}`;
    const known = this.memo.get(key);
    if (known) return known;
    const one = new Set<number>();
    for (const k of new Set([word, ...oneDeletions(word)])) for (const i of this.deletes.get(k) ?? []) one.add(i);
    // Word indices are frequency ranks: sorting by index sorts by frequency.
    const first = [...one]
      .filter((i) => this.words[i] !== word && damerau(word, this.words[i], 1) === 1)
      .map((i) => ({ i, key: Math.log(i + 1) - (typistSlip(word, this.words[i]) ? Math.log(SLIP_BONUS) : 0) }));
    first.sort((a, b) => a.key - b.key || a.i - b.i);
    const out = first.slice(0, limit).map((f) => this.words[f.i]);
    if (out.length < limit) {
      const seen = new Set([word, ...out]);
      const second: number[] = [];
      const mask = letterMask(word);
      // Two letters more or fewer is a different word, not a slip ("about" is not "out").
      for (let len = word.length - 1; len <= word.length + 1; len++) {
        for (const i of this.byLength.get(len) ?? []) {
          if (mayBeWithin(mask, this.masks[i], 2) && !seen.has(this.words[i]) && damerau(word, this.words[i], 2) === 2) second.push(i);
        }
      }
      second.sort((a, b) => a - b);
      out.push(...second.slice(0, limit - out.length).map((i) => this.words[i]));
    }
    if (this.memo.size >= MEMO) this.memo.delete(this.memo.keys().next().value as string);
    this.memo.set(key, out);
    return out;
  }
}

function oneDeletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

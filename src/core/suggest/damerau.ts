/** Edit distance of two words, the suggester's measure of spelling slips. */

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

/** The set of letters a–z in `w` as bits (bit 0: a); other characters are ignored. */
export function letterMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

/**
 * Whether two words whose letter sets are `a` and `b` (`letterMask`) may be within distance
 * `max`: one edit changes the set of letters by at most two (a substitution drops one letter and
 * adds another), so more than `2 * max` differing letters rule it out. A cheap filter before
 * `damerau` when scanning a word list.
 */
export function mayBeWithin(a: number, b: number, max: number): boolean {
  let x = a ^ b;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  const bits = (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  return bits <= 2 * max;
}

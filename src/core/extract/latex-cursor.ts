/**
 * The LaTeX scanner's cursor over the source: skipping math, verbatim, groups, optional
 * arguments, spaces and line ends (`\n`, `\r\n` or a lone `\r`), and turning accents into
 * letters. Every method takes an index into the source and returns the index after what it
 * skipped (UTF-16 units), never beyond `to`; all stay linear on unbalanced input.
 */
import { ACCENT } from './latex-commands';
import type { ProseBuilder } from './offset-map';

/** Longest optional `[...]` argument recognised, in UTF-16 units. */
const MAX_OPTIONAL = 2000;

export const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40;
export const isLineEnd = (c: number): boolean => c === 0x0a || c === 0x0d;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

export abstract class LatexCursor {
  /** Set once a search for a closing `$` failed: no later one can succeed either. */
  private noClosingDollar = false;
  /** Math closers (`\)`, `\]`) a search already failed to find. */
  private readonly unclosed = new Set<string>();

  constructor(
    protected readonly src: string,
    protected readonly out: ProseBuilder,
  ) {}

  /** `\'e`, `\"{o}` → the accented letter (NFC), mapped to the whole command. */
  protected accent(i: number, to: number): number {
    const src = this.src;
    let k = i + 2;
    const braced = src[k] === '{';
    if (braced) k++;
    const base = src.charCodeAt(k);
    if (k >= to || !/[A-Za-z]/.test(src[k])) return i + 2;
    k++;
    if (braced) {
      if (src[k] !== '}') return i + 2;
      k++;
    }
    this.out.replacement((String.fromCharCode(base) + ACCENT[src[i + 1]]).normalize('NFC'), i, k);
    return k;
  }

  /** `$…$` or `$$…$$` at `i`: replaced by one space; a lone `$` is skipped. */
  protected skipDollarMath(i: number, to: number): number {
    const src = this.src;
    this.out.synthetic(' ', i);
    if (src.charCodeAt(i + 1) === 0x24) {
      const close = src.indexOf('$$', i + 2);
      return close < 0 || close >= to ? to : close + 2;
    }
    if (this.noClosingDollar) return i + 1;
    for (let k = i + 1; k < to; k++) {
      const c = src.charCodeAt(k);
      if (c === 0x5c) k++;
      else if (c === 0x24) return k + 1;
    }
    this.noClosingDollar = true;
    return i + 1;
  }

  /** `\(…\)` / `\[…\]` at `i`: replaced by one space; an unclosed opener is skipped alone. */
  protected skipMath(i: number, closer: string, to: number): number {
    this.out.synthetic(' ', i);
    if (this.unclosed.has(closer)) return i + 2;
    const close = this.src.indexOf(closer, i + 2);
    if (close < 0) this.unclosed.add(closer); // no later search can succeed: stay linear
    return close < 0 || close >= to ? i + 2 : close + 2;
  }

  /** `\verb|…|`, `\lstinline{…}`, `\mintinline{lang}{…}` with the delimiter at `k`. */
  protected skipVerb(name: string, k: number, to: number): number {
    const src = this.src;
    this.out.synthetic(' ', k);
    if (name === 'mintinline' && src[k] === '{') k = this.skipGroup(k, to);
    k = this.skipOptionals(k, to);
    if (k >= to) return to;
    if (src[k] === '{') return this.skipGroup(k, to);
    const close = src.indexOf(src[k], k + 1);
    return close < 0 || close >= to ? to : close + 1;
  }

  /** Index after the group opened at `open` (`{`), escape- and comment-aware; `to` if unbalanced. */
  protected skipGroup(open: number, to: number): number {
    const src = this.src;
    let depth = 0;
    for (let k = open; k < to; k++) {
      const c = src.charCodeAt(k);
      if (c === 0x5c) k++;
      else if (c === 0x25) k = this.lineEnd(k, to) - 1;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) return k + 1;
    }
    return to;
  }

  /** Index after the `[...]` at `open`, ending at the first `]` outside braces. */
  protected skipBracket(open: number, to: number): number {
    const src = this.src;
    let depth = 0;
    // Optional arguments are short; the cap keeps unclosed brackets from going quadratic.
    const limit = Math.min(to, open + MAX_OPTIONAL);
    for (let k = open + 1; k < limit; k++) {
      const c = src.charCodeAt(k);
      if (c === 0x5c) k++;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d) depth = Math.max(0, depth - 1);
      else if (c === 0x5d && depth === 0) return k + 1;
      else if (isLineEnd(c) && this.blankLineAt(this.afterLineEnd(k, to), to)) return open + 1;
    }
    return open + 1; // unbalanced: skip only the bracket
  }

  /** Skips optional arguments directly after `k` (spaces allowed before each). */
  protected skipOptionals(k: number, to: number): number {
    for (;;) {
      const b = this.skipSpaces(k, to);
      if (this.src[b] !== '[') return k;
      const after = this.skipBracket(b, to);
      if (after === b + 1) return k;
      k = after;
    }
  }

  /** Skips spaces, tabs and at most one line ending (not a blank line). */
  protected skipSpaces(k: number, to: number): number {
    const src = this.src;
    while (k < to && isBlank(src.charCodeAt(k))) k++;
    if (k < to && isLineEnd(src.charCodeAt(k))) {
      const next = this.afterLineEnd(k, to);
      if (this.blankLineAt(next, to)) return k;
      k = next;
      while (k < to && isBlank(src.charCodeAt(k))) k++;
    }
    return k;
  }

  protected lineEnd(k: number, to: number): number {
    while (k < to && !isLineEnd(this.src.charCodeAt(k))) k++;
    return k;
  }

  /** After the line ending at `k` (CRLF, CR or LF); `k` itself if none is there. */
  protected afterLineEnd(k: number, to: number): number {
    const c = this.src.charCodeAt(k);
    if (k >= to || !isLineEnd(c)) return k;
    return c === 0x0d && this.src.charCodeAt(k + 1) === 0x0a && k + 1 < to ? k + 2 : k + 1;
  }

  /** Whether the line starting at `k` holds only spaces and tabs. */
  protected blankLineAt(k: number, to: number): boolean {
    while (k < to && isBlank(this.src.charCodeAt(k))) k++;
    return k >= to || isLineEnd(this.src.charCodeAt(k));
  }

  /** Whether only spaces/tabs precede `i` on its line (within the scanned range). */
  protected isLineStartBefore(i: number, from: number): boolean {
    let k = i - 1;
    while (k >= from && isBlank(this.src.charCodeAt(k))) k--;
    return k < from || isLineEnd(this.src.charCodeAt(k));
  }
}

/** The first match of global `re` at or after `from` that is not inside a `%` comment. */
export function findOutsideComments(src: string, re: RegExp, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const lineStart = Math.max(src.lastIndexOf('\n', m.index), src.lastIndexOf('\r', m.index)) + 1;
    if (!/(?:^|[^\\])(?:\\\\)*%/.test(src.slice(lineStart, m.index))) return m;
  }
  return null;
}

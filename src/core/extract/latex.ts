/**
 * LaTeX extraction with a linear, non-recursive scanner (unbalanced input never throws).
 *
 * Skipped: `%` comments, math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, math environments),
 * verbatim/code environments, `\verb`, command names, optional `[...]` arguments,
 * non-prose arguments (see `latex-commands.ts`), and the preamble before
 * `\begin{document}` except `\title`. Escapes (`\%`, `\&`…) and `~` become their
 * characters; dashes and ``quotes'' stay as written.
 *
 * Placeholders: inline and display math become one synthetic space. Blocks end at blank
 * lines, sectioning commands (whose argument is its own block), `\item`, environment
 * boundaries and table cells. Footnotes are moved after the document as their own
 * blocks so that they do not split the sentence they annotate.
 */
import {
  ACCENT, ARG_PATTERN, BLOCK_ARG, DEFERRED_ARG, ENV_ARGS, ESCAPED_CHAR, MATH_ENV,
  PARAGRAPH_COMMAND, TABLE_ENV, TEXT_COMMAND, VERBATIM_ENV,
} from './latex-commands';
import { findOutsideComments, isLetter, isLineEnd, LatexCursor } from './latex-cursor';
import { ProseBuilder, type Prose } from './offset-map';

const enum Group { Plain, Block }

export function extractLatex(source: string): Prose {
  return new LatexScanner(source).run();
}

class LatexScanner extends LatexCursor {
  private readonly deferred: Array<[number, number]> = [];

  constructor(src: string) {
    super(src, new ProseBuilder(src));
  }

  run(): Prose {
    const src = this.src;
    const begin = findOutsideComments(src, /\\begin\s*\{document\}/g, 0);
    if (begin) {
      this.scanTitles(0, begin.index);
      const end = findOutsideComments(src, /\\end\s*\{document\}/g, begin.index + begin[0].length);
      this.scan(begin.index + begin[0].length, end ? end.index : src.length);
    } else {
      this.scan(0, src.length);
    }
    // Footnotes (and footnotes inside footnotes) become blocks after the body.
    for (let k = 0; k < this.deferred.length; k++) {
      this.out.paragraph(this.deferred[k][0]);
      this.scan(this.deferred[k][0], this.deferred[k][1]);
    }
    return this.out.build();
  }

  /** In the preamble only `\title{...}` is prose. */
  private scanTitles(from: number, to: number): void {
    const re = /\\title\s*(?:\[[^\]]*\]\s*)?\{/g;
    for (let m = findOutsideComments(this.src, re, from); m && m.index < to; m = findOutsideComments(this.src, re, re.lastIndex)) {
      const open = m.index + m[0].length - 1;
      const close = Math.min(this.skipGroup(open, to), to);
      this.out.paragraph(open);
      this.scan(open + 1, this.src.charCodeAt(close - 1) === 0x7d ? close - 1 : close);
      this.out.paragraph(close);
    }
  }

  /** Scans `[from, to)`, appending prose. */
  private scan(from: number, to: number): void {
    const src = this.src;
    const out = this.out;
    const groups: Group[] = [];
    const envs: string[] = [];
    let run = -1; // start of the pending verbatim copy
    let i = from;
    const flush = (): void => {
      if (run >= 0) out.source(run, i);
      run = -1;
    };
    const copy = (): void => {
      if (run < 0) run = i;
      i++;
    };
    while (i < to) {
      const c = src.charCodeAt(i);
      if (c === 0x25 /* % */) {
        flush();
        const lineStart = this.isLineStartBefore(i, from);
        i = this.lineEnd(i, to);
        // A comment filling its line takes the line with it, so it does not fake a blank line.
        if (lineStart) i = this.afterLineEnd(i, to);
        if (lineStart && this.blankLineAt(i, to)) out.breakBlock();
      } else if (isLineEnd(c)) {
        if (run < 0) run = i;
        i = this.afterLineEnd(i, to);
        if (this.blankLineAt(i, to)) {
          flush();
          out.breakBlock();
        }
      } else if (c === 0x7e /* ~ */) {
        flush();
        out.replacement(' ', i, i + 1);
        i++;
      } else if (c === 0x26 /* & */) {
        flush();
        out.paragraph(i);
        i++;
      } else if (c === 0x7b /* { */) {
        flush();
        groups.push(Group.Plain);
        i++;
      } else if (c === 0x7d /* } */) {
        flush();
        if (groups.pop() === Group.Block) out.paragraph(i);
        i++;
      } else if (c === 0x24 /* $ */) {
        flush();
        i = this.skipDollarMath(i, to);
      } else if (c === 0x5c /* \ */) {
        flush();
        i = this.command(i, to, groups, envs);
      } else {
        copy();
      }
    }
    flush();
  }

  /** Handles the control sequence at `i` (a backslash); returns where scanning resumes. */
  private command(i: number, to: number, groups: Group[], envs: string[]): number {
    const src = this.src;
    const out = this.out;
    if (i + 1 >= to) return to;
    const first = src.charCodeAt(i + 1);
    if (!isLetter(first)) {
      const sym = src[i + 1];
      if (ESCAPED_CHAR.has(sym)) {
        out.replacement(sym, i, i + 2);
        return i + 2;
      }
      if (sym === '\\') {
        if (TABLE_ENV.has(envs[envs.length - 1] ?? '')) out.paragraph(i);
        else out.synthetic('\n', i);
        let k = i + 2;
        if (src[k] === '*') k++;
        return src[k] === '[' ? this.skipBracket(k, to) : k;
      }
      if (sym === '(') return this.skipMath(i, '\\)', to);
      if (sym === '[') return this.skipMath(i, '\\]', to);
      if (sym === ' ' || sym === ',' || sym === ';' || sym === ':' || sym === '>') {
        out.replacement(' ', i, i + 2);
        return i + 2;
      }
      if (isLineEnd(first)) {
        out.synthetic(' ', i);
        return i + 1;
      }
      if (Object.hasOwn(ACCENT, sym)) return this.accent(i, to);
      return i + 2; // \- \/ \! \@ and friends print nothing
    }
    let k = i + 1;
    while (k < to && isLetter(src.charCodeAt(k))) k++;
    const name = src.slice(i + 1, k);
    if (src[k] === '*') k++;
    if (name === 'verb' || name === 'lstinline' || name === 'mintinline') return this.skipVerb(name, k, to);
    if (name === 'begin' || name === 'end') return this.environment(name, i, k, to, envs);
    if (name === 'def' || name === 'gdef' || name === 'edef' || name === 'xdef') {
      // \def\name#1#2{body}: skip to the body and over it.
      let b = k;
      while (b < to && src[b] !== '{' && !isLineEnd(src.charCodeAt(b))) b++;
      return src[b] === '{' ? this.skipGroup(b, to) : b;
    }
    if (Object.hasOwn(TEXT_COMMAND, name)) {
      out.replacement(TEXT_COMMAND[name], i, k);
      return src.startsWith('{}', k) ? k + 2 : k;
    }
    if (PARAGRAPH_COMMAND.has(name)) out.paragraph(i);
    k = this.skipOptionals(k, to);
    if (BLOCK_ARG.has(name) || DEFERRED_ARG.has(name)) {
      const open = this.skipSpaces(k, to);
      if (src[open] !== '{') return k;
      if (DEFERRED_ARG.has(name)) {
        const close = this.skipGroup(open, to);
        this.deferred.push([open + 1, src.charCodeAt(close - 1) === 0x7d ? close - 1 : close]);
        return close;
      }
      out.paragraph(open);
      groups.push(Group.Block);
      return open + 1;
    }
    const pattern = Object.hasOwn(ARG_PATTERN, name) ? ARG_PATTERN[name] : '';
    for (const arg of pattern) {
      const open = this.skipOptionals(this.skipSpaces(k, to), to);
      if (src[open] !== '{') return k;
      if (arg === 'k') return open; // the main loop opens the group and keeps its text
      k = this.skipGroup(open, to);
    }
    return k;
  }

  /** `\begin{name}` / `\end{name}` at `i`, name group expected at `k`. */
  private environment(which: string, i: number, k: number, to: number, envs: string[]): number {
    const src = this.src;
    const open = this.skipSpaces(k, to);
    this.out.paragraph(i);
    if (src[open] !== '{') return k;
    const close = this.skipGroup(open, to);
    const env = src.slice(open + 1, close - 1).trim();
    const base = env.endsWith('*') ? env.slice(0, -1) : env;
    if (which === 'end') {
      if (envs[envs.length - 1] === env) envs.pop();
      return close;
    }
    if (MATH_ENV.has(base) || VERBATIM_ENV.has(base)) {
      const endTag = new RegExp(`\\\\end\\s*\\{${env.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`, 'g');
      endTag.lastIndex = close;
      const m = endTag.exec(src);
      const after = m && m.index < to ? m.index + m[0].length : to;
      if (MATH_ENV.has(base)) this.out.synthetic(' ', i);
      else this.out.paragraph(after);
      return after;
    }
    envs.push(env);
    let p = this.skipOptionals(close, to);
    for (let n = ENV_ARGS[env] ?? 0; n > 0; n--) {
      const q = this.skipOptionals(this.skipSpaces(p, to), to);
      if (src[q] !== '{') break;
      p = this.skipGroup(q, to);
    }
    return p;
  }
}

/**
 * Splits a Markdown document into chunks that parse independently to the same prose,
 * because micromark's cost grows faster than linearly on large documents. Offsets are
 * UTF-16 units into the source.
 *
 * A chunk may begin only at a line that (1) follows a blank line, (2) starts in column 0
 * with a non-blank character (so it cannot continue an indented list item or code
 * block) other than `---`/`+++` (which would open front matter), and (3) is outside
 * fenced code and multi-paragraph HTML blocks. Documents
 * with link or footnote definitions (`[x]: …`, `[^x]: …`) are not split, since
 * references resolve across the whole document. Being conservative is always safe:
 * fewer splits only cost time.
 */

/** Smallest chunk worth parsing on its own. */
const MIN_CHUNK = 16 * 1024;
const DEFINITION = /^ {0,3}\[[^\]\r\n]*\]:/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML block starts (CommonMark types 1–5) that may span blank lines, with their end marker. */
const HTML_BLOCKS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Chunk boundaries: `[0, …, source.length]`, strictly increasing (just `[0, n]` when not split). */
export function markdownChunks(source: string, minChunk = MIN_CHUNK): number[] {
  const bounds = [0];
  if (source.length < 2 * minChunk || DEFINITION.test(source)) {
    bounds.push(source.length);
    return bounds;
  }
  let fence: string | undefined; // the open fence's marker run, e.g. "````"
  let htmlEnd: RegExp | undefined; // the end marker of the open HTML block
  let previousBlank = false;
  const line = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = line.exec(source); m && m[0].length > 0; m = line.exec(source)) {
    const start = m.index;
    const text = m[0].replace(/[\r\n]+$/, '');
    if (fence !== undefined) {
      const close = FENCE.exec(text);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && /^\s*$/.test(text.slice(close[0].length))) fence = undefined;
      previousBlank = false;
      continue;
    }
    if (htmlEnd !== undefined) {
      if (htmlEnd.test(text)) htmlEnd = undefined;
      previousBlank = false;
      continue;
    }
    if (previousBlank && /^[^\s]/.test(text) && !/^(?:---|\+\+\+)/.test(text) && start - bounds[bounds.length - 1] >= minChunk) bounds.push(start);
    const open = FENCE.exec(text);
    if (open) fence = open[1];
    else {
      const html = HTML_BLOCKS.find(([begin]) => begin.test(text));
      if (html && !html[1].test(text.slice(text.indexOf('<') + 2))) htmlEnd = html[1];
    }
    previousBlank = /^[ \t]*$/.test(text);
  }
  if (source.length - bounds[bounds.length - 1] < minChunk && bounds.length > 1) bounds.pop();
  bounds.push(source.length);
  return bounds;
}

/**
 * Detects Markdown that micromark cannot parse in reasonable time or stack: very deep
 * block nesting (quotes, indented lists) and very long runs of emphasis or bracket
 * delimiters, and paragraphs with thousands of link openers, whose resolution is
 * quadratic. Linear in the source length.
 */

/** Deepest block prefix (columns of indentation, `>` and `-`/`+`/`*` list markers) we hand to the parser. */
const MAX_PREFIX = 256;
/** Longest run of one delimiter character (`*`, `_`, `~`, `[`, `]`) we hand to the parser. */
const MAX_DELIMITER_RUN = 256;
/** Most `[` in one blank-line-separated chunk we hand to the parser. */
const MAX_BRACKETS_PER_CHUNK = 1000;

export function tooDeepForMarkdown(source: string): boolean {
  let prefix = 0;
  let atLineStart = true;
  let run = 0;
  let runChar = -1;
  let brackets = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a && source.charCodeAt(i - 1) === 0x0d) continue; // CRLF is one line ending
    if (c === 0x0a || c === 0x0d) {
      if (atLineStart) brackets = 0; // a (nearly) blank line ends the chunk
      atLineStart = true;
      prefix = 0;
    } else if (atLineStart && (c === 0x20 || c === 0x3e || c === 0x09 || c === 0x2d || c === 0x2b || c === 0x2a)) {
      prefix += c === 0x09 ? 4 : 1;
      if (prefix > MAX_PREFIX) return true;
    } else {
      atLineStart = false;
    }
    if (c === 0x5b && ++brackets > MAX_BRACKETS_PER_CHUNK) return true;
    if (c === 0x2a || c === 0x5f || c === 0x7e || c === 0x5b || c === 0x5d) {
      run = c === runChar ? run + 1 : 1;
      runChar = c;
      if (run > MAX_DELIMITER_RUN) return true;
    } else {
      runChar = -1;
    }
  }
  return false;
}

/** Plain-text extraction: every character is prose; `toSource` is the identity. */
import { ProseBuilder, type Prose } from './offset-map';

/** A line ending, optional spaces/tabs, another line ending: a paragraph break (CRLF/CR/LF). */
const BLANK_LINE = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;

/** Blocks are paragraphs separated by blank lines. */
export function extractPlaintext(source: string): Prose {
  const out = new ProseBuilder(source);
  let from = 0;
  BLANK_LINE.lastIndex = 0;
  for (let m = BLANK_LINE.exec(source); m !== null; m = BLANK_LINE.exec(source)) {
    out.source(from, m.index);
    out.breakBlock();
    from = m.index;
    // A CR followed by LF is one line ending: resume at the second line ending's end.
    BLANK_LINE.lastIndex = m.index + m[0].length;
  }
  out.source(from, source.length);
  return out.build();
}

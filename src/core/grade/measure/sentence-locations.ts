/**
 * Where a sentence is, as a student finds it: paragraph number and sentence number within the
 * paragraph (both 1-based), not a line number (an essay written as one paragraph, or read out of a
 * .docx, is "line 1" throughout). A paragraph ends at a blank line (`\n`, `\r\n` or `\r` twice,
 * spaces between allowed): how Markdown, text and the .docx/.pdf readers separate paragraphs. A
 * Markdown heading (`# Title`) is no paragraph of the essay: it is located as a heading and the
 * paragraphs after it are counted as a reader counts them.
 */

/** One sentence (source offsets `[start, end)`, UTF-16) and where it is; `paragraph` 0 and `heading` for a heading. */
export interface SentenceLocation { start: number; end: number; paragraph: number; sentence: number; heading?: true }

/** A line that opens with 1–6 `#` and a space (ATX heading), up to 3 spaces in. */
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

const PARAGRAPH_BREAK = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;

/** The location of every sentence of `sentences` (source order, as the scored document gives them). */
export function sentenceLocations(source: string, sentences: ReadonlyArray<{ start: number; end: number }>): SentenceLocation[] {
  const breaks: number[] = [];
  for (const m of source.matchAll(PARAGRAPH_BREAK)) breaks.push(m.index);
  const out: SentenceLocation[] = [];
  let b = 0;
  let paragraph = 0;
  let sentence = 0;
  let lastParagraphBreaks = -1;
  for (const s of sentences) {
    while (b < breaks.length && breaks[b] < s.start) b++;
    const lineStart = Math.max(source.lastIndexOf('\n', s.start - 1), source.lastIndexOf('\r', s.start - 1)) + 1;
    if (HEADING.test(source.slice(lineStart, s.start + 8))) {
      out.push({ start: s.start, end: s.end, paragraph: 0, sentence: 1, heading: true });
      lastParagraphBreaks = -1; // the text after a heading opens a new paragraph
      continue;
    }
    // A new paragraph when a break lies between the previous sentence and this one.
    if (b !== lastParagraphBreaks) { paragraph++; sentence = 0; lastParagraphBreaks = b; }
    sentence++;
    out.push({ start: s.start, end: s.end, paragraph, sentence });
  }
  return out;
}

/** The location holding `offset` (binary search), or the last one starting before it; undefined before the first. */
export function locationAt(locations: readonly SentenceLocation[], offset: number): SentenceLocation | undefined {
  let lo = 0;
  let hi = locations.length - 1;
  let found: SentenceLocation | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (locations[mid].start <= offset) { found = locations[mid]; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

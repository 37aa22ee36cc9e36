/**
 * Sentence boundaries with `Intl.Segmenter`, read from the prose, not the lines. Spans are
 * UTF-16 offsets into the text given, trimmed of surrounding whitespace; whitespace-only
 * segments are dropped.
 *
 * The one rule for where a sentence (and so every context row: windows, targets, the suggester,
 * the homophone check) may end: a soft line break inside a paragraph is a space. Writers
 * hard-wrap Markdown, LaTeX, plain text and commit messages at 72 or 80 columns, and
 * `Intl.Segmenter` ends a sentence at every line break (UAX #29, rule SB4), which cut
 * "…shared across there\nneighbourhoods." in two and left "there" without its right context.
 * Only a paragraph break (a line break followed, after optional spaces, by another) ends one.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * `text` with every soft line break (`\n`, `\r\n`, a lone `\r` or U+2028 in a run of
 * whitespace holding no other line break) replaced by spaces of the same length, so that
 * offsets are unchanged. A run holding two or more line breaks (a blank line) is kept.
 */
export function softBreaksAsSpaces(text: string): string {
  return text.replace(/[^\S\r\n\u2028\u2029]*(?:\r\n|\r|\n|\u2028)[^\S\r\n\u2028\u2029]*(?![^\S\r\n\u2028\u2029]*[\r\n\u2028\u2029])/g, (run, at: number) => {
    // A run right after another line break is the second half of a blank line: keep it.
    const prev = at > 0 ? text[at - 1] : '';
    return prev === '\n' || prev === '\r' || prev === '\u2028' || prev === '\u2029' ? run : ' '.repeat(run.length);
  });
}

/** Sentences of `text.slice(start, end)`, as `[start, end)` offsets into `text`, in order. */
export function sentenceSpans(text: string, start = 0, end = text.length): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const slice = softBreaksAsSpaces(text.slice(start, end));
  for (const seg of segmenter.segment(slice)) {
    let s = seg.index;
    let e = seg.index + seg.segment.length;
    while (s < e && /\s/.test(slice[s])) s++;
    while (e > s && /\s/.test(slice[e - 1])) e--;
    if (e > s) spans.push({ start: start + s, end: start + e });
  }
  return spans;
}

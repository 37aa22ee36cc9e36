/**
 * Sentence boundaries with `Intl.Segmenter`. Spans are UTF-16 offsets into the text
 * given, trimmed of surrounding whitespace; whitespace-only segments are dropped.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of `text.slice(start, end)`, as `[start, end)` offsets into `text`, in order. */
export function sentenceSpans(text: string, start = 0, end = text.length): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const slice = text.slice(start, end);
  for (const seg of segmenter.segment(slice)) {
    let s = seg.index;
    let e = seg.index + seg.segment.length;
    while (s < e && /\s/.test(slice[s])) s++;
    while (e > s && /\s/.test(slice[e - 1])) e--;
    if (e > s) spans.push({ start: start + s, end: start + e });
  }
  return spans;
}

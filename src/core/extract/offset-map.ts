/**
 * Builds extracted prose together with its map back to the source. This is the ONE
 * place where prose offsets become source offsets.
 *
 * Units: every offset here is a UTF-16 code unit; prose offsets index `Prose.text`,
 * source offsets index the original source string. Ranges are half-open.
 *
 * Invariants of a built `Prose`:
 * - A character appended with `source()` maps to exactly one source code unit, and a
 *   run of such characters maps to the identical source slice.
 * - A `replacement()` (a decoded escape or entity, e.g. `\%` → `%`) maps, as a whole,
 *   to the source range it was decoded from.
 * - `synthetic()` text (separators and placeholders) is whitespace only and maps to a
 *   zero-width position in the source, so it never widens a returned span.
 * - `blocks` are trimmed of surrounding whitespace, non-empty, ordered, non-overlapping.
 */

/** Extracted prose and its map back to the source. */
export interface Prose {
  /** The prose, as the model should read it. */
  text: string;
  /** Paragraphs, headings, list items and table cells as `[start, end)` in `text`. */
  blocks: Array<{ start: number; end: number }>;
  /**
   * Maps the prose span `[start, end)` to a source span. A span inside one copied run
   * maps to the identical source span; a span crossing runs maps to
   * `[source start of its first char, source end of its last char)`. An empty span maps
   * to the empty source span where its position lies. Out-of-range input is clamped.
   */
  toSource(start: number, end: number): { start: number; end: number };
}

const COPY = 0;
const REPLACE = 1;
const SYNTHETIC = 2;

/** Accumulates prose segments in prose order; source order need not be monotone. */
export class ProseBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** The last two prose code units, to avoid doubling separators. */
  private tail = '';
  // Parallel arrays (one entry per segment) keep lookups cheap for large documents.
  private readonly proseStarts: number[] = [];
  private readonly srcStarts: number[] = [];
  private readonly srcEnds: number[] = [];
  private readonly kinds: number[] = [];
  private readonly breaks: number[] = [0];

  constructor(private readonly src: string) {}

  /** Current prose length (UTF-16 units). */
  get size(): number {
    return this.length;
  }

  /** Copies `src[start, end)` into the prose verbatim. */
  source(start: number, end: number): void {
    if (end <= start) return;
    const n = this.kinds.length - 1;
    if (n >= 0 && this.kinds[n] === COPY && this.srcEnds[n] === start) {
      this.srcEnds[n] = end; // contiguous copy: extend the run
    } else {
      this.push(COPY, start, end);
    }
    this.write(this.src.slice(start, end));
  }

  /** Appends `text` standing for the whole source range `[start, end)`. */
  replacement(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.push(REPLACE, start, end);
    this.write(text);
  }

  /** Appends whitespace that is not in the source, anchored at source offset `at`. */
  synthetic(text: string, at: number): void {
    if (text.length === 0) return;
    this.push(SYNTHETIC, at, at);
    this.write(text);
  }

  /**
   * Ends the current block and, when prose precedes it, separates the next one with a
   * synthetic blank line anchored at source offset `at`, so words never run across blocks.
   */
  paragraph(at: number): void {
    this.breakBlock();
    if (this.length > 0 && !this.tail.endsWith('\n\n')) this.synthetic('\n\n', at);
  }

  /** Ends the current block (paragraph, heading, cell...). Idempotent. */
  breakBlock(): void {
    if (this.breaks[this.breaks.length - 1] !== this.length) this.breaks.push(this.length);
  }

  build(): Prose {
    const text = this.parts.join('');
    this.breakBlock();
    const blocks: Array<{ start: number; end: number }> = [];
    for (let b = 1; b < this.breaks.length; b++) {
      let start = this.breaks[b - 1];
      let end = this.breaks[b];
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end > start) blocks.push({ start, end });
    }
    const { proseStarts, srcStarts, srcEnds, kinds } = this;
    const last = kinds.length - 1;
    const find = (p: number): number => {
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (proseStarts[mid] <= p) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const startOf = (p: number): number => {
      if (last < 0) return 0;
      if (p >= text.length) return srcEnds[last];
      const i = find(p);
      return kinds[i] === COPY ? srcStarts[i] + (p - proseStarts[i]) : srcStarts[i];
    };
    const endOf = (p: number): number => {
      const i = find(p);
      return kinds[i] === COPY ? srcStarts[i] + (p - proseStarts[i]) + 1 : srcEnds[i];
    };
    const toSource = (start: number, end: number): { start: number; end: number } => {
      const s = Math.max(0, Math.min(start, text.length));
      const e = Math.max(s, Math.min(end, text.length));
      const a = startOf(s);
      if (e === s || last < 0) return { start: a, end: a };
      // Deferred blocks (LaTeX footnotes) can put source order out of prose order.
      return { start: a, end: Math.max(a, endOf(e - 1)) };
    };
    return { text, blocks, toSource };
  }

  private push(kind: number, start: number, end: number): void {
    this.proseStarts.push(this.length);
    this.srcStarts.push(start);
    this.srcEnds.push(end);
    this.kinds.push(kind);
  }

  private write(s: string): void {
    this.tail = (this.tail + s).slice(-2);
    this.parts.push(s);
    this.length += s.length;
  }
}

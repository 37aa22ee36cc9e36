/** 1-based line numbers of UTF-16 offsets in one source text. */
export class LineIndex {
  /** UTF-16 offsets at which each line starts; `starts[0] === 0`. */
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line of `offset`. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of `offset` in UTF-16 code units. */
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1] + 1;
  }
}

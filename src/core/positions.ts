/**
 * Line/column lookup for UTF-16 offsets of a source text. Lines end at \n, \r\n or a
 * lone \r (as VS Code counts them); lines and columns are 1-based, columns in UTF-16 units.
 */
export type PositionOf = (offset: number) => { line: number; column: number };

/** Builds the line-start index of `source` once; each lookup is a binary search. */
export function positionIndex(source: string): PositionOf {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/**
 * Plain-text submissions (.txt, .md, .tex): strict UTF-8 with an optional BOM. Binary files and
 * invalid UTF-8 are refused with a reason rather than graded as garbage.
 */

/** Decodes `bytes` as UTF-8 text; returns the text (BOM removed) or a reason it is not text. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { reason: 'the file is UTF-16; save it as UTF-8' };
  }
  const body = bytes.subarray(start);
  // NUL bytes do not occur in text; they mark a binary file (an image, a .doc, an archive...).
  if (body.subarray(0, 8192).includes(0)) return { reason: 'the file is binary, not text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const at = firstInvalidUtf8(body);
    return { reason: `the file is not valid UTF-8 (byte ${at}); save it as UTF-8` };
  }
}

/** Offset of the first byte that breaks UTF-8 (for the error message). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

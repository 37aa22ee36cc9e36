/**
 * Prose extraction: turns a source document into the prose the model reads, with a map
 * back to source offsets (UTF-16 units, half-open). See `offset-map.ts` for invariants.
 */
import type { DocumentFormat } from '../types';
import { extractLatex } from './latex';
import { extractMarkdown } from './markdown';
import type { Prose } from './offset-map';
import { extractPlaintext } from './plaintext';

export type { Prose } from './offset-map';
export { FILE_TYPES, fileTypeOf, formatFromLanguageId, formatFromPath, type FileKind, type FileType } from './format';

/** Extracts the prose of `source`. Never throws on any input string. */
export function extractProse(source: string, format: DocumentFormat): Prose {
  switch (format) {
    case 'markdown':
      return extractMarkdown(source);
    case 'latex':
      return extractLatex(source);
    case 'plaintext':
      return extractPlaintext(source);
    default:
      return unknownFormat(format);
  }
}

/** A `DocumentFormat` without an extractor is a compile error (`never`); a bad string from a JS caller, a clear one. */
function unknownFormat(format: never): never {
  throw new Error(`Unknown document format "${String(format)}": use markdown, latex or plaintext.`);
}

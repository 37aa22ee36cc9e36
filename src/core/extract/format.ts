/** Maps file names and VS Code language ids to the formats the extractor understands. */
import type { DocumentFormat } from '../types';

/** How a file's bytes become text: UTF-8 text as it is, a Word document (mammoth) or a PDF (pdf.js). */
export type FileKind = 'text' | 'docx' | 'pdf';

/** A known file type: how its bytes are read and the prose format of the text read. */
export interface FileType {
  kind: FileKind;
  format: DocumentFormat;
}

/**
 * THE table of file extensions (lowercase, no dot): the checker's text formats and the
 * submissions grading reads (`read/`), the CLI and the editor's Grade Folder alike. Text read
 * out of a .docx or .pdf is plain text (paragraphs separated by a blank line).
 */
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  md: { kind: 'text', format: 'markdown' },
  markdown: { kind: 'text', format: 'markdown' },
  mdown: { kind: 'text', format: 'markdown' },
  mkd: { kind: 'text', format: 'markdown' },
  mkdn: { kind: 'text', format: 'markdown' },
  tex: { kind: 'text', format: 'latex' },
  latex: { kind: 'text', format: 'latex' },
  ltx: { kind: 'text', format: 'latex' },
  txt: { kind: 'text', format: 'plaintext' },
  text: { kind: 'text', format: 'plaintext' },
  docx: { kind: 'docx', format: 'plaintext' },
  pdf: { kind: 'pdf', format: 'plaintext' },
};

/** The entry of `FILE_TYPES` for `path`'s extension (case-insensitive); undefined when unknown. */
export function fileTypeOf(path: string): FileType | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(FILE_TYPES, ext) ? FILE_TYPES[ext] : undefined;
}

const BY_LANGUAGE_ID: Record<string, DocumentFormat> = {
  markdown: 'markdown',
  plaintext: 'plaintext',
  latex: 'latex',
  tex: 'latex',
  'git-commit': 'plaintext',
};

/** The prose format of a text file by its extension (case-insensitive); `undefined` when unknown or not text. */
export function formatFromPath(path: string): DocumentFormat | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === 'COMMIT_EDITMSG') return 'plaintext';
  const type = fileTypeOf(name);
  // A .docx or .pdf is not text an editor or `check` can read as it is.
  return type?.kind === 'text' ? type.format : undefined;
}

/** The format for a VS Code language id (`markdown`, `plaintext`, `latex`, `tex`, `git-commit`). */
export function formatFromLanguageId(languageId: string): DocumentFormat | undefined {
  return Object.hasOwn(BY_LANGUAGE_ID, languageId) ? BY_LANGUAGE_ID[languageId] : undefined;
}

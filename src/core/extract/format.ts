/** Maps file names and VS Code language ids to the formats the extractor understands. */
import type { DocumentFormat } from '../types';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  mkdn: 'markdown',
  tex: 'latex',
  latex: 'latex',
  ltx: 'latex',
  txt: 'plaintext',
  text: 'plaintext',
};

const BY_LANGUAGE_ID: Record<string, DocumentFormat> = {
  markdown: 'markdown',
  plaintext: 'plaintext',
  latex: 'latex',
  tex: 'latex',
  'git-commit': 'plaintext',
};

/** The format for a file path by its extension (case-insensitive); `undefined` when unknown. */
export function formatFromPath(path: string): DocumentFormat | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === 'COMMIT_EDITMSG') return 'plaintext';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return Object.hasOwn(BY_EXTENSION, name.slice(dot + 1).toLowerCase())
    ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()]
    : undefined;
}

/** The format for a VS Code language id (`markdown`, `plaintext`, `latex`, `tex`, `git-commit`). */
export function formatFromLanguageId(languageId: string): DocumentFormat | undefined {
  return Object.hasOwn(BY_LANGUAGE_ID, languageId) ? BY_LANGUAGE_ID[languageId] : undefined;
}

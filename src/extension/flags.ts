/**
 * Which scored words become flags (diagnostics): the core's findings (words at or above
 * the threshold, and repeated words) minus the words of the workspace word list and the
 * document's ignores. Pure; offsets stay those of the scored words (UTF-16, source).
 */
import { forEachFinding } from '../core/findings';
import type { DocumentFormat, Finding } from '../core/types';
import type { SourceWord } from './incremental-scorer';
import { wordKey } from './word-list';

/**
 * A finding as the editor shows it: the core's `Finding` (UTF-16 `[start, end)` in the
 * document source; live replaced words carry `replacedWordMessage`) without line/column
 * (VS Code positions come from the document), plus where to ask the generator for
 * suggestions: a text (the paragraph's prose, or the whole source for Grade File), its
 * format, and the word's `[start, end)` in it.
 */
export interface Flag extends Omit<Finding, 'line' | 'column'> {
  blockText: string;
  blockFormat: DocumentFormat;
  blockStart: number;
  blockEnd: number;
}

/** Live flags of a document from its scored words (source order). Runs on every edit, over
 * every word of the document: one pass, one object per flag. */
export function selectFlags(source: string, words: readonly SourceWord[], threshold: number, ignored: ReadonlySet<string>): Flag[] {
  const out: Flag[] = [];
  forEachFinding(source, words, threshold, (w, what) => {
    if (ignored.size > 0 && ignored.has(wordKey(w.text))) return;
    out.push({
      start: w.start,
      end: w.end,
      text: w.text,
      score: w.score,
      kind: what.kind,
      message: what.message,
      suggestions: what.suggestions,
      blockText: w.blockText,
      blockFormat: 'plaintext',
      blockStart: w.blockStart,
      blockEnd: w.blockEnd,
    });
  });
  return out;
}

/** Flags of findings computed on the whole `source` (Grade File). */
export function flagsOfFindings(source: string, format: DocumentFormat, findings: readonly Finding[], ignored: ReadonlySet<string>): Flag[] {
  return findings
    .filter((f) => !ignored.has(wordKey(f.text)))
    .map((f) => ({ ...fromFinding(f), blockText: source, blockFormat: format, blockStart: f.start, blockEnd: f.end }));
}

function fromFinding(f: Finding): Omit<Finding, 'line' | 'column'> {
  return { start: f.start, end: f.end, text: f.text, score: f.score, kind: f.kind, message: f.message, suggestions: f.suggestions };
}

// One wording for the CLI and the editor: the core's.
export { percent } from '../core/findings';

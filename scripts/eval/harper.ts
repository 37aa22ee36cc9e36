/**
 * harper.js (https://writewithharper.com, Apache-2.0), a rule-based English checker, as the
 * peer the model is measured beside. A devDependency used only here. Its `LocalLinter` runs
 * the WebAssembly build in the current Node process (the `WorkerLinter` needs a Web Worker).
 *
 * Dialect: British (FCE is a Cambridge exam; its annotators mark American spellings, SA).
 * Lints kept: the grammar and spelling kinds in `HARPER_KINDS`. Left out: Capitalization and
 * Punctuation (the evaluation leaves punctuation-only and capitalisation edits out, and the
 * model's vocabulary is uncased), Formatting (spacing), Readability (long sentences), Style,
 * Enhancement, Redundancy and Regionalism (style and dialect advice, not errors).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Lint kinds counted as flags: grammar, usage and spelling. */
export const HARPER_KINDS: readonly string[] = [
  'Agreement', 'BoundaryError', 'Eggcorn', 'Grammar', 'Malapropism', 'Miscellaneous', 'Nonstandard',
  'Repetition', 'Spelling', 'Typo', 'Usage', 'WordChoice', 'WordOrder',
];

/** Lint kinds left out (documented above). */
export const HARPER_KINDS_LEFT_OUT: readonly string[] = [
  'Capitalization', 'Punctuation', 'Formatting', 'Readability', 'Style', 'Enhancement', 'Redundancy', 'Regionalism',
];

export interface HarperSpan {
  start: number;
  end: number;
  kind: string;
}

export interface Harper {
  version: string;
  /** Kept lints of each text, UTF-16 offsets; `kinds` counts every lint by kind (kept or not). */
  lint(texts: readonly string[]): Promise<{ spans: HarperSpan[][]; kinds: Record<string, number> }>;
  dispose(): Promise<void>;
}

export function harperVersion(root: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', 'harper.js', 'package.json'), 'utf8')) as { version: string }).version;
}

export async function openHarper(root: string): Promise<Harper> {
  const { LocalLinter, Dialect } = await import('harper.js');
  const { binary } = await import('harper.js/binary');
  const linter = new LocalLinter({ binary, dialect: Dialect.British });
  await linter.setup();
  const kept = new Set(HARPER_KINDS);
  return {
    version: harperVersion(root),
    async lint(texts) {
      const spans: HarperSpan[][] = [];
      const kinds: Record<string, number> = {};
      for (const text of texts) {
        const lints = await linter.lint(text, { language: 'plaintext' });
        const mine: HarperSpan[] = [];
        for (const lint of lints) {
          const kind = lint.lint_kind();
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          const span = lint.span();
          if (kept.has(kind)) mine.push({ start: span.start, end: span.end, kind });
          span.free();
          lint.free();
        }
        spans.push(mine);
      }
      return { spans, kinds };
    },
    dispose: () => linter.dispose(),
  };
}

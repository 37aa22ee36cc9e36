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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A harper.js fix: `[kind, text]` with kind 0 replace the lint's span, 1 remove it, 2 insert after it. */
export type HarperFix = [number, string];

export interface Harper {
  version: string;
  /** Kept lints of each text with their first three fixes (for the suggestion accuracy). */
  lintWithFixes(texts: readonly string[]): Promise<Array<Array<HarperSpan & { fixes: HarperFix[] }>>>;
  /** Kept lints of each text, UTF-16 offsets; `kinds` counts every lint by kind (kept or not). */
  lint(texts: readonly string[]): Promise<{ spans: HarperSpan[][]; kinds: Record<string, number> }>;
  /** Writes the cache (when there is one) and frees the linter. */
  dispose(): Promise<void>;
}

export function harperVersion(root: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', 'harper.js', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every lint of one text: [start, end, kind, first three fixes]. */
type Lints = Array<[number, number, string, HarperFix[]?]>;

/**
 * Opens harper.js. With `cacheFile`, every text's lints (all kinds) are kept there by the
 * sha256 of the text, for this harper.js version and dialect: harper does not depend on the
 * model, so re-evaluating a model re-lints nothing (about a minute on 2 cores).
 */
export async function openHarper(root: string, cacheFile?: string): Promise<Harper> {
  const version = harperVersion(root);
  const cacheKey = `${version}/British/fixes`;
  let cache: Record<string, Lints> = {};
  if (cacheFile && existsSync(cacheFile)) {
    try {
      const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; lints: Record<string, Lints> };
      if (stored.key === cacheKey) cache = stored.lints;
    } catch {
      // unreadable: lint again
    }
  }
  let changed = false;
  let linter: import('harper.js').LocalLinter | undefined;
  const lintOne = async (text: string): Promise<Lints> => {
    if (!linter) {
      const { LocalLinter, Dialect } = await import('harper.js');
      const { binary } = await import('harper.js/binary');
      linter = new LocalLinter({ binary, dialect: Dialect.British });
      await linter.setup();
    }
    const out: Lints = [];
    for (const lint of await linter.lint(text, { language: 'plaintext' })) {
      const span = lint.span();
      const fixes: HarperFix[] = lint.suggestions().slice(0, 3).map((f) => {
        const fix: HarperFix = [Number(f.kind()), f.get_replacement_text()];
        f.free();
        return fix;
      });
      out.push([span.start, span.end, lint.lint_kind(), fixes]);
      span.free();
      lint.free();
    }
    return out;
  };
  const kept = new Set(HARPER_KINDS);
  const cached = async (text: string): Promise<Lints> => {
    const key = createHash('sha256').update(text).digest('hex');
    let lints = cache[key];
    if (!lints) {
      lints = await lintOne(text);
      cache[key] = lints;
      changed = true;
    }
    return lints;
  };
  return {
    version,
    async lintWithFixes(texts) {
      const out: Array<Array<HarperSpan & { fixes: HarperFix[] }>> = [];
      for (const text of texts) {
        out.push((await cached(text)).filter(([, , kind]) => kept.has(kind)).map(([start, end, kind, fixes]) => ({ start, end, kind, fixes: fixes ?? [] })));
      }
      return out;
    },
    async lint(texts) {
      const spans: HarperSpan[][] = [];
      const kinds: Record<string, number> = {};
      for (const text of texts) {
        const lints = await cached(text);
        const mine: HarperSpan[] = [];
        for (const [start, end, kind] of lints) {
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          if (kept.has(kind)) mine.push({ start, end, kind });
        }
        spans.push(mine);
      }
      return { spans, kinds };
    },
    async dispose() {
      if (cacheFile && changed) {
        mkdirSync(path.dirname(cacheFile), { recursive: true });
        writeFileSync(cacheFile, JSON.stringify({ key: cacheKey, lints: cache }));
      }
      await linter?.dispose();
    },
  };
}

/**
 * Hard-wrapped text (`npm run eval`, set `wrapped`): the learner essays of a set with every
 * line longer than 72 columns broken at its last space (spaces become line breaks, so offsets
 * are the same), checked and fixed like the essays as written. A soft line break inside a
 * paragraph is a space for sentences and every context (`src/core/sentences.ts`), so the two must
 * agree: the share of essays with the same flags (span and kind) and the same first fix of each.
 */
import type { Checker } from '../../src/core/checker';
import { findingsOf, needsSuggester } from '../../src/core/findings';
import type { Finding } from '../../src/core/types';

/** `text` with every line longer than `width` broken at its last space within `width` (spaces become `\n`; same length). */
export function hardWrap(text: string, width: number): string {
  return text.split('\n').map((line) => {
    const out = line.split('');
    let lineStart = 0;
    let lastSpace = -1;
    for (let i = 0; i < out.length; i++) {
      if (out[i] === ' ') lastSpace = i;
      if (i - lineStart >= width && lastSpace > lineStart) {
        out[lastSpace] = '\n';
        lineStart = lastSpace + 1;
      }
    }
    return out.join('');
  }).join('\n');
}

export interface WrappedScore {
  texts: number;
  /** Texts that wrapping changed (some line was longer than 72). */
  wrapped: number;
  flags: number;
  /** Texts with the same flags (span, kind) wrapped as written. */
  sameFlags: number;
  /** Texts whose every flag also has the same first fix. */
  sameFixes: number;
  seconds: number;
}

async function flagsWithFixes(checker: Checker, text: string, threshold: number): Promise<Finding[]> {
  const findings = findingsOf(text, (await checker.score(text, 'plaintext')).words, threshold);
  const asked = findings.filter(needsSuggester);
  const fixes = await checker.suggestMany(text, 'plaintext', asked, { threshold });
  asked.forEach((f, i) => { f.suggestions = fixes[i]; });
  return findings;
}

/** Compares `texts` as written and hard-wrapped at 72 columns. */
export async function measureWrapped(checker: Checker, texts: readonly string[], threshold: number): Promise<WrappedScore> {
  const t = Date.now();
  const s: WrappedScore = { texts: texts.length, wrapped: 0, flags: 0, sameFlags: 0, sameFixes: 0, seconds: 0 };
  const key = (f: Finding): string => `${f.start}:${f.end}:${f.kind}`;
  const fix = (f: Finding): string => JSON.stringify(f.suggestions[0] ?? null);
  for (const text of texts) {
    const wrapped = hardWrap(text, 72);
    if (wrapped !== text) s.wrapped++;
    const [plain, hard] = [await flagsWithFixes(checker, text, threshold), await flagsWithFixes(checker, wrapped, threshold)];
    s.flags += plain.length;
    const same = plain.length === hard.length && plain.every((f, i) => key(f) === key(hard[i]));
    if (same) s.sameFlags++;
    if (same && plain.every((f, i) => fix(f) === fix(hard[i]))) s.sameFixes++;
  }
  s.seconds = Math.round((Date.now() - t) / 100) / 10;
  return s;
}

/** The Markdown lines of the report. */
export function wrappedReport(name: string, s: WrappedScore): string[] {
  const pct = (a: number): string => `${(100 * a / Math.max(1, s.texts)).toFixed(1)} (${a}/${s.texts})`;
  return [
    `Hard-wrapped at 72 columns (\`wrapped.ts\`: ${name}, ${s.wrapped} of ${s.texts} texts changed by wrapping, ${s.flags} flags as written), in %:`,
    '',
    '| texts | same flags | same flags and first fixes |',
    '|---:|---:|---:|',
    `| ${s.texts} | ${pct(s.sameFlags)} | ${pct(s.sameFixes)} |`,
    '',
  ];
}

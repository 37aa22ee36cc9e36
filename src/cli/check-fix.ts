/**
 * `check --fix`: applies the first fix of every finding the model is confident about
 * (`confidentFixes`, the core's one rule, shared with the editor's Fix All) to a file, in one
 * atomic replacement (`replaceFileAtomic`: the original stays as it was on any error, a read-only
 * file is refused), and says each change as a line, `path:line:col  word -> fix  (97% sure)`.
 * `--dry-run` says the same and writes nothing.
 */
import { confidentFixes, applyFixes, type ChosenFix } from '../core/suggest/fix-all';
import { matchCase, suggestionTitle } from '../core/suggest/edit';
import { percent } from '../core/findings';
import type { Finding } from '../core/types';
import { replaceFileAtomic } from './write-atomic';

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

export interface FixOutcome {
  /** One line per change, each ending in a newline. */
  lines: string;
  /** Fixes applied (or, in a dry run, that would be). */
  applied: number;
  /** Findings left without an applied fix. */
  left: number;
}

/**
 * Fixes the file at `abs` (shown as `shown`), whose bytes were `bytes` and text `text`, with the
 * confident first fixes of `findings` (their suggestions filled). Throws, leaving the file
 * untouched, when it cannot be written.
 */
export async function fixFile(abs: string, shown: string, bytes: Uint8Array, text: string, findings: readonly Finding[], minConfidence: number, dryRun: boolean): Promise<FixOutcome> {
  const fixes = confidentFixes(text, findings, minConfidence);
  if (fixes.length > 0 && !dryRun) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = new TextEncoder().encode(applyFixes(text, fixes));
    await replaceFileAtomic(abs, bytes, bom ? concat(UTF8_BOM, body) : body);
  }
  const verb = dryRun ? 'would fix' : 'fixed';
  const lines = fixes.map((f) => `${shown}:${f.finding.line}:${f.finding.column}  ${f.finding.text}  ${changeNote(f)}  (${percent(f.confidence)} sure; ${verb})\n`).join('');
  return { lines, applied: fixes.length, left: findings.length - fixes.length };
}

/** `-> their`, `-> remove 'the'`, `-> add 'the' before 'phones'`. */
function changeNote(f: ChosenFix): string {
  const s = f.suggestion;
  if (s.kind === 'replace') return `-> ${matchCase(s.text, f.finding.text)}`;
  const title = suggestionTitle(f.finding.text, s);
  return `-> ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

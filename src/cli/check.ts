/**
 * `electra-feedback check`: scores files with the discriminator and reports findings
 * as text, JSON or SARIF. Exit status: 0 no findings, 1 findings, 2 usage, model or
 * input errors (a message on stderr; a stack trace only with --verbose).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_THRESHOLD, MAX_DOCUMENT_SIZE } from '../core/defaults';
import { formatFromPath } from '../core/extract';
import { findingsOf, fixDecidesUnderline, isDoubt, needsSuggester, UNDERLINE_SCORE } from '../core/findings';
import { FIX_ALL_MIN_CONFIDENCE } from '../core/suggest/fix-all';
import { decodeText } from '../core/read/text';
import type { DocumentFormat } from '../core/types';
import { parseCommandArgs } from './args';
import { parseCheckArgs } from './check-args';
import { fixFile } from './check-fix';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import type { CliIO } from './io';
import { openChecker, reportError } from './open-checker';
import { progressBar } from './progress';
import type { CheckReport, FileReport } from './report';

export const CHECK_USAGE = `Usage: electra-feedback check [options] FILE...

Flags words that look replaced or out of place, using a local ELECTRA discriminator.
FILE may be - for standard input. The document format comes from the extension
(.md/.markdown: markdown, .tex: latex, anything else: plain text) unless --as is given.

Options:
  -f, --format FMT      text (default: "path:line:col  word  score"), json or sarif
      --all             list every word with its score (threshold ignored) so you can
                        choose your own cut-off; the exit status still uses the threshold
      --suggest         fixes for each flagged word: candidates from the word tables, the
                        spelling dictionary and the generator, judged by the model; text
                        output adds "-> fix" or "(no confident fix)"
      --fix             apply the first fix of every finding the model is sure enough of
                        to each FILE, in one atomic write (the file is left as it was on any
                        error; a read-only file is refused), printing each change
      --min-confidence P  with --fix: least confidence of an applied fix, 0..1 (default ${FIX_ALL_MIN_CONFIDENCE})
      --dry-run         with --fix: print the changes, change no file
      --doubts          text output also lists doubts, marked "(doubt)": flagged words the model
                        cannot explain (no confident fix, not a mix-up or a repeat, scored below
                        ${UNDERLINE_SCORE}); JSON and SARIF carry every finding, marked as doubt
                        or not with --suggest or --doubts
  -t, --threshold P     report words scoring at least P, 0..1 (default ${DEFAULT_THRESHOLD})
  -m, --model DIR       model folder (default: the embedded model)
      --provider NAME   auto (default: the platform's GPU provider, else cpu), cpu, cuda,
                        dml, coreml or webgpu; falls back to cpu and says so with --verbose
      --as FORMAT       read every input as plaintext, markdown or latex
  -v, --verbose         report the model, the provider that ran and fallbacks on stderr;
                        stack traces on errors
  -h, --help            this help

Exit status: 0 no findings, 1 findings (doubts count only with --doubts), 2 usage, model or
input errors. With --fix: 0 when
every finding was fixed, 1 when some are left, 2 when a file could not be read or written.`;

/** Runs the check command; returns the exit status. */
export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('check', CHECK_USAGE, io, () => parseCheckArgs(argv));
  if (typeof args === 'number') return args;
  const checker = await openChecker(args, io);
  if (!checker) return 2;

  const threshold = args.threshold ?? DEFAULT_THRESHOLD;
  // Doubts are told from underlines (which takes the suggester) for text output, which shows only
  // underlines without --doubts, and whenever fixes are asked for; JSON and SARIF without --suggest
  // list every finding unmarked, at the cost of scoring alone.
  const doubtsKnown = args.format === 'text' || args.suggest || args.fix || args.doubts;
  const files: FileReport[] = [];
  let inputErrors = 0;
  let findingsAtThreshold = 0;
  let findingsLeft = 0;
  const progress = progressBar(io, args.files.length);
  try {
    for (let i = 0; i < args.files.length; i++) {
      const file = args.files[i];
      progress.step(i, file);
      try {
        const input = await readInput(file, args.as, io);
        const doc = await checker.score(input.text, input.format);
        const reported = findingsOf(input.text, doc.words, threshold);
        const findings = args.all ? findingsOf(input.text, doc.words, -Infinity) : reported;
        // The flagged words among `findings` (with --all, every word is listed; these are the ones at the threshold).
        const at = new Set(reported.map((f) => f.start));
        const flaggedHere = args.all ? findings.filter((f) => at.has(f.start)) : findings;
        // Every flagged word judged in one batched run: all replaced words with --suggest or --fix;
        // else, where doubts are told apart, those whose fix decides whether they are underlined.
        const asked = flaggedHere.filter((f) => (args.suggest || args.fix ? needsSuggester(f) : doubtsKnown && fixDecidesUnderline(f)));
        if (asked.length > 0) {
          const fixes = await checker.suggestMany(input.text, input.format, asked, { threshold });
          asked.forEach((f, k) => { f.suggestions = fixes[k]; });
        }
        const doubts = new Set(doubtsKnown ? flaggedHere.filter(isDoubt) : []);
        findingsAtThreshold += flaggedHere.filter((f) => args.doubts || !doubts.has(f)).length;
        if (args.fix) {
          const fixed = await fixFile(path.resolve(io.cwd, file), file, input.bytes, input.text, reported, args.minConfidence ?? FIX_ALL_MIN_CONFIDENCE, args.dryRun);
          io.stdout(fixed.lines);
          findingsLeft += fixed.left;
          continue;
        }
        files.push({ path: file, words: doc.wordCount, findings, doubts, source: input.text });
      } catch (e) {
        inputErrors++;
        progress.done();
        reportError(io, args.verbose, `${file}: `, e);
      }
    }
  } finally {
    progress.done();
    await checker.dispose();
  }

  if (args.fix) {
    if (args.verbose) io.stderr(`provider that ran: ${checker.info.provider}\n`);
    return inputErrors > 0 ? 2 : findingsLeft > 0 ? 1 : 0;
  }
  const report: CheckReport = { model: checker.info, files, suggestedAt: args.suggest ? threshold : undefined, showDoubts: args.doubts, doubtsKnown };
  io.stdout(args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report) : formatText(report));
  if (args.verbose) io.stderr(`provider that ran: ${report.model.provider}\n`);
  return inputErrors > 0 ? 2 : findingsAtThreshold > 0 ? 1 : 0;
}

/** Reads `file` (or standard input for `-`) as UTF-8 text; a binary or oversized file is an error. */
async function readInput(file: string, as: DocumentFormat | undefined, io: CliIO): Promise<{ text: string; format: DocumentFormat; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  if (file === '-') {
    bytes = await io.readStdin(MAX_DOCUMENT_SIZE * 4);
    if (bytes.length > MAX_DOCUMENT_SIZE * 4) {
      throw new Error(`standard input has more than ${MAX_DOCUMENT_SIZE * 4} bytes; the limit is about ${MAX_DOCUMENT_SIZE} characters. Split it into smaller files.`);
    }
  } else {
    const abs = path.resolve(io.cwd, file);
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) throw new Error('no such file');
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_DOCUMENT_SIZE * 4) throw new Error(`the file has ${st.size} bytes; the limit is about ${MAX_DOCUMENT_SIZE} characters. Split it into smaller files.`);
    bytes = await fs.readFile(abs);
  }
  const decoded = decodeText(bytes);
  if ('reason' in decoded) throw new Error(decoded.reason);
  if (decoded.text.length > MAX_DOCUMENT_SIZE) {
    throw new Error(`the file has ${decoded.text.length} characters; the limit is ${MAX_DOCUMENT_SIZE}. Split it into smaller files.`);
  }
  const format = as ?? (file === '-' ? 'plaintext' : formatFromPath(file) ?? 'plaintext');
  return { text: decoded.text, format, bytes };
}

/**
 * `--format json`: `{"model": {...}, "files": [{"path", "words", "findings": [...]}]}`.
 * Finding fields: start, end (UTF-16 offsets, half-open), line, column (1-based),
 * text, score, kind, doubt (with --suggest or --doubts: a flagged word the model cannot explain: no confident fix, not a
 * mix-up or a repeat, below `UNDERLINE_SCORE`; text output hides these without `--doubts`),
 * message, suggestions.
 */
import type { CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  const out = {
    model: report.model,
    files: report.files.map((f) => ({
      path: f.path,
      words: f.words,
      findings: f.findings.map((x) => ({
        start: x.start,
        end: x.end,
        line: x.line,
        column: x.column,
        text: x.text,
        score: x.score,
        kind: x.kind,
        ...(report.doubtsKnown ? { doubt: f.doubts.has(x) } : {}),
        message: x.message,
        suggestions: x.suggestions,
      })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

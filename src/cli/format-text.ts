/**
 * `--format text`: one `path:line:col  word  0.93` line per finding, like a compiler; with
 * `--suggest`, a flagged word's first fix follows (`-> their`, `-> remove 'the'`,
 * `-> add 'the' before 'phones'`, each with how sure the model is of the text after it, `(98% sure)`)
 * or `(no confident fix)`; a finding that carries its own fix
 * (a confused word's homophone) shows it always. Doubts (`isDoubt`: no fix, nothing to explain the
 * flag) are left out unless `--doubts`, then marked `(doubt)`.
 */
import { needsSuggester, percent } from '../core/findings';
import { fixConfidence } from '../core/suggest/fix-all';
import { matchCase, suggestionTitle } from '../core/suggest/edit';
import type { Finding } from '../core/types';
import type { CheckReport } from './report';

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const doubt = f.doubts.has(x);
      if (doubt && !report.showDoubts) continue;
      const suggested = report.suggestedAt !== undefined && x.score >= report.suggestedAt;
      const note = x.kind === 'repeated-word' ? '  (repeated)' : suggested || !needsSuggester(x) ? `  ${fixNote(x)}` : '';
      lines.push(`${f.path}:${x.line}:${x.column}  ${x.text}  ${x.score.toFixed(2)}${note}${doubt ? '  (doubt)' : ''}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function fixNote(x: Finding): string {
  const [first] = x.suggestions;
  if (!first) return '(no confident fix)';
  // How sure the model is of the text after the fix (a rule's fix, without a score, says nothing).
  const sure = first.score === undefined ? '' : `  (${percent(fixConfidence(first))} sure)`;
  if (first.kind === 'replace') return `-> ${matchCase(first.text, x.text)}${sure}`;
  const title = suggestionTitle(x.text, first);
  return `-> ${title.charAt(0).toLowerCase()}${title.slice(1)}${sure}`;
}

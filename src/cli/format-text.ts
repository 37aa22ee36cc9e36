/** `--format text`: one `path:line:col  word  0.93` line per finding, like a compiler. */
import type { CheckReport } from './report';

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const note = x.kind === 'repeated-word' ? '  (repeated)' : '';
      lines.push(`${f.path}:${x.line}:${x.column}  ${x.text}  ${x.score.toFixed(2)}${note}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

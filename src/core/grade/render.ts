/**
 * Renderings of grade reports for people and spreadsheets: the Markdown feedback a student
 * reads, a short text block for terminals, and CSV rows (`path,grade,<criteria>,words,flagged`).
 */
import { LineIndex } from './lines';
import { CRITERION_IDS, type GradeReport } from './types';

/** CSV header: path, grade, one column per criterion (its id), words, flagged. */
export const CSV_COLUMNS: readonly string[] = ['path', 'grade', ...CRITERION_IDS, 'words', 'flagged'];

/** Quotes a CSV field when needed (RFC 4180), and defuses spreadsheet formulas in paths. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(path: string, r: GradeReport): string {
  const by = new Map(r.criteria.map((c) => [c.id, c.score]));
  return [path, r.grade, ...CRITERION_IDS.map((id) => by.get(id) ?? ''), r.words, r.flagged].map(csvField).join(',');
}

const mdEscape = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Markdown feedback for one submission. `sentences` are the scored document's sentence spans
 * (source offsets); every sentence with a flagged word is quoted with its line number and the
 * flagged words in bold.
 */
export function feedbackMarkdown(title: string, r: GradeReport, source: string, sentences: ReadonlyArray<{ start: number; end: number }>): string {
  const lines = new LineIndex(source);
  const out: string[] = [];
  out.push(`# Feedback: ${mdEscape(title)}`, '');
  out.push(`**Grade: ${r.grade}${r.letter ? ` (${mdEscape(r.letter)})` : ''}** on a ${r.scale.min}–${r.scale.max} scale${r.calibrated ? ', calibrated to your teacher\'s grading' : ''}.`, '');
  out.push(mdEscape(r.summary), '');
  out.push(`${r.words} words, ${r.sentences} sentences, ${r.flagged} flagged words.`, '');
  out.push('| Criterion | Score (0–100) | Weight |', '| --- | ---: | ---: |');
  for (const c of r.criteria) out.push(`| ${c.label} | ${c.score} | ${Math.round(c.weight * 100)}% |`);
  out.push('');
  for (const c of r.criteria) {
    out.push(`## ${c.label}: ${c.score}`, '');
    for (const e of c.evidence) out.push(`- ${mdEscape(e)}`);
    for (const p of c.passages) out.push(`- Line ${p.line}: "${mdEscape(oneLine(p.text).slice(0, 200))}" (${mdEscape(p.reason)})`);
    out.push('');
  }
  const flagged = r.findings.filter((f) => f.kind === 'replaced-word');
  if (flagged.length) {
    out.push('## Flagged sentences', '');
    let fi = 0;
    for (const s of sentences) {
      while (fi < flagged.length && flagged[fi].end <= s.start) fi++;
      const inside = [];
      for (let k = fi; k < flagged.length && flagged[k].start < s.end; k++) if (flagged[k].start >= s.start) inside.push(flagged[k]);
      if (!inside.length) continue;
      let text = '';
      let at = s.start;
      for (const f of inside) {
        text += mdEscape(source.slice(at, f.start)) + `**${mdEscape(source.slice(f.start, f.end))}**`;
        at = f.end;
      }
      text += mdEscape(source.slice(at, s.end));
      out.push(`> Line ${lines.line(s.start)}: ${oneLine(text)}`, '');
    }
  }
  return out.join('\n');
}

/** A few lines for a terminal. */
export function reportText(path: string, r: GradeReport): string {
  const head = `${path}: ${r.grade}${r.letter ? ` (${r.letter})` : ''} [${r.scale.min}–${r.scale.max}${r.calibrated ? ', calibrated' : ''}]  ${r.words} words, ${r.flagged} flagged`;
  const crit = r.criteria.map((c) => `  ${c.label.padEnd(13)} ${String(c.score).padStart(5)}  ${c.evidence[0] ?? ''}`);
  return [head, ...crit, `  ${r.summary}`].join('\n');
}

/**
 * Renders the Grade Folder summary: a grade-distribution chart (inline SVG), a sortable
 * table linking to the files (sorting is done by `media/report.js` on the data
 * attributes), and the CSV export. Pure; all text is escaped.
 */
import { csvLine } from '../core/csv';
import { CRITERION_IDS, CRITERION_LABELS, CSV_COLUMNS, csvRow, type GradeRow } from '../core/grade';
import { escapeHtml } from './html';

/** `bins` equal-width bins over the scale `[min, max]`; the last bin includes `max`. */
export function histogram(grades: readonly number[], scale: { min: number; max: number }, bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (scale.max - scale.min) / bins;
  for (const g of grades) {
    if (!Number.isFinite(g) || width <= 0) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor((g - scale.min) / width)));
    counts[i]++;
  }
  return counts;
}

/** The distribution chart as an inline SVG (no external resources). */
export function histogramSvg(counts: readonly number[], scale: { min: number; max: number }): string {
  const w = 400;
  const h = 160;
  const pad = 24;
  const max = Math.max(1, ...counts);
  const bw = (w - 2 * pad) / counts.length;
  const width = (scale.max - scale.min) / counts.length;
  const bars = counts
    .map((c, i) => {
      const bh = ((h - 2 * pad) * c) / max;
      const x = pad + i * bw;
      const from = scale.min + i * width;
      const label = `${fmt(from)}–${fmt(from + width)}: ${c}`;
      return `<rect class="bin" x="${x.toFixed(1)}" y="${(h - pad - bh).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${bh.toFixed(1)}"><title>${escapeHtml(label)}</title></rect>` +
        (c > 0 ? `<text x="${(x + bw / 2 - 1).toFixed(1)}" y="${(h - pad - bh - 3).toFixed(1)}" text-anchor="middle">${c}</text>` : '');
    })
    .join('');
  return `<svg class="histogram" role="img" aria-label="Grade distribution" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">` +
    `${bars}<line class="axis" x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}"/>` +
    `<text x="${pad}" y="${h - 6}">${fmt(scale.min)}</text><text x="${w - pad}" y="${h - 6}" text-anchor="end">${fmt(scale.max)}</text></svg>`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

export function summaryBody(folderName: string, rows: readonly GradeRow[], scale: { min: number; max: number }, interactive: boolean): string {
  const graded = rows.filter((r) => r.grade !== undefined);
  const grades = graded.map((r) => r.grade as number);
  const mean = grades.length ? grades.reduce((a, b) => a + b, 0) / grades.length : undefined;
  const head = ['File', 'Student', 'Grade', 'Letter', 'Words', 'Flagged', ...CRITERION_IDS.map((c) => CRITERION_LABELS[c])];
  const th = head.map((h, i) => `<th data-col="${i}" data-type="${i <= 1 || i === 3 ? 'text' : 'number'}">${escapeHtml(h)}</th>`).join('');
  const cell = (v: number | string | undefined) => `<td data-value="${escapeHtml(v === undefined ? '' : String(v))}">${escapeHtml(v === undefined ? '' : String(v))}</td>`;
  const body = rows
    .map((r) => {
      const name = interactive ? `<a href="#" class="open" data-path="${escapeHtml(r.path)}">${escapeHtml(r.path)}</a>` : escapeHtml(r.path);
      const who = r.student ? `${r.student.name} (${r.student.id})` : undefined;
      const file = `<td data-value="${escapeHtml(r.path)}"${r.note ? ` title="${escapeHtml(r.note)}"` : ''}>${name}</td>${cell(who)}`;
      if (r.error) return `<tr class="failed">${file}<td colspan="${head.length - 2}">${escapeHtml(r.error)}</td></tr>`;
      return `<tr>${file}${cell(r.grade)}${cell(r.letter)}${cell(r.words)}${cell(r.flagged)}${CRITERION_IDS.map((c) => cell(r.criteria?.[c])).join('')}</tr>`;
    })
    .join('\n');
  const actions = interactive
    ? '<div class="actions"><button data-export="csv">Export CSV</button> <button data-export="moodle">Export for Moodle</button> <button data-export="canvas">Export for Canvas</button></div>'
    : '';
  return `<header><h1>${escapeHtml(folderName)}</h1>
<p class="stats">${graded.length} graded${rows.length > graded.length ? `, ${rows.length - graded.length} failed` : ''}${mean === undefined ? '' : ` · mean ${mean.toFixed(1)} / ${fmt(scale.max)}`}</p>
${actions}</header>
<main>
<section><h2>Grade distribution</h2>${histogramSvg(histogram(grades, scale), scale)}</section>
<section><h2>Files</h2><table class="sortable"><thead><tr>${th}</tr></thead><tbody>
${body}
</tbody></table></section>
</main>`;
}

/** The CSV export: the CLI's columns and rows (`csvRow`, formulas defused); one record per line, `\n`-ended. */
export function summaryCsv(rows: readonly GradeRow[]): string {
  return `${[csvLine(CSV_COLUMNS), ...rows.map(csvRow)].join('\n')}\n`;
}

/**
 * Renders a `GradeReport` as the body of the webview report, and as Markdown for export.
 * Pure: all text is escaped here; links back to the text carry source offsets (UTF-16)
 * in data attributes that `media/report.js` posts back as `{type: 'reveal', start, end}`.
 */
import type { GradeReport } from '../core/grade';
import { escapeMarkdown as md } from '../core/markdown-escape';
import { escapeHtml } from './html';

/** Passages longer than this many characters are shortened for display. */
const MAX_PASSAGE_CHARS = 160;

export function shorten(text: string, max = MAX_PASSAGE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** "72 / 100 (B)" */
export function gradeLabel(r: Pick<GradeReport, 'grade' | 'scale' | 'letter'>): string {
  return `${r.grade} / ${r.scale.max}${r.letter ? ` (${r.letter})` : ''}`;
}

/** The report's body HTML. `interactive` adds the export buttons and passage links. */
export function gradeReportBody(r: GradeReport, fileName: string, interactive: boolean): string {
  const criteria = r.criteria
    .map((c) => {
      const pct = Math.max(0, Math.min(100, c.score));
      const passages = c.passages
        .map((p) => {
          const label = `line ${p.line}: “${escapeHtml(shorten(p.text))}”`;
          const link = interactive ? `<a href="#" class="reveal" data-start="${p.start}" data-end="${p.end}">${label}</a>` : label;
          return `<li>${link} <span class="reason">— ${escapeHtml(p.reason)}</span></li>`;
        })
        .join('\n');
      return `<section class="criterion">
<h3>${escapeHtml(c.label)} <span class="score">${c.score.toFixed(1)}</span> <span class="weight">weight ${Math.round(c.weight * 100)}%</span></h3>
<div class="bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}" aria-label="${escapeHtml(c.label)}"><svg width="100%" height="10" preserveAspectRatio="none" viewBox="0 0 100 10"><rect class="track" x="0" y="0" width="100" height="10"/><rect class="fill" x="0" y="0" width="${pct}" height="10"/></svg></div>
<ul class="evidence">${c.evidence.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>
${passages ? `<details><summary>${c.passages.length} passage${c.passages.length === 1 ? '' : 's'}</summary><ul class="passages">${passages}</ul></details>` : ''}
</section>`;
    })
    .join('\n');
  const findings = r.findings
    .map((f) => {
      const label = `line ${f.line}: “${escapeHtml(f.text)}”`;
      const link = interactive ? `<a href="#" class="reveal" data-start="${f.start}" data-end="${f.end}">${label}</a>` : label;
      return `<li>${link} <span class="reason">— ${escapeHtml(f.message)}</span></li>`;
    })
    .join('\n');
  const actions = interactive
    ? `<div class="actions"><button data-export="markdown">Export Markdown</button> <button data-export="html">Export HTML</button> <button data-export="student" title="The points a student can act on: sentences, kinds, fixes; no probabilities">Export Student Feedback</button></div>`
    : '';
  return `<header>
<h1>${escapeHtml(fileName)}</h1>
<p class="grade">Grade: <strong>${escapeHtml(gradeLabel(r))}</strong>${r.calibrated ? ' <span class="tag">calibrated</span>' : ''}</p>
<p class="summary">${escapeHtml(r.summary)}</p>
<p class="stats">${r.words} words · ${r.sentences} sentences · ${r.flagged} flagged · weighted score ${r.weighted.toFixed(1)} / 100</p>
${r.analytic?.length ? `<p class="analytic">Analytic scores: ${r.analytic.map((a) => `${escapeHtml(a.label)} <strong>${a.grade}</strong>${a.calibrated ? ' (calibrated)' : ''}`).join(' · ')}</p>` : ''}
${actions}
</header>
<main>
${criteria}
<section class="findings"><h2>Flagged passages (${r.findings.length})</h2>
${findings ? `<ul>${findings}</ul>` : '<p>None.</p>'}
</section>
</main>`;
}

/** The report as Markdown (for export). */
export function gradeReportMarkdown(r: GradeReport, fileName: string): string {
  const lines = [
    `# Grade report: ${md(fileName)}`,
    '',
    `**Grade: ${md(gradeLabel(r))}**${r.calibrated ? ' (calibrated)' : ''}`,
    '',
    md(r.summary),
    '',
    `${r.words} words · ${r.sentences} sentences · ${r.flagged} flagged · weighted score ${r.weighted.toFixed(1)} / 100`,
    '',
    '| Criterion | Score | Weight |',
    '| --- | ---: | ---: |',
    ...r.criteria.map((c) => `| ${md(c.label)} | ${c.score.toFixed(1)} | ${Math.round(c.weight * 100)}% |`),
    '',
    ...(r.analytic?.length ? [`Analytic scores: ${r.analytic.map((a) => `${md(a.label)} ${a.grade}${a.calibrated ? ' (calibrated)' : ''}`).join(' · ')}`, ''] : []),
  ];
  for (const c of r.criteria) {
    lines.push(`## ${md(c.label)} (${c.score.toFixed(1)})`, '', ...c.evidence.map((e) => `- ${md(e)}`));
    if (c.passages.length) lines.push('', ...c.passages.map((p) => `- line ${p.line}: “${md(shorten(p.text))}” — ${md(p.reason)}`));
    lines.push('');
  }
  lines.push(`## Flagged passages (${r.findings.length})`, '');
  lines.push(...(r.findings.length ? r.findings.map((f) => `- line ${f.line}: “${md(f.text)}” — ${md(f.message)}`) : ['None.']));
  return lines.join('\n') + '\n';
}

// The grade report and folder summary pages: escaped text, strict CSP, links, chart, CSV.
import { strict as assert } from 'node:assert';
import { splitCsvRecords } from '../../src/core/csv';
import { CSV_COLUMNS, csvRow, gradeRowOf } from '../../src/core/grade/render';
import { DEFAULT_RUBRIC, grade } from '../../src/core/grade';
import type { GradeReport } from '../../src/core/grade/types';
import { gradeReportBody, gradeReportMarkdown } from '../../src/extension/grade-report-render';
import { histogram, summaryBody, summaryCsv } from '../../src/extension/grade-summary-render';
import { escapeHtml, makeNonce, page } from '../../src/extension/html';
import { scoredDoc } from './grade-fixtures';

const evil = '<script>alert("x")</script>';

function report(): GradeReport {
  return {
    grade: 72,
    letter: 'B',
    scale: { min: 0, max: 100, step: 1 },
    weighted: 71.6,
    criteria: [
      {
        id: 'wordChoice', label: 'Word choice', score: 64.2, weight: 0.25,
        evidence: [`Flagged ${evil}`],
        passages: [{ start: 10, end: 14, line: 2, text: evil, reason: 'flagged word' }],
      },
    ],
    words: 120, sentences: 8, flagged: 3,
    errorCounts: { 'agreement': 1, 'verb-form': 0, 'determiner': 0, 'preposition': 0, 'pronoun': 0, 'homophone': 0, 'spelling': 1, 'word-choice': 1 },
    findings: [{ start: 10, end: 14, line: 2, column: 3, text: evil, score: 0.9, kind: 'replaced-word', message: `"${evil}" may not fit here.`, suggestions: [] }],
    calibrated: false,
    summary: `Summary ${evil}`,
  };
}

describe('grade report rendering', () => {
  it('escapes every piece of document text', () => {
    for (const interactive of [true, false]) {
      const html = gradeReportBody(report(), `a${evil}.md`, interactive);
      assert.ok(!html.includes('<script'), 'no raw script tag');
      assert.ok(html.includes(escapeHtml(evil)));
    }
  });

  it('links passages and findings back to their source offsets when interactive', () => {
    const html = gradeReportBody(report(), 'essay.md', true);
    assert.equal(html.match(/class="reveal" data-start="10" data-end="14"/g)?.length, 2);
    assert.ok(!gradeReportBody(report(), 'essay.md', false).includes('class="reveal"'));
    assert.match(html, /data-export="markdown"/);
    assert.match(html, /data-export="student"/, 'the student\'s copy can be exported from the report');
  });

  it('draws one bar per criterion with its score', () => {
    const html = gradeReportBody(report(), 'essay.md', true);
    assert.match(html, /aria-valuenow="64.2"/);
    assert.match(html, /<rect class="fill" x="0" y="0" width="64.2"/);
  });

  it('Grade File shows the error and fit criteria with their evidence and passages linked to their lines', () => {
    const text = 'Students goes to school.\nThey learns alot from there teachers.';
    const doc = scoredDoc(text, (w) => (['learns', 'there'].includes(w) ? 0.9 : 0.01));
    const r = grade(doc, text, { ...DEFAULT_RUBRIC, prompt: 'Do students learn from their teachers at school?' });
    const html = gradeReportBody(r, 'essay.md', true);
    for (const label of ['Grammar', 'Spelling', 'Word choice', 'Fit to the assignment']) assert.ok(html.includes(`<h3>${label} <span class="score">`), label);
    assert.match(html, /grammar errors \(verb forms, agreement, determiners, prepositions, pronouns\) per 100 words/);
    assert.match(html, /data-start="\d+" data-end="\d+">line 2: “They learns alot from”<\/a> <span class="reason">— &quot;learns&quot;: agreement\? \(0\.9\)/);
    assert.match(html, />line 2: “They learns alot from there”<\/a> <span class="reason">— &quot;alot&quot;: not a word: spelling\?/);
    assert.match(html, /Uses \d of the prompt&#39;s \d key terms|Uses \d of the prompt's \d key terms|Uses every key term/);
  });

  it('shows the analytic scores the rubric asks for, escaped, in the page and the Markdown export', () => {
    const r: GradeReport = { ...report(), analytic: [{ trait: 'grammar', label: 'Grammar', grade: 3.5, weighted: 61.2, calibrated: true }, { trait: 'cohesion', label: 'Cohesion', grade: 4, weighted: 70, calibrated: false }] };
    assert.match(gradeReportBody(r, 'essay.md', true), /<p class="analytic">Analytic scores: Grammar <strong>3.5<\/strong> \(calibrated\) · Cohesion <strong>4<\/strong><\/p>/);
    assert.match(gradeReportMarkdown(r, 'essay.md'), /^Analytic scores: Grammar 3\.5 \(calibrated\) · Cohesion 4$/m);
    assert.ok(!gradeReportBody(report(), 'essay.md', true).includes('class="analytic"'));
  });

  it('puts a nonce-only CSP in webview pages and loads nothing remote', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9]{20,}$/);
    assert.notEqual(nonce, makeNonce());
    const html = page('t', '<p>x</p>', { kind: 'webview', cspSource: 'vscode-resource:', nonce, scriptUri: 'vscode-resource:/media/report.js', styleUri: 'vscode-resource:/media/report.css' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'`));
    assert.match(csp, new RegExp(`style-src vscode-resource: 'nonce-${nonce}'`));
    assert.ok(html.includes(`<script nonce="${nonce}" src="vscode-resource:/media/report.js">`));
    assert.ok(!/https?:/.test(html));
  });

  it('exports Markdown with the grade, the criteria table and escaped text', () => {
    const md = gradeReportMarkdown(report(), 'essay.md');
    assert.match(md, /^# Grade report: essay\.md$/m);
    assert.match(md, /\*\*Grade: 72 \/ 100 \(B\)\*\*/);
    assert.match(md, /^\| Word choice \| 64\.2 \| 25% \|$/m);
    assert.ok(!md.includes('<script>'));
  });
});

describe('grade folder summary', () => {
  const rows = [
    { path: 'b.md', grade: 80, letter: 'A', words: 300, flagged: 2, criteria: { wordChoice: 81 } },
    { path: 'a, "quoted".md', grade: 55, words: 90, flagged: 9 },
    { path: 'c.tex', error: 'Model failed' },
  ];

  it('bins grades over the scale, the maximum in the last bin', () => {
    assert.deepEqual(histogram([0, 9.9, 10, 55, 100], { min: 0, max: 100 }, 10), [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('renders a chart, a sortable table with file links, and failures', () => {
    const html = summaryBody('essays', rows, { min: 0, max: 100 }, true);
    assert.match(html, /<svg class="histogram"/);
    assert.match(html, /<table class="sortable">/);
    assert.match(html, /class="open" data-path="b.md"/);
    assert.ok(html.includes('a, &quot;quoted&quot;.md'));
    assert.match(html, /2 graded, 1 failed · mean 67\.5/);
    assert.match(html, /data-export="moodle"/);
    const lms = summaryBody('class', [{ path: 'Jane Doe_12345_assignsubmission_file_e.docx', student: { name: 'Jane Doe', id: '12345', lms: 'moodle' }, note: 'graded "e.docx" of 2 files', grade: 70 }], { min: 0, max: 100 }, true);
    assert.match(lms, /title="graded &quot;e\.docx&quot; of 2 files"/);
    assert.match(lms, /<td data-value="Jane Doe \(12345\)">Jane Doe \(12345\)<\/td><td data-value="70">/);
    assert.match(html, /data-export="canvas"/);
    assert.match(html, /<tr class="failed">.*Model failed/);
  });

  it('exports RFC 4180 CSV in the CLI\'s columns (student, letter and error included)', () => {
    const csv = summaryCsv(rows).split('\n');
    assert.equal(csv[0], CSV_COLUMNS.join(','));
    assert.equal(csv[0], 'path,student,student_id,grade,wordChoice,grammar,spelling,fluency,vocabulary,organisation,conventions,fit,words,flagged,letter,error');
    assert.equal(csv[1], 'b.md,,,80,81,,,,,,,,300,2,A,');
    assert.equal(csv[2], '"a, ""quoted"".md",,,55,,,,,,,,,90,9,,');
    assert.equal(csv[3], 'c.tex,,,,,,,,,,,,,,,Model failed');
    assert.equal(csv[4], '');
  });

  it('defuses spreadsheet formulas in the CSV export like the CLI does', () => {
    const evilRows = [{ path: '=HYPERLINK("http://x")', grade: 50 }, { path: '+1.md', error: '@SUM(A1)' }, { path: '-x.md', grade: 60 }];
    const records = splitCsvRecords(summaryCsv(evilRows)).slice(1);
    assert.deepEqual(records.map((r) => r[0]), ['\'=HYPERLINK("http://x")', "'+1.md", "'-x.md"]);
    assert.equal(records[1][records[1].length - 1], "'@SUM(A1)");
    // The same cell as the CLI's `grade --format csv` writes for that path.
    assert.equal(summaryCsv([evilRows[0]]).split('\n')[1].split(',')[0], csvRow(gradeRowOf('=HYPERLINK("http://x")', minimalReport())).split(',')[0]);
  });
});

/** A report with nothing but a grade: enough for a CSV row. */
function minimalReport(): GradeReport {
  return { ...report(), criteria: [], findings: [] };
}

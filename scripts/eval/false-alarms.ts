/**
 * False alarms and stability (issue 20), measured beside harper.js:
 *
 * - `false-alarms`: flagged words per 100 words on text where nothing should be flagged: FCE dev and
 *   test with every annotator edit applied, JFLEG dev's first reference, each as written and joined
 *   into one paragraph (line breaks as spaces: same words, same offsets; JFLEG's sentences 20 to a
 *   paragraph), technical documentation of held-out packages (techdocs_dev.txt), and this project's own
 *   README.md and docs/*.md. A flag is what `findingsOf` reports at the threshold (every flag: the
 *   editor's underlines and quieter doubts alike); harper.js counts the words its kept lints overlap.
 * - `stability`: FCE dev essays joined into one paragraph, every sentence also scored alone: of the
 *   words flagged in either, the share flagged in both (Jaccard), and the mean absolute score change.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Checker } from '../../src/core/checker';
import { effectiveScores } from '../../src/core/findings';
import type { DocumentFormat } from '../../src/core/types';
import { essayWords } from './datasets';
import type { Harper } from './harper';

/** One text to check and how it is read. */
export interface Doc {
  text: string;
  format: DocumentFormat;
}

/** A set of texts where nothing should be flagged. */
export interface CleanSet {
  name: string;
  docs: Doc[];
}

export interface FalseAlarmRow {
  name: string;
  texts: number;
  words: number;
  model: { flagged: number; per100: number; lowercasePer100: number };
  /** Flags per 100 words at thresholds 0.01, 0.02, …, 0.99 (index k-1 for k/100): to choose the default. */
  per100At: number[];
  harper: { flagged: number; per100: number } | null;
}

export interface Stability {
  essays: number;
  sentences: number;
  words: number;
  flaggedEither: number;
  flaggedBoth: number;
  jaccard: number;
  meanAbsScoreChange: number;
}

/** `text` as one paragraph: every line break a space (one UTF-16 unit for one, so offsets hold). */
export const joined = (text: string): string => text.replace(/[\r\n]/g, ' ');

/** Every edit with a correction applied (overlapping later edits skipped): the annotators' corrected essay. */
export function correctedEssays(jsonPath: string): string[] {
  return readFileSync(jsonPath, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map((line) => {
    const record = JSON.parse(line) as { text: string; edits: Array<[unknown, Array<[number, number, string | null, string | null]>]> };
    const chars = Array.from(record.text); // edits count code points
    const edits = record.edits.flatMap(([, list]) => list).filter((e) => e[2] !== null).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let out = '';
    let at = 0;
    for (const [start, end, correction] of edits) {
      if (start < at) continue;
      out += chars.slice(at, start).join('') + correction;
      at = end;
    }
    return (out + chars.slice(at).join('')).replace(/ {2,}/g, ' ');
  });
}

/** JFLEG's first reference, `perParagraph` sentences to a text (1: as written). */
export function jflegReference(refPath: string, perParagraph: number): string[] {
  const lines = readFileSync(refPath, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += perParagraph) out.push(lines.slice(i, i + perParagraph).join(' '));
  return out;
}

/** The project's own prose: README.md and docs/*.md. */
export function projectDocs(root: string): Doc[] {
  const docs = readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, 'docs', f));
  return [path.join(root, 'README.md'), ...docs].map((f) => ({ text: readFileSync(f, 'utf8'), format: 'markdown' as const }));
}

/** Held-out technical documentation (scripts/techdocs-corpus.ts), 40 blocks to a text; [] when not made. */
export function techdocsDev(dataDir: string): Doc[] {
  const file = path.join(dataDir, 'techdocs_dev.txt');
  if (!existsSync(file)) return [];
  const blocks = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const out: Doc[] = [];
  for (let i = 0; i < blocks.length; i += 40) out.push({ text: blocks.slice(i, i + 40).join('\n\n'), format: 'plaintext' });
  return out;
}

/** Flagged words per 100 words on `set`, the model's and harper.js's. */
export async function measureFalseAlarms(checker: Checker, harper: Harper | undefined, set: CleanSet, threshold: number): Promise<FalseAlarmRow> {
  let words = 0;
  let flagged = 0;
  let lowercase = 0;
  const at = new Array<number>(99).fill(0);
  for (let i = 0; i < set.docs.length; i += 32) {
    const part = set.docs.slice(i, i + 32);
    const scored = await checker.scoreMany(part.map((d) => ({ source: d.text, format: d.format })));
    scored.forEach((doc, k) => {
      words += doc.wordCount;
      // A word is a finding at threshold t exactly when its effective score is >= t (findings.ts).
      effectiveScores(part[k].text, doc.words).forEach((e, i) => {
        for (let t = 1; t <= 99 && e >= t / 100; t++) at[t - 1]++;
        if (e < threshold) return;
        flagged++;
        if (doc.words[i].text === doc.words[i].text.toLowerCase()) lowercase++;
      });
    });
  }
  let harperRow: FalseAlarmRow['harper'] = null;
  if (harper) {
    const linted = await harper.lint(set.docs.map((d) => d.text));
    let n = 0;
    set.docs.forEach((d, i) => {
      const spans = linted.spans[i];
      n += essayWords(d.text).filter((w) => spans.some((s) => s.start < w.end && w.start < s.end)).length;
    });
    harperRow = { flagged: n, per100: (100 * n) / Math.max(1, words) };
  }
  const per100 = (n: number): number => (100 * n) / Math.max(1, words);
  return { name: set.name, texts: set.docs.length, words, model: { flagged, per100: per100(flagged), lowercasePer100: per100(lowercase) }, per100At: at.map(per100), harper: harperRow };
}

/** Stability of scores between a sentence alone and the same sentence inside its whole essay as one paragraph. */
export async function measureStability(checker: Checker, essays: readonly string[], threshold: number): Promise<Stability> {
  let sentences = 0;
  let words = 0;
  let either = 0;
  let both = 0;
  let change = 0;
  for (const essay of essays) {
    const text = joined(essay);
    const whole = await checker.score(text, 'plaintext');
    const parts = whole.sentences.filter((s) => /\p{L}/u.test(text.slice(s.start, s.end)));
    const alone = await checker.scoreMany(parts.map((s) => ({ source: text.slice(s.start, s.end), format: 'plaintext' as const })));
    const aloneAt = new Map<number, number>();
    parts.forEach((s, k) => alone[k].words.forEach((w) => aloneAt.set(s.start + w.start, w.score)));
    sentences += parts.length;
    for (const w of whole.words) {
      const a = aloneAt.get(w.start);
      if (a === undefined) continue;
      words++;
      change += Math.abs(a - w.score);
      const inWhole = w.score >= threshold;
      const inAlone = a >= threshold;
      if (inWhole || inAlone) either++;
      if (inWhole && inAlone) both++;
    }
  }
  return { essays: essays.length, sentences, words, flaggedEither: either, flaggedBoth: both, jaccard: both / Math.max(1, either), meanAbsScoreChange: change / Math.max(1, words) };
}

/** Markdown for the eval report. */
export function renderFalseAlarms(rows: readonly FalseAlarmRow[], stability: Stability | undefined, threshold: number): string[] {
  const f = (x: number): string => x.toFixed(2);
  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(`False alarms: flagged words per 100 words on text where nothing should be flagged, default threshold ${threshold} (every flag of \`findingsOf\`; harper.js: words its kept lints overlap; underline-nothing would be 0):`, '');
    lines.push('| clean text | texts | words | model flags / 100 words | of them lowercase / 100 | harper.js / 100 |', '|---|---:|---:|---:|---:|---:|');
    for (const r of rows) lines.push(`| ${r.name} | ${r.texts} | ${r.words} | ${f(r.model.per100)} (${r.model.flagged}) | ${f(r.model.lowercasePer100)} | ${r.harper ? `${f(r.harper.per100)} (${r.harper.flagged})` : '–'} |`);
    lines.push('');
  }
  if (stability) {
    lines.push(`Stability (FCE dev essays joined into one paragraph; each sentence also scored alone): of the words flagged in either, **${(100 * stability.jaccard).toFixed(1)}%** are flagged in both (${stability.flaggedBoth}/${stability.flaggedEither}); mean absolute score change ${stability.meanAbsScoreChange.toFixed(4)} over ${stability.words} words of ${stability.sentences} sentences in ${stability.essays} essays.`, '');
  }
  return lines;
}

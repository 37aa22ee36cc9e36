/**
 * Suggestions: (a) `check --suggest` against plain `check` on the same documents, the CLI's own
 * path (score, findings, then every flagged word's fixes judged in one `suggestMany`), engines
 * taking turns per document; (b) the hover's latency: fixes for one flagged word of a
 * 1,000-word document, computed as the editor asks for them (the word's paragraph, as plain text).
 */
import { Checker } from '../src/core/checker';
import { DEFAULT_THRESHOLD } from '../src/core/defaults';
import { extractProse } from '../src/core/extract';
import { findingsOf } from '../src/core/findings';
import { median, percentile, timed } from './stats';

export interface SuggestResult {
  words: number;
  flagged: number;
  checkMs: number;
  suggestMs: number;
  /** Median of per-round ratios suggest time / check time. */
  slowdown: number;
  hover: { words: number; samples: number; medianMs: number; p90Ms: number; withFix: number };
}

async function check(checker: Checker, doc: string, suggest: boolean): Promise<number> {
  const scored = await checker.score(doc, 'markdown');
  const findings = findingsOf(doc, scored.words, DEFAULT_THRESHOLD);
  if (!suggest) return 0;
  const flagged = findings.filter((f) => f.kind === 'replaced-word');
  const fixes = await checker.suggestMany(doc, 'markdown', flagged, { threshold: DEFAULT_THRESHOLD });
  flagged.forEach((f, i) => { f.suggestions = fixes[i]; });
  return flagged.length;
}

export async function suggestBench(checker: Checker, docs: string[], hoverDoc: string, runs: number, hoverSamples: number): Promise<SuggestResult> {
  let words = 0;
  let flagged = 0;
  for (const d of docs) {
    words += (await checker.score(d, 'markdown')).wordCount;
    flagged += await check(checker, d, true); // also warms up the generator and the tables
  }
  const c: number[] = [];
  const s: number[] = [];
  for (let r = 0; r < runs; r++) {
    let tc = 0;
    let ts = 0;
    for (let d = 0; d < docs.length; d++) {
      const turns = [
        async () => { tc += (await timed(() => check(checker, docs[d], false))).ms; },
        async () => { ts += (await timed(() => check(checker, docs[d], true))).ms; },
      ];
      for (let i = 0; i < turns.length; i++) await turns[(i + d + r) % turns.length]();
    }
    c.push(tc);
    s.push(ts);
  }

  // The hover: the editor sends the flagged word's paragraph (its prose, as plain text).
  const prose = extractProse(hoverDoc, 'markdown');
  const paragraphs = prose.blocks.map((b) => prose.text.slice(b.start, b.end));
  const scored = await checker.scoreMany(paragraphs.map((p) => ({ source: p, format: 'plaintext' as const })));
  const picks: Array<{ text: string; start: number; end: number }> = [];
  scored.forEach((doc, i) => {
    for (const w of doc.words) if (w.score >= DEFAULT_THRESHOLD) picks.push({ text: paragraphs[i], start: w.start, end: w.end });
  });
  const step = Math.max(1, Math.floor(picks.length / hoverSamples));
  const hoverMs: number[] = [];
  let withFix = 0;
  for (let i = 0; i < picks.length && hoverMs.length < hoverSamples; i += step) {
    const p = picks[i];
    const t = await timed(() => checker.suggest(p.text, 'plaintext', p, 3, { threshold: DEFAULT_THRESHOLD }));
    hoverMs.push(t.ms);
    if (t.value.length > 0) withFix++;
  }
  const hoverWords = scored.reduce((n, d) => n + d.wordCount, 0);
  return {
    words,
    flagged,
    checkMs: median(c),
    suggestMs: median(s),
    slowdown: median(s.map((x, i) => x / c[i])),
    hover: { words: hoverWords, samples: hoverMs.length, medianMs: median(hoverMs), p90Ms: percentile(hoverMs, 90), withFix },
  };
}

/**
 * Suggestion accuracy (`npm run eval -- --suggestions`): on the one-word errors of FCE dev/test
 * (JSON essays) and JFLEG dev (M2), how often the first (top-1) or one of the first three
 * (top-3) suggestions of a flagged error is the annotators' correction, and the share of all
 * one-word errors fixed end to end by the first suggestion; the same for harper.js's lints and
 * their suggestions, on the same texts.
 *
 * A one-word error is an edit that replaces one word by one word, deletes one word, or inserts
 * one word (punctuation-only and capitalisation-only edits left out). The word the checker
 * should flag: the edited word; for an insertion, the word right after the gap (FCE's
 * convention). A suggestion is right when applying it gives the same text as applying the
 * annotator's edit, compared case-insensitively with whitespace collapsed (so "remove" equals
 * deleting the word, "Add 'the' before 'phones'" equals inserting "the"). JFLEG: the errors are
 * the first annotator's; any annotator's one-word correction of the same span counts as right.
 */
import { readFileSync } from 'node:fs';
import type { Checker } from '../../src/core/checker';
import { DEFAULT_THRESHOLD } from '../../src/core/defaults';
import { findingsOf, needsSuggester } from '../../src/core/findings';
import { applyEdit, suggestionEdit, type TextEdit } from '../../src/core/suggest/edit';
import { codePointToUtf16 } from '../../src/core/tokenizer';
import { essayWords, isPunctuationOnly, joinTokens } from './datasets';
import { evalFile } from './paths';
import { log, pct, seconds } from './score-units';
import type { Harper, HarperFix } from './harper';

export interface OneWordError {
  /** The annotator's edit and the other accepted corrections of the same span. */
  edits: TextEdit[];
  /** The word that should be flagged. */
  target: { start: number; end: number };
}
export interface SuggestionItem {
  text: string;
  errors: OneWordError[];
}

const ONE_WORD = /^[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*$/u;

/** The one-word error of an edit on `text`, or undefined when it is not one. */
function oneWordError(text: string, words: Array<{ start: number; end: number }>, start: number, end: number, correction: string): OneWordError | undefined {
  const source = text.slice(start, end).trim();
  const fix = correction.trim();
  if ((source === '' && fix === '') || (source !== '' && !ONE_WORD.test(source)) || (fix !== '' && !ONE_WORD.test(fix))) return undefined;
  if (isPunctuationOnly(source, fix) || source.toLowerCase() === fix.toLowerCase()) return undefined;
  let target: { start: number; end: number } | undefined;
  if (source !== '') target = words.find((w) => w.start < end && start < w.end && text.slice(w.start, w.end) === source);
  else {
    const next = words.find((w) => w.start >= start);
    if (next && /^[^\S\n]*$/.test(text.slice(start, next.start))) target = next;
  }
  if (!target) return undefined;
  return { edits: [{ start, end, text: source === '' ? `${fix} ` : fix }], target };
}

/** FCE dev/test JSON essays (offsets in code points) and their one-word errors. */
export function readFceOneWord(path: string): SuggestionItem[] {
  const items: SuggestionItem[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text: string; edits: Array<[unknown, Array<[number, number, string | null, string | null]>]> };
    const text = record.text;
    const utf16 = codePointToUtf16(text);
    const words = essayWords(text);
    const errors: OneWordError[] = [];
    for (const [, list] of record.edits) {
      for (const [s, e, correction] of list) {
        if (correction === null) continue;
        const err = oneWordError(text, words, utf16(s), utf16(e), correction);
        if (err) errors.push(err);
      }
    }
    items.push({ text, errors });
  }
  return items;
}

/** JFLEG dev M2: sentences joined as typed; the first annotator's one-word errors, any annotator's correction accepted. */
export function readJflegOneWord(path: string): SuggestionItem[] {
  const items: SuggestionItem[] = [];
  for (const block of readFileSync(path, 'utf8').split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/).filter((l) => l.length > 0);
    if (lines.length === 0 || !lines[0].startsWith('S ')) continue;
    const tokens = lines[0].slice(2).split(' ').filter((t) => t.length > 0);
    const joined = joinTokens(tokens, tokens.map(() => false));
    const text = joined.text;
    const words = essayWords(text);
    const at = (t: number): number => (t < tokens.length ? joined.tokens[t].start : text.length);
    const byAnnotator = new Map<string, Array<{ key: string; err: OneWordError }>>();
    for (const line of lines.slice(1)) {
      if (!line.startsWith('A ')) continue;
      const fields = line.slice(2).split('|||');
      const [from, to] = fields[0].split(' ').map(Number);
      if (fields[1] === 'noop' || from < 0) continue;
      const start = at(from);
      const end = to > from ? joined.tokens[Math.min(to, tokens.length) - 1].end : start;
      const err = oneWordError(text, words, start, end, fields[2] ?? '');
      if (!err) continue;
      const who = fields[fields.length - 1];
      const list = byAnnotator.get(who) ?? [];
      list.push({ key: `${from} ${to}`, err });
      byAnnotator.set(who, list);
    }
    const first = byAnnotator.get('0') ?? [];
    const errors = first.map(({ key, err }) => {
      const others = [...byAnnotator.values()].flat().filter((o) => o.key === key && o.err !== err).map((o) => o.err.edits[0]);
      return { ...err, edits: [...err.edits, ...others] };
    });
    items.push({ text, errors });
  }
  return items;
}

const normal = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').replace(/ (?=[.,;:!?])/g, '').trim();

/** Whether `edit` on `text` gives what one of the annotators' edits gives. */
export function fixes(text: string, err: OneWordError, edit: TextEdit): boolean {
  const lo = Math.max(0, Math.min(edit.start, ...err.edits.map((e) => e.start)) - 40);
  const hi = Math.min(text.length, Math.max(edit.end, ...err.edits.map((e) => e.end)) + 40);
  const local = (e: TextEdit): string => normal(applyEdit(text, e).slice(lo, hi - (e.end - e.start) + e.text.length));
  const mine = local(edit);
  return err.edits.some((e) => local(e) === mine);
}

export interface SuggestionScore {
  errors: number;
  flagged: number;
  top1: number;
  top3: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** The model's and harper.js's suggestion accuracy on `items`. */
export async function scoreSuggestions(checker: Checker, harper: Harper | undefined, items: readonly SuggestionItem[], progress: (done: number) => void): Promise<{ model: SuggestionScore; harper: SuggestionScore | null }> {
  const model: SuggestionScore = { errors: 0, flagged: 0, top1: 0, top3: 0 };
  const peer: SuggestionScore = { errors: 0, flagged: 0, top1: 0, top3: 0 };
  const linted = harper ? await harper.lintWithFixes(items.map((i) => i.text)) : undefined;
  for (const [n, item] of items.entries()) {
    progress(n);
    if (item.errors.length === 0) continue;
    const doc = await checker.score(item.text, 'plaintext');
    const findings = findingsOf(item.text, doc.words, DEFAULT_THRESHOLD);
    const flagged = findings.filter(needsSuggester);
    const fixesOf = await checker.suggestMany(item.text, 'plaintext', flagged, { threshold: DEFAULT_THRESHOLD, max: 3 });
    flagged.forEach((f, k) => { f.suggestions = fixesOf[k]; });
    for (const err of item.errors) {
      model.errors++;
      const f = findings.find((x) => overlaps(x, err.target));
      if (f) {
        model.flagged++;
        const right = f.suggestions.slice(0, 3).map((s) => fixes(item.text, err, suggestionEdit(item.text, f, s)));
        if (right[0]) model.top1++;
        if (right.some(Boolean)) model.top3++;
      }
      if (!linted) continue;
      peer.errors++;
      const lint = linted[n].find((l) => overlaps(l, err.target));
      if (lint) {
        peer.flagged++;
        const right = lint.fixes.map((fx) => fixes(item.text, err, harperEdit(lint, fx)));
        if (right[0]) peer.top1++;
        if (right.some(Boolean)) peer.top3++;
      }
    }
  }
  return { model, harper: linted ? peer : null };
}

function harperEdit(span: { start: number; end: number }, [kind, text]: HarperFix): TextEdit {
  if (kind === 1) return { start: span.start, end: span.end, text: '' };
  if (kind === 2) return { start: span.end, end: span.end, text };
  return { start: span.start, end: span.end, text };
}

/** Suggestion accuracy on the one-word errors of each learner set. */
export const SUGGESTION_SETS = {
  'suggest-fce-dev': { name: 'FCE dev JSON', read: () => readFceOneWord(evalFile('fce', 'fce-dev.json')) },
  'suggest-fce-test': { name: 'FCE test JSON', read: () => readFceOneWord(evalFile('fce', 'fce-test.json')) },
  'suggest-jfleg': { name: 'JFLEG dev', read: () => readJflegOneWord(evalFile('jfleg-dev', 'dev.ref.m2')) },
} as const;
export type SuggestionKey = keyof typeof SUGGESTION_SETS;
export type SuggestionResult = Partial<Record<SuggestionKey, { model: SuggestionScore; harper: SuggestionScore | null; seconds: number }>>;

export async function measureSuggestions(checker: Checker, harper: Harper | undefined, keys: readonly SuggestionKey[], limit: number): Promise<SuggestionResult> {
  const out: SuggestionResult = {};
  for (const key of keys) {
    const t = Date.now();
    const items = SUGGESTION_SETS[key].read().slice(0, limit);
    const tty = process.stderr.isTTY;
    const r = await scoreSuggestions(checker, harper, items, (done) => tty && process.stderr.write(`\reval: ${key}: ${done}/${items.length}`));
    if (tty) process.stderr.write('\n');
    out[key] = { ...r, seconds: seconds(t) };
    log(`${key}: ${items.length} texts, ${r.model.errors} one-word errors, ${out[key]!.seconds} s`);
  }
  return out;
}

export function renderSuggestions(res: SuggestionResult, threshold: number): string[] {
  const share = (n: number, d: number): string => `${pct(n / d)} (${n}/${d})`;
  const lines = [
    `Suggestions on one-word errors (replace, delete or insert one word), default threshold ${threshold}: top-1 and top-3 are the shares of flagged errors whose first / one of the first three suggestions is the annotators' correction; end to end is the share of all one-word errors fixed by the first suggestion. In %:`, '',
    '| set | one-word errors | model flagged | top-1 | top-3 | end to end | harper.js flagged | top-1 | top-3 | end to end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const key of Object.keys(res) as SuggestionKey[]) {
    const { model: m, harper: h } = res[key]!;
    const hc = h ? `${share(h.flagged, h.errors)} | ${share(h.top1, h.flagged)} | ${share(h.top3, h.flagged)} | ${share(h.top1, h.errors)}` : '– | – | – | –';
    lines.push(`| ${SUGGESTION_SETS[key].name} | ${m.errors} | ${share(m.flagged, m.errors)} | ${share(m.top1, m.flagged)} | ${share(m.top3, m.flagged)} | ${share(m.top1, m.errors)} | ${hc} |`);
  }
  lines.push('');
  return lines;
}

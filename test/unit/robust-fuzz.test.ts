// Hostile documents through the FULL pipeline (extraction, tokenizer, windows, model,
// findings) on the tiny random-weight model, in all three formats: generated and mutated
// documents of random Unicode (astral characters, emoji ZWJ sequences, combining marks,
// zero-width and bidi controls, lone surrogates), CRLF/CR/LF mixes, tabs, very long words
// and lines, deeply nested Markdown and LaTeX and unbalanced braces. Nothing may throw;
// every word and finding lies inside the document, slices exactly its text and comes in
// source order; each document is checked within a time budget.
//
// ROBUST_FUZZ_RUNS=N sets the number of documents per property (default sized for a
// loaded 2-core machine); the count tried is printed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { Checker } from '../../src/core/checker';
import type { DocumentFormat, Finding, ScoredText } from '../../src/core/types';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const RUNS = Number(process.env.ROBUST_FUZZ_RUNS ?? 300);
/** Wall-clock budget for one document in one format (score + check), on a loaded machine. */
const BUDGET_MS = Number(process.env.ROBUST_FUZZ_BUDGET_MS ?? 15_000);
const FORMATS: DocumentFormat[] = ['plaintext', 'markdown', 'latex'];

const HOSTILE = [
  '👩‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '🇫🇷', '𝕳𝖊𝖑𝖑𝖔', '𠜎𠜱', 'e\u0301\u0308\u0323', 'a\u0300\u0301\u0302\u0303\u0304',
  '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad',
  '\u202e', '\u202d', '\u2066', '\u2067', '\u2069', '\u200f', '\u061c',
  '\ud800', '\udfff', '\udc00a', 'b\ud83d',
  '\r\n', '\r', '\n', '\n\n', '\r\r\n', '\t', '\t\t', '\u2028', '\u2029', '\u0085', '\v', '\f', '\0',
  'مرحبا بالعالم', 'שלום', '日本語の文章。', 'ภาษาไทย', 'Ünïcödé naïve café',
  'the the', 'Had had', "don't", 'well-known', '3.14', 'https://example.org/a_(b)', 'me@example.org', '[SEP]', '[MASK]', '[CLS]',
];
const MARKUP = [
  '*', '**', '_', '`', '```', '~~~', '#', '> ', '- ', '1. ', '|', '---', '***', '<!--', '-->', '<div>', '</div>', '<script>',
  '[', '](', ')', '![', '\\', '&amp;', '&#x1F600;', '$$', '$', '{', '}', '%', '~', '^', '&',
  '\\begin{itemize}', '\\end{itemize}', '\\item ', '\\section{', '\\emph{', '\\textbf{', '\\verb|', '\\[', '\\]',
  '\\begin{verbatim}', '\\end{verbatim}', '\\begin{equation}', '\\end{document}', '\\\\', '\\', '\\footnote{', '\\cite{a}',
];

/** Something a real document might contain, or anything at all. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('The', 'cat', 'sat', 'quickly', 'on', 'a', 'mat', '.', ',', ' ', ' ', 'essay', 'because', '!', '?') },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
  // Very long words and lines.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'ab', 'é', '日', '😀', '-', '.', 'a\u0301'), fc.integer({ min: 50, max: 3000 })).map(([s, n]) => s.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 600 }).map((n) => 'word '.repeat(n)) },
  // Deep nesting and unbalanced braces.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('> ', '  - ', '{', '}', '\\begin{itemize}\\item ', '\\end{itemize}', '[', '(', '*', '\\emph{', '<div>', '$'), fc.integer({ min: 5, max: 300 })).map(([s, n]) => s.repeat(n)) },
);

const generated = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

/** Real documents of each format, to mutate. */
const SEEDS = ['essay.md', 'notes.txt', 'paper.tex'].map((f) => readFileSync(join(REPO_ROOT, 'test/e2e/fixtures/workspace', f), 'utf8'));

/** A seed document with random insertions, deletions and replacements. */
const mutated = fc.tuple(
  fc.constantFrom(...SEEDS),
  fc.array(fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }), fragment), { minLength: 1, maxLength: 12 }),
).map(([seed, edits]) => {
  let s = seed;
  for (const [op, where, len, text] of edits) {
    const at = Math.floor(where * s.length);
    if (op === 'insert') s = s.slice(0, at) + text + s.slice(at);
    else if (op === 'delete') s = s.slice(0, at) + s.slice(at + len);
    else s = s.slice(0, at) + text + s.slice(at + len);
  }
  return s;
});

/** 1-based line and UTF-16 column of `offset`, lines broken at CRLF, CR and LF. */
function lineColumn(source: string, offset: number): { line: number; column: number } {
  const lines = source.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function assertWords(source: string, doc: ScoredText): void {
  let last = 0;
  for (const w of doc.words) {
    assert.ok(Number.isInteger(w.start) && Number.isInteger(w.end), 'integer offsets');
    assert.ok(w.start >= last, `words in order and disjoint (${w.start} < ${last})`);
    assert.ok(w.start < w.end && w.end <= source.length, `word [${w.start},${w.end}) inside the document of ${source.length}`);
    assert.equal(source.slice(w.start, w.end), w.text);
    assert.ok(w.score >= 0 && w.score <= 1, `score ${w.score} in [0,1]`);
    assert.ok(w.sentence >= 0 && (doc.sentences.length === 0 || w.sentence < doc.sentences.length), 'sentence index in range');
    last = w.end;
  }
  assert.equal(doc.wordCount, doc.words.length);
  let s0 = 0;
  for (const s of doc.sentences) {
    assert.ok(s.start >= s0 && s.start <= s.end && s.end <= source.length, `sentence [${s.start},${s.end}) in order and inside`);
    s0 = s.start;
  }
}

function assertFindings(source: string, findings: Finding[]): void {
  let last = 0;
  for (const f of findings) {
    assert.ok(f.start >= last && f.start < f.end && f.end <= source.length, `finding [${f.start},${f.end}) in order and inside`);
    assert.equal(source.slice(f.start, f.end), f.text);
    assert.deepEqual({ line: f.line, column: f.column }, lineColumn(source, f.start));
    assert.ok(f.kind === 'replaced-word' || f.kind === 'repeated-word');
    last = f.end;
  }
}

describe('robustness: fuzzed documents through the whole checker (tiny model)', function () {
  this.timeout(0);
  let checker: Checker;
  const tried: Record<string, number> = {};
  let slowest = { ms: 0, length: 0, format: '' };
  let longest = 0;

  before(async () => {
    checker = await Checker.create({ modelDir: TINY_MODEL_DIR, provider: 'cpu' });
  });
  after(async () => {
    await checker?.dispose();
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(`      fuzzed ${total} document checks (${Object.entries(tried).map(([k, v]) => `${k}: ${v}`).join(', ')}); `
      + `longest ${longest} chars; slowest ${slowest.ms} ms (${slowest.length} chars, ${slowest.format})`);
  });

  /** Scores and checks `source` in every format; all invariants; the time budget. */
  async function checkAllFormats(kind: string, source: string): Promise<void> {
    longest = Math.max(longest, source.length);
    for (const format of FORMATS) {
      const t0 = performance.now();
      const doc = await checker.score(source, format);
      const findings = await checker.check(source, format, { threshold: 0 });
      const ms = Math.round(performance.now() - t0);
      if (ms > slowest.ms) slowest = { ms, length: source.length, format };
      assertWords(source, doc);
      assertFindings(source, findings);
      // threshold 0 lists every scored word, in the same places.
      assert.deepEqual(findings.map((f) => [f.start, f.end]), doc.words.map((w) => [w.start, w.end]));
      assert.ok(ms < BUDGET_MS, `${format}: ${ms} ms for ${source.length} characters (budget ${BUDGET_MS} ms)`);
      tried[kind] = (tried[kind] ?? 0) + 1;
    }
  }

  it(`generated documents: no exception, exact in-range offsets, bounded time (${RUNS} documents × 3 formats)`, async () => {
    await fc.assert(fc.asyncProperty(generated, (src) => checkAllFormats('generated', src)), { numRuns: RUNS });
  });

  it(`mutated real documents: same invariants (${RUNS} documents × 3 formats)`, async () => {
    await fc.assert(fc.asyncProperty(mutated, (src) => checkAllFormats('mutated', src)), { numRuns: RUNS });
  });

  it('scoreMany over fuzzed documents agrees with scoring each alone on every span', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(generated, mutated), { minLength: 1, maxLength: 5 }), fc.constantFrom(...FORMATS), async (docs, format) => {
      const many = await checker.scoreMany(docs.map((source) => ({ source, format })));
      for (let i = 0; i < docs.length; i++) {
        const alone = await checker.score(docs[i], format);
        assert.deepEqual(many[i].words.map((w) => [w.start, w.end, w.text]), alone.words.map((w) => [w.start, w.end, w.text]));
        for (let k = 0; k < alone.words.length; k++) assert.ok(Math.abs(many[i].words[k].score - alone.words[k].score) < 1e-3);
      }
      tried.batched = (tried.batched ?? 0) + docs.length;
    }), { numRuns: Math.max(10, Math.round(RUNS / 10)) });
  });

  it('suggest on random spans of fuzzed documents never throws and proposes only whole words, removals and insertions', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(generated, mutated), fc.constantFrom(...FORMATS), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }),
      async (source, format, where, width) => {
        const start = Math.floor(where * source.length);
        const spans = [{ start, end: Math.min(source.length, start + width) }];
        const doc = await checker.score(source, format);
        // `where` may be exactly 1: clamp to the last word.
        if (doc.words.length > 0) spans.push(doc.words[Math.min(doc.words.length - 1, Math.floor(where * doc.words.length))]);
        for (const span of spans) {
          // Threshold 0.99: the tiny random model's words score near 0.45, so fixes are kept and checked.
          const out = await checker.suggest(source, format, span, 3, { threshold: 0.99 });
          assert.ok(out.length <= 3);
          // A word, or words split by single spaces (a run-together word's fix: "at least").
          for (const x of out) assert.ok((x.kind === 'remove' || /^\p{L}+(?:'\p{L}+)?(?: \p{L}+(?:'\p{L}+)?)*$/u.test(x.text)) && x.score !== undefined && x.score >= 0 && x.score < 0.99, JSON.stringify(x));
        }
        tried.suggest = (tried.suggest ?? 0) + spans.length;
      }), { numRuns: Math.max(10, Math.round(RUNS / 5)) });
  });

  // Found by the property above: a run of ~510 CJK characters after an e-mail address is one
  // word of over 500 tokens, and its suggestion row overflowed the model's 512 positions.
  it('suggest on a word longer than any context (hundreds of letters without a space) offers no fix instead of failing', async () => {
    for (const n of [300, 510, 1000]) {
      const source = `me@example.org${'日'.repeat(n)}𘷳㐀The`;
      for (const format of FORMATS) {
        const doc = await checker.score(source, format);
        for (const w of doc.words) assert.ok((await checker.suggest(source, format, w, 3, { threshold: 0.99 })).length <= 3);
        assert.deepEqual(await checker.suggest(source, format, { start: 20, end: 30 }, 3, { threshold: 0.99 }), [], `${n} ${format}`);
      }
    }
  });

  it('checking the same documents 600 times does not grow the heap (leak check, figures printed)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const docs = SEEDS.map((source, i) => ({ source: source.repeat(4), format: FORMATS[(i + 1) % 3] }));
    const round = async () => { for (const d of docs) await checker.check(d.source, d.format, { threshold: 0.5 }); };
    for (let i = 0; i < 20; i++) await round(); // warm caches and onnxruntime's arena
    gc();
    const before = process.memoryUsage();
    for (let i = 0; i < 200; i++) await round();
    gc();
    const after = process.memoryUsage();
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`      memory over 600 checks: heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, rss ${mb(before.rss)} -> ${mb(after.rss)}, external ${mb(before.external)} -> ${mb(after.external)}`);
    assert.ok(after.heapUsed - before.heapUsed < 8 * 2 ** 20, `heap grew by ${mb(after.heapUsed - before.heapUsed)}`);
    assert.ok(after.rss - before.rss < 64 * 2 ** 20, `rss grew by ${mb(after.rss - before.rss)}`);
  });

  it('LaTeX footnotes (scored after the body) come back in source order, sentences too', async () => {
    const source = 'Before the note\\footnote{Inside the note. Two sentences here.} and after it. Next sentence.\n';
    const doc = await checker.score(source, 'latex');
    assertWords(source, doc);
    assert.deepEqual(doc.words.map((w) => w.text), ['Before', 'the', 'note', 'Inside', 'the', 'note', 'Two', 'sentences', 'here', 'and', 'after', 'it', 'Next', 'sentence']);
    for (const w of doc.words) {
      const s = doc.sentences[w.sentence];
      assert.ok(s.start <= w.start && w.end <= s.end, `"${w.text}" lies in its sentence`);
    }
  });

  it('extremes: empty, whitespace only, control characters only, one 1-million-character word and line', async () => {
    for (const source of ['', ' ', '\n\r\n\r\t  \u2028', '\u200b\u200d\ufeff\u202e', '\ud800\udc00\ud800', '{'.repeat(5000), '}'.repeat(5000), '$'.repeat(3001)]) {
      for (const format of FORMATS) {
        const doc = await checker.score(source, format);
        assertWords(source, doc);
      }
    }
    for (const source of ['x'.repeat(1_000_000), `${'word '.repeat(199_999)}end`]) {
      for (const format of FORMATS) {
        const t0 = performance.now();
        const doc = await checker.score(source, format);
        const ms = performance.now() - t0;
        assertWords(source, doc);
        assert.ok(ms < 60_000, `${format}: ${Math.round(ms)} ms for one ${source.length}-character line`);
      }
    }
  });
});

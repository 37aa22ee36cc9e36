/**
 * Benchmark inputs: Markdown documents of a given word count, built from prose
 * paragraphs. Paragraphs come from `BENCH_CORPUS` (a text file, or `.xz`, one paragraph
 * per line) when set, else from /work/shared/corpus/modern/18f_blog.txt.xz when present
 * (read at bench time, never copied into the repo), else from the repository's own
 * Markdown (README, docs/, examples/). Deterministic for a given source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractProse } from '../src/core/extract';

const SHARED = '/work/shared/corpus/modern/18f_blog.txt.xz';

export interface ParagraphSource {
  name: string;
  paragraphs: string[];
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Prose paragraphs of 20–400 words, at least `minWords` in all when the source has them. */
export function loadParagraphs(minWords: number): ParagraphSource {
  const file = process.env.BENCH_CORPUS ?? (existsSync(SHARED) ? SHARED : undefined);
  if (file) {
    // Enough lines for the budget (paragraphs average well over 20 words); `head` stops xz early.
    const lines = Math.max(2000, Math.ceil(minWords / 20));
    const text = file.endsWith('.xz')
      ? execFileSync('sh', ['-c', `xz -dc "$0" | head -n ${lines}`, file], { maxBuffer: 1 << 28 }).toString()
      : readFileSync(file, 'utf8');
    const paragraphs = text.split('\n').map((l) => l.trim()).filter((p) => words(p) >= 20 && words(p) <= 400 && !/[`<>|#*_[\]]/.test(p));
    if (paragraphs.length > 0) return { name: file.split('/').pop()!, paragraphs };
  }
  return { name: 'repository Markdown (README.md, docs/, examples/)', paragraphs: repoParagraphs() };
}

function repoParagraphs(): string[] {
  const files = ['README.md', ...['docs', 'examples'].flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.md')).map((f) => join(d, f)) : []))];
  const out: string[] = [];
  for (const f of files) {
    const prose = extractProse(readFileSync(f, 'utf8'), 'markdown');
    for (const b of prose.blocks) {
      const p = prose.text.slice(b.start, b.end).replace(/\s+/g, ' ');
      if (words(p) >= 20) out.push(p);
    }
  }
  return out;
}

/**
 * A Markdown document of about `targetWords` words: a title, then paragraphs from
 * `offset` on (wrapping around), a `##` heading every 6 paragraphs and a short list
 * every 10. Repeated passes over the source swap two words per paragraph so texts do
 * not repeat exactly (caches keyed by text would otherwise flatter the numbers).
 */
export function makeDocument(src: ParagraphSource, targetWords: number, offset = 0): string {
  const parts = [`# Document ${offset}`, ''];
  let n = 2;
  for (let i = 0; n < targetWords; i++) {
    const k = (offset + i) % src.paragraphs.length;
    const pass = Math.floor((offset + i) / src.paragraphs.length);
    let p = src.paragraphs[k];
    if (pass > 0) p = swapWords(p, pass);
    if (i > 0 && i % 6 === 0) {
      parts.push(`## Section ${i / 6}`, '');
      n += 2;
    }
    if (i > 0 && i % 10 === 0) {
      const items = p.split(/(?<=[.!?])\s+/).slice(0, 3);
      parts.push(...items.map((s) => `- ${s}`), '');
    } else {
      parts.push(p, '');
    }
    n += words(p);
  }
  return parts.join('\n');
}

/** `count` documents of `wordsEach` words over consecutive paragraphs. */
export function makeDocuments(src: ParagraphSource, count: number, wordsEach: number): string[] {
  const docs: string[] = [];
  let offset = 0;
  for (let d = 0; d < count; d++) {
    const doc = makeDocument(src, wordsEach, offset);
    docs.push(doc);
    offset += doc.split('\n\n').length;
  }
  return docs;
}

function swapWords(p: string, pass: number): string {
  const w = p.split(' ');
  const a = (pass * 7) % w.length;
  const b = (pass * 13 + 5) % w.length;
  [w[a], w[b]] = [w[b], w[a]];
  return w.join(' ');
}

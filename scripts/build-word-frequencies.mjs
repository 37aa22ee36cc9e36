#!/usr/bin/env node
/**
 * Builds `src/core/grade/measure/word-frequencies.json`: the 20,000 most frequent lowercased words of the
 * training corpus (/work/shared/corpus), most frequent first (`words[0]` has rank 1), with a note on sources.
 * JSON so that both esbuild and tsx can import it without a loader.
 * Vocabulary sophistication is measured against these ranks.
 *
 * Usage: node scripts/build-word-frequencies.mjs [CORPUS_DIR] [OUT_FILE]
 *   CORPUS_DIR defaults to $ELECTRA_CORPUS_DIR, else ../shared/corpus beside the repo, else /work/shared/corpus.
 * Needs `xz` on PATH. Deterministic: same corpus, same list (ties broken alphabetically).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[2] ?? process.env.ELECTRA_CORPUS_DIR
  ?? [join(repo, '..', 'shared', 'corpus'), '/work/shared/corpus'].find((d) => existsSync(d));
const out = process.argv[3] ?? join(repo, 'src', 'core', 'grade', 'measure', 'word-frequencies.json');
if (!corpus || !existsSync(corpus)) {
  console.error('Corpus folder not found: pass it as the first argument or set ELECTRA_CORPUS_DIR.');
  process.exit(2);
}
const TOP = 20000;
/** Words read per modern source at most, so that Wikipedia does not drown the other registers. */
const PER_SOURCE_WORDS = 4_000_000;
/** Words read per Gutenberg book at most. */
const PER_BOOK_WORDS = 200_000;
const WORD = /[a-z]+(?:'[a-z]+)?/g;

const counts = new Map();
let total = 0;

/** Streams one .xz file, counting at most `limit` words; Gutenberg files only between START/END markers. */
async function countFile(path, limit, gutenberg) {
  const xz = spawn('xz', ['-dc', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: xz.stdout, crlfDelay: Infinity });
  let n = 0;
  let inside = !gutenberg;
  for await (const line of lines) {
    if (gutenberg && line.startsWith('*** START')) { inside = true; continue; }
    if (gutenberg && line.startsWith('*** END')) break;
    if (!inside) continue;
    for (const m of line.toLowerCase().replace(/[\u2018\u2019]/g, "'").matchAll(WORD)) {
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      n++;
    }
    if (n >= limit) break;
  }
  xz.kill();
  total += n;
  return n;
}

const sources = [];
const modern = join(corpus, 'modern');
for (const f of readdirSync(modern).filter((f) => f.endsWith('.xz')).sort()) sources.push([join(modern, f), PER_SOURCE_WORDS, false]);
const books = join(corpus, 'gutenberg', 'books');
for (const f of readdirSync(books).filter((f) => f.endsWith('.xz')).sort()) sources.push([join(books, f), PER_BOOK_WORDS, true]);
for (const [path, limit, gut] of sources) {
  const n = await countFile(path, limit, gut);
  console.error(`${path}: ${n} words`);
}
const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, TOP);
const about = `Top ${ranked.length} lowercased words of the electra-feedback training corpus, most frequent first. `
  + `Built by scripts/build-word-frequencies.mjs from ${total} words: at most ${PER_SOURCE_WORDS} per modern source `
  + '(Wikipedia CC BY-SA 3.0, Wikinews CC BY 2.5, OpenStax CC BY 4.0, Standard Ebooks and U.S. government works public domain; '
  + `see shared/corpus/modern/SOURCES.tsv) and ${PER_BOOK_WORDS} per Project Gutenberg book (public domain). Derived statistics only; no corpus text.`;
const tmp = `${out}.tmp`;
writeFileSync(tmp, `{"about": ${JSON.stringify(about)},\n"totalWords": ${total},\n"words": [\n${ranked.map(([w]) => JSON.stringify(w)).join(',\n')}\n]}\n`);
renameSync(tmp, out);
console.error(`wrote ${out}: ${ranked.length} words`);

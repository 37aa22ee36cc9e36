/**
 * Technical documentation for training (model v3): the READMEs of the permissively licensed npm and
 * PyPI packages installed in this checkout (node_modules, .e2e, .venv), read through the checker's
 * own Markdown extractor, so the model trains on exactly the prose it will score (headings, table
 * cells and list items as their own blocks, inline code as a gap).
 *
 *   npx tsx scripts/techdocs-corpus.ts [--out models/training/.work/data]
 *
 * Writes techdocs_train.txt and techdocs_dev.txt (one prose block a line; a package is wholly in one
 * split: 1 in 20 by a hash of its name) and techdocs_sources.tsv (package, version, licence, split,
 * blocks): the licences the model card records. Generated data is never committed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { extractProse } from '../src/core/extract';

/** SPDX identifiers whose text may be used to train and ship a model without further conditions. */
const PERMISSIVE = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'Unlicense', 'CC0-1.0',
  'BlueOak-1.0.0', 'Python-2.0', 'PSF-2.0', 'MIT-0', 'Zlib']);

interface Doc { name: string; version: string; license: string; markdown: string }

function licenseOf(raw: unknown): string | undefined {
  const s = typeof raw === 'string' ? raw : (raw && typeof raw === 'object' && 'type' in raw) ? String((raw as { type: unknown }).type) : '';
  const ids = s.replace(/[()]/g, ' ').split(/\s+(?:OR|AND)\s+|\s+/).filter(Boolean);
  return ids.length > 0 && ids.every((id) => PERMISSIVE.has(id)) ? s : undefined;
}

function* npmDocs(root: string, depth = 0): Generator<Doc> {
  if (depth > 6 || !existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const dir = path.join(root, entry);
    if (entry.startsWith('.') && entry !== '.e2e') continue;
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    if (entry.startsWith('@') || entry === 'node_modules' || entry === '.e2e' || entry === 'lib' || depth === 0) {
      yield* npmDocs(dir, depth + 1);
      continue;
    }
    const pkgFile = path.join(dir, 'package.json');
    if (existsSync(pkgFile)) {
      try {
        const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: string; version?: string; license?: unknown };
        const license = licenseOf(pkg.license);
        const readme = readdirSync(dir).find((f) => /^readme\.md$/i.test(f));
        if (pkg.name && license && readme) yield { name: pkg.name, version: pkg.version ?? '', license, markdown: readFileSync(path.join(dir, readme), 'utf8') };
      } catch { /* an unreadable package.json: not a package we can cite */ }
    }
    if (existsSync(path.join(dir, 'node_modules'))) yield* npmDocs(path.join(dir, 'node_modules'), depth + 1);
  }
}

function* pypiDocs(root: string): Generator<Doc> {
  const lib = path.join(root, 'lib');
  if (!existsSync(lib)) return;
  for (const py of readdirSync(lib)) {
    const site = path.join(lib, py, 'site-packages');
    if (!existsSync(site)) continue;
    for (const d of readdirSync(site).filter((f) => f.endsWith('.dist-info'))) {
      const file = path.join(site, d, 'METADATA');
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      const split = text.indexOf('\n\n');
      const head = text.slice(0, split);
      const field = (k: string): string => new RegExp(`^${k}: (.*)$`, 'm').exec(head)?.[1].trim() ?? '';
      if (!/markdown/i.test(field('Description-Content-Type'))) continue;
      const license = licenseOf(field('License-Expression') || field('License'));
      if (license) yield { name: field('Name'), version: field('Version'), license, markdown: text.slice(split + 2) };
    }
  }
}

function main(): void {
  const out = parseArgs({ options: { out: { type: 'string', default: 'models/training/.work/data' } } }).values.out!;
  mkdirSync(out, { recursive: true });
  const seen = new Set<string>();
  const split = { train: [] as string[], dev: [] as string[] };
  const sources: string[] = ['package\tversion\tlicense\tsplit\tblocks'];
  for (const doc of [...npmDocs('node_modules'), ...npmDocs('.e2e'), ...pypiDocs('.venv')]) {
    if (seen.has(doc.name)) continue; // one version of each package
    seen.add(doc.name);
    const prose = extractProse(doc.markdown, 'markdown');
    const blocks = prose.blocks.map((b) => prose.text.slice(b.start, b.end).replace(/\s+/g, ' ').trim())
      .filter((b) => /[A-Za-z]{2}/.test(b) && !/https?:\/\//.test(b));
    if (blocks.length === 0) continue;
    const which = createHash('sha256').update(doc.name).digest()[0] % 20 === 0 ? 'dev' : 'train';
    split[which].push(...blocks);
    sources.push([doc.name, doc.version, doc.license, which, blocks.length].join('\t'));
  }
  writeFileSync(path.join(out, 'techdocs_train.txt'), split.train.join('\n') + '\n');
  writeFileSync(path.join(out, 'techdocs_dev.txt'), split.dev.join('\n') + '\n');
  writeFileSync(path.join(out, 'techdocs_sources.tsv'), sources.join('\n') + '\n');
  const words = (xs: string[]): number => xs.reduce((n, b) => n + b.split(' ').length, 0);
  console.log(`${sources.length - 1} packages; train ${split.train.length} blocks / ${words(split.train)} words; dev ${split.dev.length} / ${words(split.dev)}`);
}

main();

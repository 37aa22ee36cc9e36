/**
 * Markdown (CommonMark + GFM + YAML/TOML front matter) extraction with the real
 * micromark parser. Node positions are UTF-16 offsets into the source.
 *
 * Kept: the text of paragraphs, headings, list items, block quotes, table cells,
 * footnote bodies, and the text of emphasis/strong/delete/links (not URLs).
 * Skipped: code (fenced, indented, inline), front matter, HTML, images, autolinks and
 * bare URLs, link/footnote definitions, footnote references.
 *
 * Placeholders: a skipped inline construct inside a paragraph becomes one synthetic
 * space (so `a`code`b` does not glue "a" and "b"), except inline HTML tags, which
 * become nothing (so `<b>hi</b>!` stays "hi!"); void tags (`<br>`, `<img>`...) become a
 * space. Blocks are paragraphs, headings and table cells (list items and quotes
 * contribute their paragraphs), separated by a synthetic "\n\n".
 */
import type { Nodes, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { ProseBuilder, type Prose } from './offset-map';
import { extractPlaintext } from './plaintext';
import { markdownChunks } from './markdown-chunks';
import { tooDeepForMarkdown } from './markdown-guard';

const MATTERS = ['yaml', 'toml'] as const;
const VOID_TAG = /^<(?:br|hr|img|wbr|input)\b/i;
/** An HTML character reference, as CommonMark recognises it. */
const CHAR_REF = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
/** Marks the end of a block on the walk stack. */
const END_BLOCK = Symbol('end-block');
/** Most parsed chunks kept (about 2 MB of source at the default chunk size). */
const TREE_CACHE_SIZE = 128;
/**
 * Parse trees by exact chunk text, least recently used first. An editor re-extracts the
 * whole document on every change; with this only the chunk holding the edit is parsed
 * again. Trees hold chunk-relative positions and are never mutated, so sharing is safe.
 */
const treeCache = new Map<string, Nodes>();

/**
 * Extracts Markdown prose, parsing large documents in independent chunks
 * (`minChunk`: smallest chunk in UTF-16 units; `Infinity` parses in one piece). Documents nested too deeply for the parser to handle in
 * reasonable time (or that make it throw) degrade to plain-text extraction.
 */
export function extractMarkdown(source: string, minChunk?: number): Prose {
  if (tooDeepForMarkdown(source)) return extractPlaintext(source);
  const bounds = markdownChunks(source, minChunk);
  const trees: Nodes[] = [];
  // micromark drops a byte order mark at the start of what it parses and counts positions
  // after it: parse each chunk without its BOM, from the offset after it.
  const starts = bounds.slice(0, -1).map((b, c) => (source.charCodeAt(b) === 0xfeff && b < bounds[c + 1] ? b + 1 : b));
  try {
    for (let c = 0; c + 1 < bounds.length; c++) trees.push(parseCached(source.slice(starts[c], bounds[c + 1])));
  } catch {
    return extractPlaintext(source); // e.g. a stack overflow on pathological nesting
  }
  const out = new ProseBuilder(source);
  trees.forEach((tree, c) => walk(out, source, tree, starts[c]));
  return out.build();
}

/** Empties the parse-tree cache (tests compare cached and fresh parses). */
export function clearMarkdownParseCache(): void {
  treeCache.clear();
}

function parseCached(chunk: string): Nodes {
  let tree = treeCache.get(chunk);
  if (tree !== undefined) {
    treeCache.delete(chunk); // re-insert as most recently used
  } else {
    tree = parse(chunk);
  }
  treeCache.set(chunk, tree);
  if (treeCache.size > TREE_CACHE_SIZE) treeCache.delete(treeCache.keys().next().value as string);
  return tree;
}

function parse(markdown: string): Nodes {
  return fromMarkdown(markdown, {
    extensions: [gfm(), frontmatter([...MATTERS])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown([...MATTERS])],
  });
}

/** Appends the prose of `tree`, whose positions are relative to source offset `base`. */
function walk(out: ProseBuilder, source: string, tree: Nodes, base: number): void {
  // An explicit stack (children pushed in reverse) so deep trees cannot overflow.
  const stack: Array<Nodes | typeof END_BLOCK> = [tree];
  const pushChildren = (node: Nodes): void => {
    if (!('children' in node)) return;
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === END_BLOCK) {
      out.breakBlock();
      continue;
    }
    const start = base + (node.position?.start.offset ?? 0);
    const end = base + (node.position?.end.offset ?? 0);
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        out.paragraph(start);
        stack.push(END_BLOCK);
        pushChildren(node);
        break;
      case 'text':
        appendText(out, source, node, start, end);
        break;
      case 'link':
        // Autolinks (`<http://…>`, bare `www.…`, emails) show the URL itself: not prose.
        if (source.charCodeAt(start) === 0x5b /* [ */) pushChildren(node);
        else out.synthetic(' ', start);
        break;
      case 'break':
        out.synthetic('\n', end);
        break;
      case 'html':
        if (VOID_TAG.test(node.value)) out.synthetic(' ', start);
        break;
      case 'inlineCode':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        out.synthetic(' ', start);
        break;
      case 'code':
      case 'yaml':
      case 'definition':
      case 'thematicBreak':
        break;
      default:
        if ((node.type as string) === 'toml') break;
        pushChildren(node);
    }
  }
}

/**
 * Appends a text node, aligning its decoded `value` with its source slice: copied
 * characters map exactly; backslash escapes and character references become
 * replacements; container prefixes (`>`, indentation) and stripped line-end spaces are
 * dropped. Anything else unexpected maps the rest of the node coarsely to its slice.
 */
function appendText(out: ProseBuilder, source: string, node: Text, start: number, end: number): void {
  const value = node.value;
  let i = start;
  let j = 0;
  let run = -1;
  const flush = (): void => {
    if (run >= 0) out.source(run, i);
    run = -1;
  };
  while (j < value.length) {
    if (i >= end) break;
    const c = source.charCodeAt(i);
    const v = value.charCodeAt(j);
    if (c === 0x26 /* & */) {
      CHAR_REF.lastIndex = i;
      const ref = CHAR_REF.exec(source);
      if (ref && i + ref[0].length <= end && value.substr(j, ref[0].length) !== ref[0]) {
        flush();
        const width = v >= 0xd800 && v <= 0xdbff ? 2 : 1;
        out.replacement(value.slice(j, j + width), i, i + ref[0].length);
        i += ref[0].length;
        j += width;
        continue;
      }
    }
    // A backslash before ASCII punctuation is always an escape, also before a backslash
    // (source `\\x` reads `\x`): test it before copying, or the pair would be misaligned.
    if (c === 0x5c /* \ */ && i + 1 < end && source.charCodeAt(i + 1) === v && ASCII_PUNCT.test(value[j])) {
      flush();
      out.replacement(value[j], i, i + 2);
      i += 2;
      j++;
      continue;
    }
    // CommonMark reads NUL as U+FFFD: the same one code unit, copied from the source.
    if (c === v || (c === 0 && v === 0xfffd)) {
      if (run < 0) run = i;
      i++;
      j++;
      continue;
    }
    flush();
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3e /* > */) {
      i++;
    } else {
      break;
    }
  }
  flush();
  if (j < value.length) {
    // Unexpected divergence: keep the text, mapped to the rest of the node's source.
    out.replacement(value.slice(j), Math.min(i, start === end ? start : end - 1), end);
  }
}

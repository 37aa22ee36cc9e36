import assert from 'node:assert/strict';
import { extractProse } from '../../src/core/extract/index';
import { blockTexts, mappedWords, roundTripFailures } from './extract-words';

const md = (src: string) => extractProse(src, 'markdown');

describe('extract: markdown', () => {
  it('golden offsets: heading, emphasis, list, quote, CRLF', () => {
    const src = '# Hello *wörld*\r\n\r\n- item **one**\r\n  goes on\r\n\r\n> quoted\r\n> text';
    const p = md(src);
    assert.deepEqual(blockTexts(p), ['Hello wörld', 'item one\r\ngoes on', 'quoted\r\ntext']);
    assert.deepEqual(
      mappedWords(src, p).map((w) => [w.word, w.start, w.end]),
      [
        ['Hello', 2, 7],
        ['wörld', 9, 14],
        ['item', 21, 25],
        ['one', 28, 31],
        ['goes', 37, 41],
        ['on', 42, 44],
        ['quoted', 50, 56],
        ['text', 60, 64],
      ],
    );
  });

  it('maps every word exactly with tabs, emoji, combining accents, CJK and RTL text', () => {
    const src = 'Emoji 😀👍🏽 and e\u0301te\u0301\tdone.\n\n日本語の文章です。\n\n## مرحبا بالعالم\n\n* שלום עולם\n* mixed עברית and English';
    const p = md(src);
    assert.deepEqual(roundTripFailures(src, p), []);
    assert.equal(blockTexts(p).length, 5);
    assert.ok(p.text.includes('👍🏽') && p.text.includes('مرحبا بالعالم') && p.text.includes('e\u0301te\u0301\tdone.'));
  });

  it('skips code, front matter, HTML, URLs, images, definitions and footnote labels', () => {
    const src = [
      '---\ntitle: secret\n---',
      '+++\n', // not TOML front matter here: front matter must open the document
      'Visit https://example.com/path or www.example.org or <https://auto.link> or me@mail.com now.',
      'Use `inlineCode()` then ![alt text](pic.png) and [link words](https://hidden.url "title").',
      '```js\nconst fenced = 1;\n```',
      '    indented code block',
      '<div>\nblock html\n</div>',
      'Inline <span class="x">kept</span> text[^note].',
      '[ref]: https://definition.url',
      '[^note]: Footnote body text.',
    ].join('\n\n');
    const p = md(src);
    for (const gone of ['secret', 'example', 'auto.link', 'mail.com', 'inlineCode', 'alt', 'pic', 'hidden', 'title"', 'fenced', 'indented', 'block html', 'span', 'class', 'definition.url', '^note', 'note]']) {
      assert.ok(!p.text.includes(gone), `"${gone}" leaked into ${JSON.stringify(p.text)}`);
    }
    for (const kept of ['Visit', 'now.', 'link words', 'kept', 'Footnote body text.']) assert.ok(p.text.includes(kept), kept);
    assert.deepEqual(roundTripFailures(src, p).filter((w) => !/[<>\]]/.test(w.source)), []);
  });

  it('skips TOML front matter', () => {
    const p = md('+++\ntitle = "secret"\n+++\n\nBody.');
    assert.deepEqual(blockTexts(p), ['Body.']);
  });

  it('keeps words on both sides of inline code apart with a synthetic space', () => {
    const src = 'before`code`after and x<br>y';
    const p = md(src);
    assert.deepEqual(mappedWords(src, p).map((w) => w.source), ['before', 'after', 'and', 'x', 'y']);
  });

  it('maps escapes and character references to their whole source', () => {
    const src = 'AT&amp;T says \\*hi\\* &#128512; ok';
    const p = md(src);
    assert.equal(p.text, 'AT&T says *hi* 😀 ok');
    assert.deepEqual(mappedWords(src, p).map((w) => w.source), ['AT&amp;T', 'says', '\\*hi\\*', '&#128512;', 'ok']);
  });

  it('maps a hard line break to a newline and keeps both lines', () => {
    const src = 'one\\\ntwo  \nthree';
    const p = md(src);
    assert.deepEqual(p.text.split(/\s+/), ['one', 'two', 'three']);
    assert.deepEqual(roundTripFailures(src, p), []);
  });

  it('makes each table cell a block, unescaping pipes', () => {
    const src = '| Name | Note |\n|---|---|\n| Ann | likes a\\|b |\n';
    const p = md(src);
    assert.deepEqual(blockTexts(p), ['Name', 'Note', 'Ann', 'likes a|b']);
  });

  it('keeps link text of reference links and nested emphasis', () => {
    const src = 'See [the ***strong* docs**][ref] ~~old~~ today.\n\n[ref]: http://x';
    const p = md(src);
    assert.deepEqual(blockTexts(p), ['See the strong docs old today.']);
    assert.deepEqual(roundTripFailures(src, p), []);
  });

  it('degrades to plain text, without throwing, on 10,000 levels of nesting', function () {
    this.timeout(20000);
    for (const src of [
      '>'.repeat(10000) + ' deep quote',
      Array.from({ length: 10000 }, (_, k) => ' '.repeat(k) + '- x').join('\n'),
      '*'.repeat(10000) + 'a' + '*'.repeat(10000),
      '['.repeat(10000) + 'a' + ']'.repeat(10000),
      '[a]('.repeat(20000), // quadratic link-label resolution in one paragraph
    ]) {
      const t0 = performance.now();
      const p = md(src);
      assert.ok(performance.now() - t0 < 5000, 'pathological nesting must not hang');
      assert.deepEqual(roundTripFailures(src, p), []);
    }
  });

  it('handles an empty document and unclosed constructs', () => {
    assert.deepEqual(md('').blocks, []);
    const src = '```\nnever closed\n\n*open emphasis and [open link\n\n<div';
    assert.doesNotThrow(() => md(src));
  });
});

import assert from 'node:assert/strict';
import { extractProse } from '../../src/core/extract/index';
import { blockTexts, mappedWords, roundTripFailures } from './extract-words';

const tex = (src: string) => extractProse(src, 'latex');

describe('extract: latex', () => {
  it('golden offsets: section, text, emphasis, CRLF', () => {
    const src = '\\section{Intro}\r\nSome \\emph{fine} words.\r\n\r\nNext par.';
    const p = tex(src);
    assert.deepEqual(blockTexts(p), ['Intro', 'Some fine words.', 'Next par.']);
    assert.deepEqual(
      mappedWords(src, p).map((w) => [w.word, w.start, w.end]),
      [
        ['Intro', 9, 14],
        ['Some', 17, 21],
        ['fine', 28, 32],
        ['words.', 34, 40],
        ['Next', 44, 48],
        ['par.', 49, 53],
      ],
    );
  });

  it('skips the preamble but keeps the title', () => {
    const src = '\\documentclass[12pt]{article}\n\\usepackage{amsmath}\n\\title{A \\textbf{Bold} Title}\n\\author{Someone}\n% \\begin{document} in a comment\n\\begin{document}\n\\maketitle\nBody text.\n\\end{document}\nIgnored after.';
    assert.deepEqual(blockTexts(tex(src)), ['A Bold Title', 'Body text.']);
  });

  it('skips comments, math, verbatim and non-text arguments', () => {
    const src = [
      'We see $x^2 + y$ and $$E = mc^2$$ and \\(a\\) and \\[b\\] here. % a comment with words',
      '100\\% sure, not a comment.',
      '\\begin{equation*}\\label{eq}\n  z = 1\n\\end{equation*}',
      '\\begin{align}\na &= b\n\\end{align}',
      '\\begin{verbatim}\nverbatim words\n\\end{verbatim}',
      '\\begin{lstlisting}[language=C]\nint listing;\n\\end{lstlisting}',
      '\\begin{minted}{python}\nminted_code = 1\n\\end{minted}',
      '\\begin{comment}\ncommented out\n\\end{comment}',
      'Refs \\ref{sec:x} \\eqref{eq} \\cite[p.~3]{knuth} \\url{http://u.rl} \\includegraphics[width=2cm]{fig.png} \\verb|verb text| done.',
      '\\href{http://hidden.link}{shown text} and \\input{chapter1}.',
    ].join('\n\n');
    const p = tex(src);
    for (const gone of ['x^2', 'mc', 'a\\)', 'comment with', 'z = 1', '&=', 'verbatim words', 'listing', 'language', 'minted', 'python', 'commented out', 'sec:x', 'knuth', 'p.', 'u.rl', 'fig', 'width', 'verb text', 'hidden', 'chapter1', '\\']) {
      assert.ok(!p.text.includes(gone), `"${gone}" leaked into ${JSON.stringify(p.text)}`);
    }
    for (const kept of ['We see', 'here.', '100% sure, not a comment.', 'Refs', 'done.', 'shown text']) assert.ok(p.text.includes(kept), kept);
  });

  it('keeps the text arguments of sectioning, styling, captions, items and footnotes', () => {
    const src = '\\chapter*{Chapter Words}\n\\subsection[short]{Long Heading}\nA \\textit{slanted} and \\underline{lined} claim\\footnote{Footnote text.} holds.\n\\begin{figure}[h]\n\\caption{A caption}\n\\end{figure}\n\\begin{itemize}\n\\item First point\n\\item[b)] Second point\n\\end{itemize}\n\\paragraph{Para title} Closing.';
    const p = tex(src);
    assert.deepEqual(blockTexts(p), [
      'Chapter Words',
      'Long Heading',
      'A slanted and lined claim holds.',
      'A caption',
      'First point',
      'Second point',
      'Para title',
      'Closing.',
      'Footnote text.',
    ]);
    assert.deepEqual(roundTripFailures(src, p).filter((w) => !/[{}]/.test(w.source)), []);
  });

  it('turns escapes, ties, accents and text commands into characters mapped to their source', () => {
    const src = 'R\\&D costs \\$5 for 3\\%, a\\_b \\#1, Caf\\\'e na\\"{i}ve Dr.~Who \\LaTeX{} -- and --- ``quoted\'\'.';
    const p = tex(src);
    assert.equal(p.text, 'R&D costs $5 for 3%, a_b #1, Café naïve Dr. Who LaTeX -- and --- ``quoted\'\'.');
    const bySource = mappedWords(src, p).map((w) => w.source);
    assert.ok(bySource.includes('R\\&D') && bySource.includes('Caf\\\'e') && bySource.includes('na\\"{i}ve'));
    assert.ok(bySource.includes('Dr.') && bySource.includes('Who'));
  });

  it('maps unicode words exactly (emoji, combining, CJK, RTL, tabs)', () => {
    const src = 'Emoji 😀 e\u0301te\u0301\there.\n\n日本語の文章。 مرحبا بالعالم שלום \\textbf{עולם}.';
    const p = tex(src);
    assert.deepEqual(roundTripFailures(src, p).filter((w) => !/[{}]/.test(w.source)), []);
    assert.deepEqual(blockTexts(p), ['Emoji 😀 e\u0301te\u0301\there.', '日本語の文章。 مرحبا بالعالم שלום עולם.']);
  });

  it('makes table cells blocks and skips the column spec', () => {
    const p = tex('\\begin{tabular}{|l|c|}\\hline\nName & Score \\\\\nAnn & high \\\\\n\\end{tabular}');
    assert.deepEqual(blockTexts(p), ['Name', 'Score', 'Ann', 'high']);
  });

  it('does not treat a comment line as a blank line, but sees a blank line after one', () => {
    assert.deepEqual(blockTexts(tex('one\n% note\ntwo')), ['one\ntwo']);
    assert.deepEqual(blockTexts(tex('one\n% note\n\ntwo')), ['one', 'two']);
  });

  it('survives unbalanced braces, brackets, math and environments without throwing', () => {
    for (const src of ['}}} text {{{', '\\section{open', '$ lone dollar and text', '\\begin{equation} never ends', '\\emph[x', '\\', '\\begin{', '\\verb', '\\\'']) {
      assert.doesNotThrow(() => tex(src), src);
    }
    assert.ok(tex('}}} text {{{').text.includes('text'));
    assert.ok(tex('$ lone dollar and text').text.includes('lone dollar'));
    assert.ok(tex('typo \\( here but text after').text.includes('text after'));
  });

  it('stays fast on many unclosed math openers and optional brackets', () => {
    const src = 'w \\( \\[ \\foo[ '.repeat(20000);
    const t0 = performance.now();
    const p = tex(src);
    assert.ok(performance.now() - t0 < 3000, `took ${performance.now() - t0} ms`);
    // An unclosed `[` is not an argument: it stays as text.
    assert.deepEqual(p.text.split(/\s+/).filter(Boolean).slice(0, 4), ['w', '[', 'w', '[']);
    assert.equal(p.text.split(/\s+/).filter((w) => w === 'w').length, 20000);
  });

  it('handles 10,000 levels of nesting and 1 MB quickly', () => {
    const deep = '\\emph{'.repeat(10000) + 'core' + '}'.repeat(10000);
    assert.equal(tex(deep).text.trim(), 'core');
    const big = '\\section{Part}\nSome \\textbf{text} with $m$ and a \\cite{k} % note\n\n'.repeat(15000);
    const t0 = performance.now();
    const p = tex(big);
    // Typically well under a second; the bound leaves room for a loaded CI machine.
    assert.ok(performance.now() - t0 < 3000, `took ${performance.now() - t0} ms`);
    assert.equal(p.blocks.length, 30000);
  });
});

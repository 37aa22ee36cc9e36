/**
 * What the LaTeX scanner does with each command and environment. Names are without the
 * backslash; a trailing `*` is stripped before lookup.
 */

/** Commands whose one argument is its own block (headings, captions). */
export const BLOCK_ARG = new Set([
  'part', 'chapter', 'section', 'subsection', 'subsubsection', 'paragraph', 'subparagraph',
  'title', 'subtitle', 'caption', 'subcaption', 'frametitle',
]);

/** Commands whose argument is moved after the document as its own block (footnotes). */
export const DEFERRED_ARG = new Set(['footnote', 'footnotetext', 'marginpar', 'thanks', 'todo']);

/**
 * Argument patterns of commands with non-prose arguments: one letter per required
 * argument, `s` = skip (labels, keys, URLs, lengths), `k` = keep as inline text. Optional
 * `[...]` arguments are always skipped. Commands absent from every table keep their
 * braced arguments as inline text (text-style macros like \emph, \textbf, user macros).
 */
export const ARG_PATTERN: Record<string, string> = {
  label: 's', ref: 's', eqref: 's', pageref: 's', autoref: 's', cref: 's', Cref: 's', nameref: 's',
  vref: 's', cite: 's', citep: 's', citet: 's', citealp: 's', citeauthor: 's', citeyear: 's',
  nocite: 's', parencite: 's', textcite: 's', autocite: 's', url: 's', nolinkurl: 's', href: 'sk',
  hyperref: 'k', includegraphics: 's', input: 's', include: 's', includeonly: 's', usepackage: 's',
  RequirePackage: 's', documentclass: 's', bibliography: 's', bibliographystyle: 's',
  addbibresource: 's', bibitem: 's', newcommand: 'ss', renewcommand: 'ss', providecommand: 'ss',
  newenvironment: 'sss', renewenvironment: 'sss', newtheorem: 'ss', setlength: 'ss',
  addtolength: 'ss', setcounter: 'ss', addtocounter: 'ss', stepcounter: 's', vspace: 's',
  hspace: 's', color: 's', textcolor: 'sk', colorbox: 'sk', pagestyle: 's', thispagestyle: 's',
  author: 's', date: 's', graphicspath: 's', hypersetup: 's', geometry: 's', captionsetup: 's',
  lstinputlisting: 's', includepdf: 's', index: 's', rule: 'ss', raisebox: 'sk', parbox: 'sk',
  multicolumn: 'ssk', multirow: 'ssk', resizebox: 'ssk', scalebox: 'sk', newlength: 's',
  DeclareMathOperator: 'ss', numberwithin: 'ss', setcitestyle: 's', linespread: 's',
  fontsize: 'ss', selectfont: '', definecolor: 'sss', lstset: 's', usetikzlibrary: 's',
  pgfplotsset: 's', tikzset: 's', bibpunct: 's', theoremstyle: 's', renewrobustcmd: 'ss',
};

/** Commands that print text: replaced by that text. */
export const TEXT_COMMAND: Record<string, string> = {
  ldots: '…', dots: '…', textellipsis: '…', LaTeX: 'LaTeX', TeX: 'TeX', LaTeXe: 'LaTeX2e',
  textendash: '–', textemdash: '—', S: '§', P: '¶', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ',
  o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', textquoteleft: '‘', textquoteright: '’',
  textquotedblleft: '“', textquotedblright: '”', textasciitilde: '~', textbackslash: '\\',
  textbar: '|', textless: '<', textgreater: '>', copyright: '©', textregistered: '®',
  texttrademark: '™', pounds: '£', euro: '€', textdegree: '°',
};

/** Commands that end the current paragraph. */
export const PARAGRAPH_COMMAND = new Set([
  'par', 'item', 'bibitem', 'maketitle', 'newpage', 'clearpage', 'cleardoublepage', 'bigskip',
  'medskip', 'smallskip', 'tableofcontents', 'listoffigures', 'listoftables', 'printbibliography',
  'appendix', 'centering', 'hline', 'toprule', 'midrule', 'bottomrule', 'cline',
]);

/** Environments whose body is math: replaced by one space (they sit inside sentences). */
export const MATH_ENV = new Set([
  'equation', 'align', 'alignat', 'flalign', 'gather', 'multline', 'eqnarray', 'math',
  'displaymath', 'split', 'dmath', 'dgroup', 'subequations', 'cases', 'matrix', 'pmatrix',
  'bmatrix', 'tikzpicture', 'pspicture', 'picture', 'tikzcd',
]);

/** Environments whose body is code or otherwise verbatim: skipped entirely. */
export const VERBATIM_ENV = new Set([
  'verbatim', 'Verbatim', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment', 'code',
  'filecontents', 'alltt', 'spverbatim', 'verbatimtab', 'listing', 'pycode', 'sagesilent',
]);

/** Environments' required non-prose arguments after `\begin{name}` (count of `{...}` to skip). */
export const ENV_ARGS: Record<string, number> = {
  tabular: 1, 'tabular*': 2, tabularx: 2, tabulary: 2, longtable: 1, array: 1, minipage: 1,
  multicols: 1, wrapfigure: 2, thebibliography: 1, subfigure: 1, minted: 1, otherlanguage: 1,
};

/** Environments where `&` separates cells and `\\` ends a row: both end a block. */
export const TABLE_ENV = new Set(['tabular', 'tabular*', 'tabularx', 'tabulary', 'longtable', 'array']);

/** Combining marks for accent control symbols (`\'e` → é). */
export const ACCENT: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
};

/** Control symbols that print their character. */
export const ESCAPED_CHAR = new Set(['%', '&', '_', '#', '$', '{', '}']);

/**
 * PDF text via pdfjs-dist (legacy build, which runs on Node). Pages are separated by a blank line;
 * a line break is kept where pdf.js reports the end of a line.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface TextItem { str?: string; hasEOL?: boolean }
interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDocument> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: TextItem[] }>; cleanup(): void }>;
  destroy(): Promise<void>;
}

let pdfjs: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js once. It is an ES module; bundlers rewrite `import()` into `require()`, which the
 * editor's Node cannot do for ES modules, so the import goes through `Function` and an absolute URL.
 */
function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjs) {
    provideDomMatrix();
    provideNavigator();
    const req = createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/');
    const url = pathToFileURL(req.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
    const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<PdfJs>;
    pdfjs = dynamicImport(url);
  }
  return pdfjs;
}

/**
 * pdf.js evaluates `new DOMMatrix()` when its module loads (for rendering, which we never do)
 * and polyfills it from the optional native `@napi-rs/canvas` (32 MB per platform, left out of
 * the VSIX). Text extraction does not use it, so where neither exists an identity 2D matrix
 * with the DOMMatrix fields lets the module load.
 */
function provideDomMatrix(): void {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix !== undefined) return;
  try {
    createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/').resolve('@napi-rs/canvas');
    return; // pdf.js polyfills from it itself
  } catch {
    // not installed: fall through
  }
  g.DOMMatrix = class DOMMatrix {
    a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
    constructor(init?: ArrayLike<number>) {
      if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init);
    }
  };
}

/**
 * pdf.js assigns `globalThis.navigator = {language, platform, userAgent}` when it loads where
 * navigator has no language. VS Code's extension host replaces Node's navigator with a getter
 * alone (it reports a deprecation), so that assignment throws "Cannot set property navigator…
 * which has only a getter" and no PDF could be read in the editor. Define, as pdf.js would, the
 * object it wants (kept: pdf.js reads it again later).
 */
function provideNavigator(): void {
  const d = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  if (!d || !d.get || d.set || !d.configurable) return;
  Object.defineProperty(globalThis, 'navigator', {
    value: { language: 'en-US', platform: '', userAgent: '' },
    configurable: true,
    writable: true,
    enumerable: d.enumerable ?? false,
  });
}

/** Text of every page of a PDF; throws with pdf.js's reason when the file is not a readable PDF. */
export async function readPdf(bytes: Uint8Array, maxChars: number): Promise<string> {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  const doc = await lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    let total = 0;
    for (let n = 1; n <= doc.numPages && total <= maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((it) => (it.str ?? '') + (it.hasEOL ? '\n' : '')).join('');
      page.cleanup();
      pages.push(text.trim());
      total += text.length;
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}

/**
 * Reading submissions: .txt, .md, .tex (UTF-8), .docx (mammoth) and .pdf (pdf.js). A file that
 * cannot be read gives `{ok: false, reason}` instead of throwing, so a batch goes on.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DocumentFormat } from '../types';
import { readDocx } from './docx';
import { readPdf } from './pdf';
import { decodeText } from './text';

/** File extensions (lowercase, with the dot) read as submissions, and the prose format of each. */
export const SUBMISSION_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'plaintext',
  '.text': 'plaintext',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.tex': 'latex',
  '.docx': 'plaintext',
  '.pdf': 'plaintext',
};

/** Default limits: 1 MB for text files and extracted text, 20 MB for .docx/.pdf containers. */
export const DEFAULT_MAX_TEXT_BYTES = 1_000_000;
export const DEFAULT_MAX_CONTAINER_BYTES = 20_000_000;

export interface ReadOptions {
  /** Largest text file, and largest extracted text (UTF-16 units), accepted. */
  maxTextBytes?: number;
  /** Largest .docx or .pdf file accepted. */
  maxContainerBytes?: number;
}

export type ReadResult =
  | { ok: true; path: string; text: string; format: DocumentFormat }
  | { ok: false; path: string; reason: string };

/** Whether `path` has an extension that `readSubmission` reads. */
export function isSubmissionPath(path: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUBMISSION_FORMATS, extname(path).toLowerCase());
}

const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

/** Reads one submission; never throws for a bad file (only for programming errors). */
export async function readSubmission(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const maxText = opts.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const maxContainer = opts.maxContainerBytes ?? DEFAULT_MAX_CONTAINER_BYTES;
  const ext = extname(path).toLowerCase();
  const format = SUBMISSION_FORMATS[ext];
  const fail = (reason: string): ReadResult => ({ ok: false, path, reason });
  if (!format) return fail(`unsupported file type "${ext || '(none)'}"; expected ${Object.keys(SUBMISSION_FORMATS).join(', ')}`);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail('not a regular file');
    size = st.size;
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const container = ext === '.docx' || ext === '.pdf';
  const limit = container ? maxContainer : maxText;
  if (size === 0) return fail('the file is empty');
  if (size > limit) return fail(`the file is ${mb(size)}, over the ${mb(limit)} limit for ${ext} files (raise it with --max-size)`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let text: string;
  if (ext === '.docx') {
    try {
      text = await readDocx(bytes);
    } catch (e) {
      return fail(`not a readable Word document: ${firstLine(e)}`);
    }
  } else if (ext === '.pdf') {
    try {
      text = await readPdf(bytes, maxText);
    } catch (e) {
      return fail(`not a readable PDF: ${firstLine(e)}`);
    }
  } else {
    const decoded = decodeText(bytes);
    if ('reason' in decoded) return fail(decoded.reason);
    text = decoded.text;
  }
  if (text.length > maxText) return fail(`the extracted text is ${mb(text.length)}, over the ${mb(maxText)} limit (raise it with --max-size)`);
  if (!/\p{L}/u.test(text)) return fail(ext === '.pdf' ? 'no text found (a scanned PDF needs OCR first)' : 'no text found');
  return { ok: true, path, text, format };
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
}

/**
 * Reading submissions: the file types of the one table (`extract/format.ts`, `FILE_TYPES`):
 * text (UTF-8), .docx (mammoth) and .pdf (pdf.js). A file that cannot be read gives
 * `{ok: false, reason}` instead of throwing, so a batch goes on: the CLI, the editor's Grade
 * File and Grade Folder and the zip reader all come through `readSubmissionBytes`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { FILE_TYPES, fileTypeOf } from '../extract/format';
import type { DocumentFormat } from '../types';
import { readDocx } from './docx';
import { readPdf } from './pdf';
import { decodeText } from './text';

/** File extensions (lowercase, no dot) read as submissions, in the table's order. */
export const SUBMISSION_EXTENSIONS: readonly string[] = Object.keys(FILE_TYPES);

/** A glob for every submission file of a folder (VS Code's `findFiles`), from the same table. */
export const SUBMISSION_GLOB = `**/*.{${SUBMISSION_EXTENSIONS.join(',')}}`;

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
  return fileTypeOf(path) !== undefined;
}

const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

/** The largest file of `path`'s type accepted (bytes). */
export function sizeLimitOf(path: string, opts: ReadOptions = {}): number {
  return fileTypeOf(path)?.kind === 'text' ? opts.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES : opts.maxContainerBytes ?? DEFAULT_MAX_CONTAINER_BYTES;
}

/** Why a file of `size` bytes is not read, or undefined when its size is fine. */
export function sizeProblem(path: string, size: number, opts: ReadOptions = {}): string | undefined {
  const limit = sizeLimitOf(path, opts);
  if (size === 0) return 'the file is empty';
  if (size > limit) return `the file is ${mb(size)}, over the ${mb(limit)} limit for .${extname(path).slice(1).toLowerCase()} files (raise it with --max-size)`;
  return undefined;
}

function unsupported(path: string): string {
  const ext = extname(path).toLowerCase();
  return `unsupported file type "${ext || '(none)'}"; expected ${SUBMISSION_EXTENSIONS.map((e) => `.${e}`).join(', ')}`;
}

/** Reads one submission from disk; never throws for a bad file (only for programming errors). */
export async function readSubmission(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, path, reason });
  if (!isSubmissionPath(path)) return fail(unsupported(path));
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail('not a regular file');
    // Refused before reading: an oversized file is never loaded.
    const tooBig = sizeProblem(path, st.size, opts);
    if (tooBig) return fail(tooBig);
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return readSubmissionBytes(path, bytes, opts);
}

/** The magic number of an OLE compound file: what Word saves a password-protected .docx (and an old .doc) as. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads one submission from its bytes (`path` names it: its extension picks the reader, and it
 * is the result's `path`). For the editor's file system and the entries of a zip.
 */
export async function readSubmissionBytes(path: string, bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  const maxText = opts.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const type = fileTypeOf(path);
  const fail = (reason: string): ReadResult => ({ ok: false, path, reason });
  if (!type) return fail(unsupported(path));
  const tooBig = sizeProblem(path, bytes.length, opts);
  if (tooBig) return fail(tooBig);
  let text: string;
  if (type.kind === 'docx') {
    if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
      return fail('the Word document is password-protected (or an old .doc saved as .docx); save it as .docx without a password');
    }
    try {
      text = await readDocx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    } catch (e) {
      return fail(`not a readable Word document: ${firstLine(e)}`);
    }
  } else if (type.kind === 'pdf') {
    try {
      text = await readPdf(bytes, maxText);
    } catch (e) {
      // pdf.js names the error of an encrypted PDF whose empty user password does not open it.
      if ((e as Error)?.name === 'PasswordException') return fail('the PDF is password-protected; save a copy without a password');
      return fail(`not a readable PDF: ${firstLine(e)}`);
    }
  } else if (type.kind === 'text') {
    const decoded = decodeText(bytes);
    if ('reason' in decoded) return fail(decoded.reason);
    text = decoded.text;
  } else {
    return unreadableKind(type.kind);
  }
  if (text.length > maxText) return fail(`the extracted text is ${mb(text.length)}, over the ${mb(maxText)} limit (raise it with --max-size)`);
  if (!/\p{L}/u.test(text)) return fail(type.kind === 'pdf' ? 'no text found (a scanned PDF needs OCR first)' : 'no text found');
  return { ok: true, path, text, format: type.format };
}

/** A `FileKind` of `FILE_TYPES` without a reader here: a compile error (`never`) until one is added. */
function unreadableKind(kind: never): never {
  throw new Error(`no reader for the file kind "${String(kind)}"`);
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
}

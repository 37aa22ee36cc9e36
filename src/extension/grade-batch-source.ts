/**
 * What Grade Folder grades: the submission files of a folder (VS Code's file system, so virtual
 * workspaces too) or of an LMS's "download all submissions" .zip (read in memory by the core,
 * nothing extracted), and how to read one of them — always through the core's reader.
 */
import * as vscode from 'vscode';
import type { BatchFile } from '../core/grade';
import { readSubmissionBytes, sizeLimitOf, sizeProblem, SUBMISSION_GLOB, type ReadResult } from '../core/read';
import { zipEntries, zipEntryBytes } from '../core/read/zip';

const EXCLUDE = '**/{node_modules,.git,.electra-feedback}/**';

export interface BatchSource {
  /** The submission files, paths relative to the folder or zip (`/`-separated), in path order. */
  files: BatchFile[];
  read(rel: string): Promise<ReadResult>;
  /** The file to open for `rel` (none inside a zip). */
  uriOf(rel: string): vscode.Uri | undefined;
}

/** Whether Grade Folder reads `uri` as a zip. */
export function isZip(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.zip');
}

/** The submission files under `folder`. */
export async function folderSource(folder: vscode.Uri): Promise<BatchSource> {
  const uris = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SUBMISSION_GLOB), EXCLUDE)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const rel = (u: vscode.Uri) => u.path.slice(folder.path.replace(/\/$/, '').length + 1);
  const files = await Promise.all(uris.map(async (u) => ({ path: rel(u), size: (await vscode.workspace.fs.stat(u)).size })));
  const uriOf = (r: string) => vscode.Uri.joinPath(folder, ...r.split('/'));
  return { files, uriOf, read: (r) => readFileThroughCore(uriOf(r)) };
}

/** The files of the zip `zip`; throws when it is no zip (the message says why). */
export async function zipSource(zip: vscode.Uri): Promise<BatchSource> {
  const bytes = await vscode.workspace.fs.readFile(zip);
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    throw new Error(`${zip.path.split('/').pop()} is not a readable zip archive: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
  return {
    files: entries.map((e) => ({ path: e.name, size: e.size })),
    uriOf: () => undefined,
    read: async (name) => {
      try {
        return await readSubmissionBytes(name, zipEntryBytes(bytes, name, sizeLimitOf(name)));
      } catch (e) {
        return { ok: false, path: name, reason: `cannot read it from the zip: ${String((e as Error).message ?? e).split('\n')[0]}` };
      }
    },
  };
}

/** A submission file through the core's reader (size checked before the bytes are loaded). */
export async function readFileThroughCore(uri: vscode.Uri): Promise<ReadResult> {
  const tooBig = sizeProblem(uri.path, (await vscode.workspace.fs.stat(uri)).size);
  if (tooBig) return { ok: false, path: uri.path, reason: tooBig };
  return readSubmissionBytes(uri.path, await vscode.workspace.fs.readFile(uri));
}

/**
 * "Electra Feedback: Download Model…": the editor side of `electra-feedback model
 * download` (core/download.ts: HTTPS only, manifest sha256 pinned, every file verified,
 * resumable, atomic). Asks for the manifest URL, its sha256 and a parent folder, shows
 * progress, and offers to use the model (the machine-scoped modelPath, user settings).
 * Tasks, keybindings and tests may pass the answers as the command's argument
 * (`DownloadModelArgs`); a value given is not asked for, and the download is the same.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { downloadModel } from '../core/download';
import { SECTION } from './config';

/** What is wrong with an answer, or undefined: one rule for the prompts and the command's argument. */
const urlProblem = (v: string): string | undefined => (/^https:\/\/\S+$/.test(v.trim()) ? undefined : 'the URL must start with https://');
const sha256Problem = (v: string): string | undefined => (/^[0-9a-fA-F]{64}$/.test(v.trim()) ? undefined : 'the sha256 must be 64 hexadecimal digits');

/** Answers given with the command instead of asked for (`executeCommand('electraFeedback.downloadModel', args)`). */
export interface DownloadModelArgs {
  /** https:// URL of the manifest.json (or of the folder, ending in /). */
  url?: string;
  /** sha256 of that manifest.json, 64 hex digits. */
  sha256?: string;
  /** Absolute path of the folder to install the model folder in. */
  folder?: string;
  /** Whether to point `electraFeedback.modelPath` at the new model (asked when absent). */
  use?: boolean;
}

/** Runs the dialog and the download; resolves with the installed folder, or undefined. */
export async function downloadModelCommand(log: vscode.OutputChannel, args: DownloadModelArgs = {}): Promise<string | undefined> {
  const given = typeof args === 'object' && args !== null ? args : {};
  const problem = (given.url !== undefined ? urlProblem(given.url) : undefined) ?? (given.sha256 !== undefined ? sha256Problem(given.sha256) : undefined);
  if (problem) {
    void vscode.window.showErrorMessage(`Electra Feedback: cannot download: ${problem}.`);
    return undefined;
  }
  const ask = (step: number, prompt: string, validateInput: (value: string) => string | undefined) =>
    vscode.window.showInputBox({ title: `Electra Feedback: download a model (${step}/3)`, prompt, ignoreFocusOut: true, validateInput });
  const url = given.url ?? await ask(1, 'URL of the model folder\'s manifest.json (https://…/manifest.json, or the folder URL ending in /)', urlProblem);
  if (!url) return undefined;
  const sha256 = given.sha256 ?? await ask(2, 'sha256 of that manifest.json, as published with the model', sha256Problem);
  if (!sha256) return undefined;
  const parent = given.folder !== undefined ? [vscode.Uri.file(given.folder)] : await vscode.window.showOpenDialog({
    title: 'Electra Feedback: download a model (3/3): folder to install it in',
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Install Here',
  });
  if (!parent?.[0]) return undefined;
  const segments = new URL(url.trim()).pathname.split('/').filter(Boolean);
  const name = (segments.at(-1) === 'manifest.json' ? segments.at(-2) : segments.at(-1)) ?? 'model';
  const out = path.join(parent[0].fsPath, name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'model');

  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Electra Feedback: downloading ${name}` },
      async (progress) => {
        let shown = 0;
        return downloadModel({
          url: url.trim(), sha256: sha256.trim(), out,
          onProgress: ({ file, bytes, total }) => {
            const pct = total > 0 ? Math.floor((bytes / total) * 100) : 100;
            if (pct > shown) {
              progress.report({ increment: pct - shown, message: `${file} (${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB)` });
              shown = pct;
            }
          },
        });
      },
    );
    log.appendLine(`model downloaded: ${result.files} files, ${result.bytes} bytes (${result.fetched} fetched now) in ${result.dir}`);
    const installed = `Electra Feedback: model installed in ${result.dir}`;
    let use = given.use;
    if (use === undefined) use = (await vscode.window.showInformationMessage(`${installed}.`, 'Use This Model')) !== undefined;
    else void vscode.window.showInformationMessage(use ? `${installed}; it is now the model in use.` : `${installed}.`);
    if (use) await vscode.workspace.getConfiguration(SECTION).update('modelPath', result.dir, vscode.ConfigurationTarget.Global);
    return result.dir;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.appendLine(`model download failed: ${message}`);
    void vscode.window.showErrorMessage(`Electra Feedback: ${message}`, 'Show Log').then((b) => b && log.show());
    return undefined;
  }
}

/**
 * Shared waits and fixtures for the real-VS Code suite. No sleeps: every wait is on an
 * event (diagnostics changing, a document closing) with a timeout that names what it
 * waited for.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ElectraFeedbackApi } from '../../src/extension/extension';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'electra-feedback.electra-feedback';
/** `Diagnostic.source` of the extension's diagnostics. */
export const SOURCE = 'electra-feedback';
export const SECTION = 'electraFeedback';
/** Default wait: model load on a busy 2-core CI box included. */
export const WAIT_MS = Number(process.env.ELECTRA_E2E_WAIT_MS ?? 60_000);

let api: ElectraFeedbackApi | undefined;

/** Activates the extension under development and returns what `activate` returned. */
export async function activate(): Promise<ElectraFeedbackApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<ElectraFeedbackApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded; is extensionDevelopmentPath the repo root?`);
  api = await ext.activate();
  return api;
}

/** The (temporary copy of the) fixture workspace folder. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open (scripts/e2e-run.mjs opens it)');
  return folder.uri;
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** Writes `content` to a new file in the workspace (the fixture copy is scratch space). */
export async function scratchFile(name: string, content: string): Promise<vscode.Uri> {
  const uri = fixture(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

/**
 * Opens `uri` in an editor the way a user does (`vscode.open`), and returns that editor.
 * Not `workspace.openTextDocument`: a document the extension host opened itself stays
 * open for minutes after its editor closes, so closing would not close it.
 */
export async function open(uri: vscode.Uri, timeoutMs = WAIT_MS): Promise<vscode.TextEditor> {
  const key = uri.toString();
  const find = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  const shown = new Promise<vscode.TextEditor>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for an editor on ${uri.path}`));
    }, timeoutMs);
    const sub = vscode.window.onDidChangeVisibleTextEditors(() => {
      const editor = find();
      if (!editor) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(editor);
    });
  });
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  return find() ?? shown;
}

/** The extension's diagnostics for `uri`, in document order. */
export function flags(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/**
 * Resolves with the extension's diagnostics for `uri` as soon as `predicate` holds for
 * them: immediately when it already does, else on the `onDidChangeDiagnostics` event that
 * makes it hold. Rejects after `timeoutMs` naming `what` and the last diagnostics seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  const now = flags(uri);
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const timer = setTimeout(() => {
      sub.dispose();
      const last = flags(uri);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.path}: ${what} ` +
        `(last: ${last.length} diagnostics${last.length ? `, first "${last[0].message}"` : ''})`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      const current = flags(uri);
      if (!predicate(current)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(current);
    });
  });
}

type ModelState = ElectraFeedbackApi['model']['state'];

/** Resolves when the model's state satisfies `predicate` (now, or on `onDidChangeState`). */
export function waitForModel(api: ElectraFeedbackApi, predicate: (s: ModelState) => boolean, what: string, timeoutMs = WAIT_MS): Promise<ModelState> {
  if (predicate(api.model.state)) return Promise.resolve(api.model.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the model: ${what} (state: ${JSON.stringify(api.model.state)})`));
    }, timeoutMs);
    const sub = api.model.onDidChangeState((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
  });
}

/** The embedded default model's folder (models/electra-feedback/ in the extension), or undefined when it is not there. */
export function embeddedModelDir(): string | undefined {
  const dir = path.resolve(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.fsPath, 'models/electra-feedback');
  return fs.existsSync(path.join(dir, 'onnx/model.onnx')) ? dir : undefined;
}

/** Resolves when the model is ready on folder `dir` (create it before the change that loads the folder). */
export function waitForModelOn(api: ElectraFeedbackApi, dir: string, timeoutMs = WAIT_MS): Promise<ModelState> {
  return waitForModel(api, (s) => s.kind === 'ready' && path.resolve(s.info.dir) === path.resolve(dir), `ready on ${dir}`, timeoutMs);
}

/**
 * Points `electraFeedback.modelPath` back at `dir`, removes the threshold setting and waits
 * until the model is ready on that folder (Show Model Info loads it, restarting after an error).
 */
export async function restoreModel(api: ElectraFeedbackApi, dir: string): Promise<void> {
  const back = waitForModelOn(api, dir);
  await setSetting('modelPath', dir);
  await setSetting('threshold', undefined);
  await vscode.commands.executeCommand('electraFeedback.showModelInfo');
  await back;
}

/**
 * Runs `body` on the embedded default model at its default threshold, then points the settings back
 * at the suite's model (`restoreModel`). Skips the test when the package holds no embedded model.
 */
export async function withEmbeddedModel(test: Mocha.Context, api: ElectraFeedbackApi, body: () => Promise<void>): Promise<void> {
  const embedded = embeddedModelDir();
  if (!embedded) test.skip();
  const modelPath = vscode.workspace.getConfiguration(SECTION).get<string>('modelPath')!;
  const onEmbedded = waitForModelOn(api, embedded, 180_000);
  await setSetting('modelPath', ''); // '' = the embedded default model
  await setSetting('threshold', undefined); // its default threshold
  try {
    await onEmbedded;
    await body();
  } finally {
    await restoreModel(api, modelPath);
  }
}

/** Resolves when `doc` is closed (its `onDidCloseTextDocument` fired). */
export function waitForClose(doc: vscode.TextDocument, timeoutMs = WAIT_MS): Promise<void> {
  if (doc.isClosed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${doc.uri.path} to close`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d !== doc && d.uri.toString() !== doc.uri.toString()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Closes every editor and waits until `docs` are closed. */
export async function closeAll(...docs: vscode.TextDocument[]): Promise<void> {
  const closed = Promise.all(docs.map((d) => waitForClose(d)));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await closed;
}

/** Closes every editor (documents close when VS Code disposes them). */
export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * The set-up shared by the suites that check with every word flagged: before the suite, the
 * extension is active and the user settings hold `threshold: 0` (and `settings`); after it,
 * editors are closed and, in `finally` (also when closing fails), those settings are restored
 * to what they were, so one failing suite cannot leave its settings to the next.
 */
export function flagEveryWordInSuite(settings: Record<string, unknown> = {}): void {
  let restore: (() => Promise<void>) | undefined;
  before(async () => {
    await activate();
    restore = await applySettings({ threshold: 0, ...settings });
  });
  after(async () => {
    try {
      await closeEditors();
    } finally {
      await restore?.();
    }
  });
}

/**
 * Runs `body` with `settings` set in the user settings and restores the previous values in
 * `finally`: a failing assertion inside never leaves a changed setting to later tests.
 */
export async function withSettings<T>(settings: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const restore = await applySettings(settings);
  try {
    return await body();
  } finally {
    await restore();
  }
}

/** Sets `settings` (user level) and returns what puts the previous user values back. */
async function applySettings(settings: Record<string, unknown>): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const previous = Object.keys(settings).map((key) => [key, config.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(settings)) await setSetting(key, value);
  return async () => {
    for (const [key, value] of previous.reverse()) await setSetting(key, value);
  };
}

/** Sets `electraFeedback.<key>` in the user settings (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Letter runs: what the extension calls words in the fixtures (they hold no digits, hyphens or apostrophes). */
export const WORD = /\p{L}+/gu;

/** The word a diagnostic message quotes (`'word'` or `"word"`, at its start). */
export function quotedWord(message: string): string | undefined {
  return /^(['"‘“])(.+?)['"’”] /u.exec(message)?.[2];
}

/** The percentage a diagnostic message gives (`... (93% ...)`), 0–100. */
export function percentOf(message: string): number | undefined {
  const m = /\((\d{1,3})%/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Asserts that each diagnostic's range slices a single word out of `doc` and that its
 * message quotes exactly that word: ranges were computed for this version of the text.
 */
export function assertRangesSliceWords(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): void {
  for (const d of diagnostics) {
    const text = doc.getText(d.range);
    assert.match(text, /^\p{L}+$/u, `diagnostic at ${where(d)} slices "${text}", not a word`);
    assert.equal(quotedWord(d.message), text, `diagnostic at ${where(d)}: message "${d.message}" does not quote "${text}"`);
  }
}

/** Diagnostics as comparable plain values: `line:col-line:col message`. */
export function snapshot(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${where(d)} ${d.message}`);
}

export function where(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Deterministic pseudo-random numbers (mulberry32) so a failing stress run can be replayed. */
export { rng as prng } from '../../scripts/eval/random';

/** The text of the hovers `vscode.executeHoverProvider` returned. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** The code actions at a diagnostic's range. */
export async function actionsAt(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
}

/**
 * What the user told us not to report: words of the workspace word list
 * (`.electra-feedback/words.txt` in each workspace folder, re-read when it changes),
 * words ignored in one document, and files with checking disabled (both kept in the
 * workspace state, so they survive a reload).
 */
import * as vscode from 'vscode';
import { appendToWordList, parseWordList, WORD_LIST_PATH, wordKey } from './word-list';

const DOC_IGNORES_KEY = 'electraFeedback.ignoredWords';
const DISABLED_KEY = 'electraFeedback.disabledFiles';

export class IgnoreStore implements vscode.Disposable {
  /** Keys of each workspace folder's list, by folder URI. */
  private readonly folderWords = new Map<string, Set<string>>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when any list changes; documents must be re-filtered. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${WORD_LIST_PATH}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) void this.loadFolder(folder).then(() => this.emitter.fire());
    };
    watcher.onDidChange(reload, undefined, this.disposables);
    watcher.onDidCreate(reload, undefined, this.disposables);
    watcher.onDidDelete(reload, undefined, this.disposables);
    this.disposables.push(watcher);
    vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll().then(() => this.emitter.fire()), undefined, this.disposables);
  }

  /** Reads every workspace folder's list. */
  async loadAll(): Promise<void> {
    this.folderWords.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.loadFolder(f)));
  }

  /** Keys of all words not to report in `uri`. */
  ignoredFor(uri: vscode.Uri): Set<string> {
    const out = new Set<string>(this.docIgnores()[uri.toString()] ?? []);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    for (const w of (folder && this.folderWords.get(folder.uri.toString())) ?? []) out.add(w);
    return out;
  }

  async ignoreInDocument(uri: vscode.Uri, word: string): Promise<void> {
    const all = this.docIgnores();
    const list = new Set(all[uri.toString()] ?? []);
    list.add(wordKey(word));
    await this.state.update(DOC_IGNORES_KEY, { ...all, [uri.toString()]: [...list] });
    this.emitter.fire();
  }

  /** Appends `word` to the list of `uri`'s workspace folder, creating the file if needed. */
  async addToWorkspace(uri: vscode.Uri, word: string): Promise<vscode.Uri> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) throw new Error(`${uri.fsPath} is not in a workspace folder, so it has no workspace word list. Use "Ignore in this document" instead.`);
    const file = vscode.Uri.joinPath(folder.uri, WORD_LIST_PATH);
    let existing = '';
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
    }
    const next = appendToWordList(existing, word);
    if (next !== existing) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.electra-feedback'));
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(next));
    }
    this.folderWords.set(folder.uri.toString(), parseWordList(next));
    this.emitter.fire();
    return file;
  }

  isDisabled(uri: vscode.Uri): boolean {
    return this.state.get<string[]>(DISABLED_KEY, []).includes(uri.toString());
  }

  async setDisabled(uri: vscode.Uri, disabled: boolean): Promise<void> {
    const set = new Set(this.state.get<string[]>(DISABLED_KEY, []));
    if (disabled) set.add(uri.toString());
    else set.delete(uri.toString());
    await this.state.update(DISABLED_KEY, [...set]);
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private docIgnores(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(DOC_IGNORES_KEY, {});
  }

  private async loadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const file = vscode.Uri.joinPath(folder.uri, WORD_LIST_PATH);
    try {
      this.folderWords.set(folder.uri.toString(), parseWordList(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))));
    } catch (e) {
      this.folderWords.delete(folder.uri.toString());
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) this.log.warn(`could not read ${file.fsPath}: ${String(e)}`);
    }
  }
}

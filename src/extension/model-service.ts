/**
 * The model as the editor sees it: a lazily started inference worker, its state (for the
 * status bar), one progress notification while the model first loads, and ONE error
 * notification per failure episode (never one per keystroke). Settings that choose the
 * model (`modelPath`, `executionProvider`) restart the worker.
 */
import * as vscode from 'vscode';
import type { DocumentFormat, ModelInfo, ScoredText, Suggestion } from '../core/types';
import type { InitParams } from '../worker/protocol';
import type { Settings } from './config';
import type { StatusState } from './status-text';
import { WorkerClient, WorkerRequestError } from './worker-client';

export type ModelState = StatusState;

/** Bounds of one attempt of a request (a hang beyond them kills the worker). */
const LOAD_TIMEOUT_MS = 300_000;
const BASE_TIMEOUT_MS = 60_000;
const PER_BLOCK_TIMEOUT_MS = 5_000;

export class ModelService implements vscode.Disposable {
  private client?: WorkerClient;
  private loading?: Promise<ModelInfo>;
  private errorShown = false;
  private _state: ModelState = { kind: 'idle' };
  /** The model the current worker loaded, kept across a transient error. */
  private info?: ModelInfo;
  private readonly stateEmitter = new vscode.EventEmitter<ModelState>();
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => Settings,
  ) {}

  get state(): ModelState {
    return this._state;
  }

  /** Where the model is read from: the `modelPath` setting, else the embedded model. */
  modelDir(): string {
    const s = this.settings();
    return s.modelPath.trim() !== '' ? s.modelPath.trim() : vscode.Uri.joinPath(this.extensionUri, 'models', 'electra-feedback').fsPath;
  }

  /** Loads the model once (with a progress notification) and describes it. */
  ensureLoaded(): Promise<ModelInfo> {
    if (this.info) return Promise.resolve(this.info);
    this.loading ??= this.load();
    return this.loading;
  }

  async scoreBlocks(texts: string[]): Promise<ScoredText[]> {
    await this.ensureLoaded();
    return this.guard(this.worker().request('scoreBlocks', { texts }, BASE_TIMEOUT_MS + PER_BLOCK_TIMEOUT_MS * texts.length));
  }

  async score(source: string, format: DocumentFormat): Promise<ScoredText> {
    await this.ensureLoaded();
    const timeout = BASE_TIMEOUT_MS + PER_BLOCK_TIMEOUT_MS * Math.ceil(source.length / 1000);
    return this.guard(this.worker().request('score', { source, format }, timeout));
  }

  /** Fixes for the flagged word at `[start, end)`, judged at `threshold`; the hover shows three. */
  async suggest(source: string, format: DocumentFormat, start: number, end: number, threshold: number, max = 3): Promise<Suggestion[]> {
    await this.ensureLoaded();
    return this.guard(this.worker().request('suggest', { source, format, start, end, max, threshold }, BASE_TIMEOUT_MS));
  }

  /** Stops the worker; the next request starts a new one with the current settings. */
  async restart(reason: string): Promise<void> {
    this.log.info(`restarting the model worker: ${reason}`);
    const old = this.client;
    this.client = undefined;
    this.loading = undefined;
    this.info = undefined;
    this.errorShown = false;
    this.setState({ kind: 'idle' });
    await old?.dispose();
  }

  /** Stops the worker (asks it to exit, kills it after a grace period). */
  async shutdown(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.dispose();
  }

  dispose(): void {
    void this.shutdown();
    this.stateEmitter.dispose();
  }

  private worker(): WorkerClient {
    if (!this.client) {
      const s = this.settings();
      const init: InitParams = { modelDir: this.modelDir(), provider: s.executionProvider };
      this.log.info(`model: ${init.modelDir} (execution provider: ${init.provider})`);
      this.client = new WorkerClient({
        modulePath: vscode.Uri.joinPath(this.extensionUri, 'dist', 'worker.js').fsPath,
        init,
        log: (level, line) => this.log[level](line),
        onInfo: (info) => {
          // A GPU provider failed mid-run and the worker carried on on the CPU: the status bar says so.
          if (!this.info) return;
          this.info = info;
          if (this._state.kind === 'ready') this.setState({ kind: 'ready', info });
        },
      });
    }
    return this.client;
  }

  private async load(): Promise<ModelInfo> {
    this.setState({ kind: 'loading' });
    const client = this.worker();
    try {
      const info = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Electra Feedback: loading the model…' },
        () => client.request('info', {}, LOAD_TIMEOUT_MS),
      );
      if (client !== this.client) throw new Error('The model settings changed while the model was loading.');
      this.log.info(`model ready: ${info.name} on ${info.provider} (max ${info.maxLength} tokens, generator: ${info.hasGenerator})`);
      this.info = info;
      this.setState({ kind: 'ready', info });
      return info;
    } catch (e) {
      if (client !== this.client) throw e; // superseded by a restart: not this worker's failure to report
      // `loading` keeps this rejection: no reload (and no progress popup) per keystroke;
      // a settings change or an explicit command restarts the worker and tries again.
      this.fail(e);
      throw e;
    }
  }

  /** Passes a request through, turning a failure into the error state. */
  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      const v = await p;
      if (this._state.kind === 'error' && this.info) this.setState({ kind: 'ready', info: this.info });
      return v;
    } catch (e) {
      // A bad input answered by a live worker is not a model failure.
      if (!(e instanceof WorkerRequestError && this._state.kind === 'ready' && e.remoteName !== 'ModelError')) this.fail(e);
      throw e;
    }
  }

  private fail(e: unknown): void {
    const message = describeError(e);
    this.log.error(message);
    this.setState({ kind: 'error', message });
    if (this.errorShown) return;
    this.errorShown = true;
    void vscode.window.showErrorMessage(`Electra Feedback: ${message}`, 'Retry', 'Open Settings', 'Show Log').then((pick) => {
      // Check Document restarts the worker when the model is in the error state.
      if (pick === 'Retry') void vscode.commands.executeCommand('electraFeedback.checkDocument');
      if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'electraFeedback');
      if (pick === 'Show Log') this.log.show();
    });
  }

  private setState(s: ModelState): void {
    this._state = s;
    this.stateEmitter.fire(s);
  }
}

/** One line for humans: the message, the file at fault and what to do, when known. */
export function describeError(e: unknown): string {
  if (e instanceof WorkerRequestError) {
    const extra = [e.file && `(${e.file})`, e.hint].filter((x): x is string => !!x && !e.message.includes(x.replace(/^\((.*)\)$/, '$1')));
    return [e.message, ...extra].join(' ');
  }
  return e instanceof Error ? e.message : String(e);
}

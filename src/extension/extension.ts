/**
 * The extension's entry: wires settings, the model worker, diagnostics, hover, quick
 * fixes, the status bar and the commands. Everything is in `context.subscriptions`, so
 * deactivation disposes it all (the worker is asked to exit, then killed).
 */
import * as vscode from 'vscode';
import type { ProviderName } from '../core/types';
import { FlagCodeActionProvider } from './code-actions';
import { type CommandId } from './commands';
import { PROVIDERS, readSettings, SECTION, type Settings } from './config';
import { DiagnosticsController } from './diagnostics';
import { downloadModelCommand, type DownloadModelArgs } from './download-command';
import { Engine } from './engine';
import { GradeCommands } from './grade-commands';
import { FlagHoverProvider } from './hover';
import { IgnoreStore } from './ignores';
import { providerLabel } from './status-text';
import { StatusBar } from './status-bar';
import { SuggestionService } from './suggestions';

/** What `activate` returns: handles for the end-to-end tests. */
export interface ElectraFeedbackApi {
  diagnostics: DiagnosticsController;
  engine: Engine;
  /** How long `activate` took, in ms (the model loads later, on the first check). */
  activationMs: number;
}

/** The running engine, so deactivation can wait for the worker to exit. */
let activeEngine: Engine | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ElectraFeedbackApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Electra Feedback', { log: true });
  context.subscriptions.push(log);
  // `resource`: the document the settings are for (resource-scoped ones such as `threshold`
  // may differ per workspace folder); null = any resource, for window-wide reads.
  const settings = (resource?: vscode.Uri): Settings =>
    readSettings((k) => vscode.workspace.getConfiguration(SECTION, resource ?? null).get(k), vscode.workspace.isTrusted);

  const engine = new Engine(context.extensionUri, log, settings);
  activeEngine = engine;
  const suggestions = new SuggestionService(
    (text, format, start, end) => engine.suggest(text, format, start, end),
    () => engine.ensureLoaded(),
  );
  const ignores = new IgnoreStore(context.workspaceState, log);
  const diagnostics = new DiagnosticsController(engine, ignores, suggestions, settings, log);
  const grading = new GradeCommands(context, engine, diagnostics, settings, log);
  context.subscriptions.push(engine, ignores, diagnostics, grading, new StatusBar(engine, diagnostics));

  const selector = (): vscode.DocumentSelector => settings().languages.map((language) => ({ language }));
  let providers: vscode.Disposable[] = [];
  const registerProviders = () => {
    for (const p of providers) p.dispose();
    providers = [
      vscode.languages.registerHoverProvider(selector(), new FlagHoverProvider(diagnostics, suggestions)),
      vscode.languages.registerCodeActionsProvider(selector(), new FlagCodeActionProvider(diagnostics, suggestions, log), {
        providedCodeActionKinds: FlagCodeActionProvider.kinds,
      }),
    ];
  };
  registerProviders();
  context.subscriptions.push({ dispose: () => providers.forEach((p) => p.dispose()) });

  const handlers: Record<CommandId, (...args: never[]) => unknown> = {
    'electraFeedback.checkDocument': async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) return vscode.window.showWarningMessage('Electra Feedback: open a document to check.');
      if (engine.state.kind === 'error') await engine.restart('check requested after an error');
      let outcome;
      try {
        outcome = await diagnostics.check(doc);
      } catch (e) {
        // A model failure has been notified once by the engine (with Retry / Open Settings /
        // Show Log): rejecting here would add VS Code's own "command failed" popup.
        log.error(`Check Document failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      if (outcome.status === 'skipped') void vscode.window.showInformationMessage(`Electra Feedback: not checked: ${outcome.reason}.`);
      return outcome;
    },
    'electraFeedback.gradeFile': () => grading.gradeFile(),
    'electraFeedback.gradeFolder': (folder?: vscode.Uri) => grading.gradeFolder(folder),
    'electraFeedback.clearDiagnostics': () => diagnostics.clearAll(),
    'electraFeedback.selectExecutionProvider': async () => {
      const current = settings().executionProvider;
      const pick = await vscode.window.showQuickPick(
        PROVIDERS.map((p) => ({ label: p, description: p === current ? 'current' : providerHint(p) })),
        { title: 'Electra Feedback: execution provider', placeHolder: 'Where the model runs' },
      );
      if (!pick) return undefined;
      await vscode.workspace.getConfiguration(SECTION).update('executionProvider', pick.label, vscode.ConfigurationTarget.Global);
      return pick.label;
    },
    'electraFeedback.showModelInfo': async () => {
      if (engine.state.kind === 'error') await engine.restart('model info requested after an error');
      try {
        const info = await engine.ensureLoaded();
        void vscode.window
          .showInformationMessage(
            `Electra Feedback: model "${info.name}" on ${providerLabel(info.provider)}; up to ${info.maxLength} tokens per window; ` +
              `vocabulary ${info.vocabSize}; suggestions ${info.hasGenerator ? 'available' : 'unavailable (no generator)'}. Folder: ${info.dir}`,
            'Open Log',
          )
          .then((b) => b && log.show());
        return info;
      } catch {
        return undefined; // the engine has already notified and logged
      }
    },
    'electraFeedback.openLog': () => log.show(),
    'electraFeedback.disableForFile': async (uri?: string) => {
      const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      if (target) await ignores.setDisabled(target, true);
    },
    'electraFeedback.enableForFile': async (uri?: string) => {
      const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      await ignores.setDisabled(target, false);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (doc) await diagnostics.check(doc);
    },
    'electraFeedback.downloadModel': (args?: DownloadModelArgs) => downloadModelCommand(log, args),
    'electraFeedback.ignoreInDocument': (uri: string, word: string) => ignores.ignoreInDocument(vscode.Uri.parse(uri), word),
    'electraFeedback.addToWordList': async (uri: string, word: string) => {
      try {
        return await ignores.addToWorkspace(vscode.Uri.parse(uri), word);
      } catch (e) {
        void vscode.window.showErrorMessage(`Electra Feedback: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    },
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  }

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.modelPath`) || e.affectsConfiguration(`${SECTION}.executionProvider`)) {
        await engine.restart('model settings changed');
        suggestions.clear();
        diagnostics.invalidate();
        return;
      }
      if (e.affectsConfiguration(`${SECTION}.languages`)) registerProviders();
      diagnostics.checkAllOpen();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await engine.restart('workspace trusted: machine settings apply');
      suggestions.clear();
      diagnostics.invalidate();
    }),
  );

  await ignores.loadAll();
  diagnostics.checkAllOpen();
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(0)} ms`);
  return { diagnostics, engine, activationMs };
}

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions.
  await activeEngine?.shutdown();
  activeEngine = undefined;
}

function providerHint(p: ProviderName): string {
  switch (p) {
    case 'auto':
      return 'the platform GPU provider when it loads, else CPU';
    case 'cpu':
      return 'always works';
    case 'cuda':
      return 'NVIDIA GPU (Linux, Windows)';
    case 'dml':
      return 'DirectML (Windows)';
    case 'coreml':
      return 'Core ML (macOS)';
    case 'webgpu':
      return 'WebGPU';
  }
}

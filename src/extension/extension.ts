/**
 * The extension's composition root: builds the services (settings, the model worker,
 * diagnostics, suggestions, grading, status bar), hands them to the commands, the
 * language features and the settings watcher, and nothing else. Everything goes into
 * `context.subscriptions`, so deactivation disposes it all: the model service asks its
 * worker to exit (and kills it after a grace period); a worker whose host is gone exits
 * on its own. No state outlives `activate` but what it returns.
 */
import * as vscode from 'vscode';
import { registerCommands } from './command-handlers';
import { readSettings, SECTION, type Settings } from './config';
import { DiagnosticsController } from './diagnostics';
import { GradeCommands } from './grade-commands';
import { IgnoreStore } from './ignores';
import { LanguageFeatures } from './language-features';
import { ModelService } from './model-service';
import { watchSettings } from './settings-watch';
import { StatusBar } from './status-bar';
import { SuggestionService } from './suggestions';

/** What `activate` returns: handles for the end-to-end tests. */
export interface ElectraFeedbackApi {
  diagnostics: DiagnosticsController;
  model: ModelService;
  /** How long `activate` took, in ms (the model loads later, on the first check). */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ElectraFeedbackApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Electra Feedback', { log: true });
  // `resource`: the document the settings are for (resource-scoped ones such as `threshold`
  // may differ per workspace folder); null = any resource, for window-wide reads.
  const settings = (resource?: vscode.Uri): Settings =>
    readSettings((k) => vscode.workspace.getConfiguration(SECTION, resource ?? null).get(k), vscode.workspace.isTrusted);

  const model = new ModelService(context.extensionUri, log, settings);
  const suggestions = new SuggestionService((text, format, start, end) => model.suggest(text, format, start, end, settings().threshold));
  const ignores = new IgnoreStore(context.workspaceState, log);
  const diagnostics = new DiagnosticsController(model, ignores, suggestions, settings, log);
  const grading = new GradeCommands(context, model, diagnostics, settings, log);
  const features = new LanguageFeatures(diagnostics, suggestions, log, () => settings().languages);
  context.subscriptions.push(
    log, model, ignores, diagnostics, grading, features, new StatusBar(model, diagnostics),
    ...registerCommands({ model, diagnostics, grading, ignores, suggestions, settings, log }),
    ...watchSettings({ model, diagnostics, suggestions, features }),
  );

  await ignores.loadAll();
  diagnostics.checkAllOpen();
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(0)} ms`);
  return { diagnostics, model, activationMs };
}

/**
 * The handlers of the command table (`commands.ts`), one per `CommandId` (a command
 * without a handler does not compile), and their registration. Each handler is a thin
 * adapter: it reads the editor's state and calls the service that owns the work.
 */
import * as vscode from 'vscode';
import { PROVIDER_HINTS, PROVIDERS } from '../core/providers';
import { COMMANDS, type CommandId } from './commands';
import { SECTION, type Settings } from './config';
import type { DiagnosticsController } from './diagnostics';
import { downloadModelCommand, type DownloadModelArgs } from './download-command';
import { applyAllConfidentFixes } from './fix-all';
import type { GradeCommands } from './grade-commands';
import type { IgnoreStore } from './ignores';
import type { ModelService } from './model-service';
import { providerLabel } from './status-text';
import type { SuggestionService } from './suggestions';

/** The services the commands act on. */
export interface CommandServices {
  model: ModelService;
  diagnostics: DiagnosticsController;
  grading: GradeCommands;
  ignores: IgnoreStore;
  suggestions: SuggestionService;
  /** The settings that apply to `resource` (a document), or window-wide without one. */
  settings: (resource?: vscode.Uri) => Settings;
  log: vscode.LogOutputChannel;
}

type Handler = (...args: never[]) => unknown;

/** Registers every command of `COMMANDS` with its handler; disposing the result unregisters them. */
export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const handlers = commandHandlers(s);
  return COMMANDS.map(({ id }) => vscode.commands.registerCommand(id, handlers[id] as (...args: unknown[]) => unknown));
}

export function commandHandlers(s: CommandServices): Record<CommandId, Handler> {
  return {
    'electraFeedback.checkDocument': () => checkDocument(s),
    'electraFeedback.gradeFile': (uri?: vscode.Uri) => s.grading.gradeFile(uri),
    'electraFeedback.gradeFolder': (folder?: vscode.Uri) => s.grading.gradeFolder(folder),
    'electraFeedback.exportGradesForLms': (kind: 'moodle' | 'canvas', file?: vscode.Uri, assignment?: string) => s.grading.exportForLms(kind, file, assignment),
    'electraFeedback.applyAllConfidentFixes': () => applyAllConfidentFixes(s.diagnostics, s.suggestions, s.log),
    'electraFeedback.clearDiagnostics': () => s.diagnostics.clearAll(),
    'electraFeedback.selectExecutionProvider': () => selectExecutionProvider(s),
    'electraFeedback.showModelInfo': () => showModelInfo(s),
    'electraFeedback.openLog': () => s.log.show(),
    'electraFeedback.disableForFile': async (uri?: string) => {
      const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      if (target) await s.ignores.setDisabled(target, true);
    },
    'electraFeedback.enableForFile': async (uri?: string) => {
      const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      await s.ignores.setDisabled(target, false);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (doc) await s.diagnostics.check(doc);
    },
    'electraFeedback.downloadModel': (args?: DownloadModelArgs) => downloadModelCommand(s.log, args),
    'electraFeedback.ignoreInDocument': (uri: string, word: string) => s.ignores.ignoreInDocument(vscode.Uri.parse(uri), word),
    'electraFeedback.addToWordList': async (uri: string, word: string) => {
      try {
        return await s.ignores.addToWorkspace(vscode.Uri.parse(uri), word);
      } catch (e) {
        void vscode.window.showErrorMessage(`Electra Feedback: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    },
  };
}

/** Check Document: checks the active document now, restarting a model in its error state. */
async function checkDocument({ model, diagnostics, log }: CommandServices) {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return vscode.window.showWarningMessage('Electra Feedback: open a document to check.');
  if (model.state.kind === 'error') await model.restart('check requested after an error');
  let outcome;
  try {
    outcome = await diagnostics.check(doc);
  } catch (e) {
    // A model failure has been notified once by the model service (with Retry / Open Settings /
    // Show Log): rejecting here would add VS Code's own "command failed" popup.
    log.error(`Check Document failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (outcome.status === 'skipped') void vscode.window.showInformationMessage(`Electra Feedback: not checked: ${outcome.reason}.`);
  return outcome;
}

/** Select Execution Provider: a quick pick of the core's provider list, saved to the user settings. */
async function selectExecutionProvider({ settings }: CommandServices) {
  const current = settings().executionProvider;
  const pick = await vscode.window.showQuickPick(
    PROVIDERS.map((p) => ({ label: p, description: p === current ? 'current' : PROVIDER_HINTS[p] })),
    { title: 'Electra Feedback: execution provider', placeHolder: 'Where the model runs' },
  );
  if (!pick) return undefined;
  await vscode.workspace.getConfiguration(SECTION).update('executionProvider', pick.label, vscode.ConfigurationTarget.Global);
  return pick.label;
}

/** Show Model Info: loads the model (restarting after an error) and describes it. */
async function showModelInfo({ model, log }: CommandServices) {
  if (model.state.kind === 'error') await model.restart('model info requested after an error');
  try {
    const info = await model.ensureLoaded();
    void vscode.window
      .showInformationMessage(
        `Electra Feedback: model "${info.name}" on ${providerLabel(info.provider)}; up to ${info.maxLength} tokens per window; ` +
          `vocabulary ${info.vocabSize}; suggestions ${info.hasGenerator ? 'available' : 'unavailable (no generator)'}. Folder: ${info.dir}`,
        'Open Log',
      )
      .then((b) => b && log.show());
    return info;
  } catch {
    return undefined; // the model service has already notified and logged
  }
}

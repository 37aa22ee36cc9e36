/**
 * What a settings change (or granting workspace trust) does: settings that choose the
 * model restart the worker and drop every cached result; `languages` re-registers hover
 * and quick fixes; anything else re-checks the open documents.
 */
import * as vscode from 'vscode';
import { SECTION } from './config';
import type { DiagnosticsController } from './diagnostics';
import type { LanguageFeatures } from './language-features';
import type { ModelService } from './model-service';
import type { SuggestionService } from './suggestions';

export interface WatchedServices {
  model: ModelService;
  diagnostics: DiagnosticsController;
  suggestions: SuggestionService;
  features: LanguageFeatures;
}

export function watchSettings({ model, diagnostics, suggestions, features }: WatchedServices): vscode.Disposable[] {
  const restartModel = async (reason: string) => {
    await model.restart(reason);
    suggestions.clear();
    diagnostics.invalidate();
  };
  return [
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.modelPath`) || e.affectsConfiguration(`${SECTION}.executionProvider`)) {
        await restartModel('model settings changed');
        return;
      }
      if (e.affectsConfiguration(`${SECTION}.languages`)) features.register();
      // Fixes are judged at the threshold: those cached for another one may no longer hold.
      if (e.affectsConfiguration(`${SECTION}.threshold`)) suggestions.clear();
      diagnostics.checkAllOpen();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restartModel('workspace trusted: machine settings apply')),
  ];
}

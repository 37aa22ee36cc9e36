/**
 * The status bar item: the model's state (not loaded, loading, ready on which provider,
 * error) and the active document's flag count. Clicking it shows the model info.
 */
import * as vscode from 'vscode';
import type { DiagnosticsController } from './diagnostics';
import type { ModelService, ModelState } from './model-service';
import { statusText } from './status-text';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('electraFeedback.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly model: ModelService,
    private readonly diagnostics: DiagnosticsController,
  ) {
    this.item.name = 'Electra Feedback';
    this.item.command = 'electraFeedback.showModelInfo';
    model.onDidChangeState(() => this.update(), undefined, this.disposables);
    diagnostics.onDidCheck(() => this.update(), undefined, this.disposables);
    vscode.window.onDidChangeActiveTextEditor(() => this.update(), undefined, this.disposables);
    this.update();
    this.item.show();
  }

  update(): void {
    const state: ModelState = this.model.state;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const flags = uri ? this.diagnostics.flagCount(uri) : undefined;
    const t = statusText(state, flags);
    this.item.text = t.text;
    this.item.tooltip = t.tooltip;
    this.item.backgroundColor = state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

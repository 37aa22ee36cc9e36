/**
 * Hover, quick fixes and Fix All for the checked languages: registered for the `languages`
 * setting, and registered again when it changes.
 */
import * as vscode from 'vscode';
import { FlagCodeActionProvider } from './code-actions';
import type { DiagnosticsController } from './diagnostics';
import { FixAllCodeActionProvider } from './fix-all';
import { FlagHoverProvider } from './hover';
import type { SuggestionService } from './suggestions';

export class LanguageFeatures implements vscode.Disposable {
  private registered: vscode.Disposable[] = [];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly suggestions: SuggestionService,
    private readonly log: vscode.LogOutputChannel,
    /** The language ids to serve (the `languages` setting, read each time). */
    private readonly languages: () => string[],
  ) {
    this.register();
  }

  /** Registers the providers again for the current languages. */
  register(): void {
    this.dispose();
    const selector: vscode.DocumentSelector = this.languages().map((language) => ({ language }));
    this.registered = [
      vscode.languages.registerHoverProvider(selector, new FlagHoverProvider(this.diagnostics, this.suggestions)),
      vscode.languages.registerCodeActionsProvider(selector, new FlagCodeActionProvider(this.diagnostics, this.suggestions, this.log), {
        providedCodeActionKinds: FlagCodeActionProvider.kinds,
      }),
      vscode.languages.registerCodeActionsProvider(selector, new FixAllCodeActionProvider(this.diagnostics, this.suggestions, this.log), {
        providedCodeActionKinds: FixAllCodeActionProvider.kinds,
      }),
    ];
  }

  dispose(): void {
    for (const d of this.registered) d.dispose();
    this.registered = [];
  }
}

/**
 * Quick fixes on a flagged word: each fix (replace, remove, insert a word before it; the
 * first is the preferred one, for Ctrl+. and "Fix all"), ignore
 * it in this document, add it to the workspace word list, or disable checking for the
 * file. Suggestions come from the diagnostic when known, else from the suggestion cache.
 */
import * as vscode from 'vscode';
import { suggestionEdit, suggestionTitle } from '../core/suggest/edit';
import type { Suggestion } from '../core/types';
import type { DiagnosticsController, FlagDiagnostic } from './diagnostics';
import type { SuggestionService } from './suggestions';

export class FlagCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly suggestions: SuggestionService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    const out: vscode.CodeAction[] = [];
    const inWorkspace = vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined;
    for (const d of this.diagnostics.flagsAt(doc, range)) {
      const word = d.data.flag.text;
      for (const [i, s] of (await this.suggestionsOf(d)).entries()) out.push(this.fix(doc, d, s, i === 0));
      out.push(command(`Ignore '${word}' in this document`, d, 'electraFeedback.ignoreInDocument', [doc.uri.toString(), word]));
      if (inWorkspace) out.push(command(`Add '${word}' to workspace word list`, d, 'electraFeedback.addToWordList', [doc.uri.toString(), word]));
    }
    if (out.length > 0) {
      out.push(command('Disable Electra Feedback for this file', undefined, 'electraFeedback.disableForFile', [doc.uri.toString()]));
    }
    return out;
  }

  private async suggestionsOf(d: FlagDiagnostic): Promise<Suggestion[]> {
    if (d.data.suggestions) return d.data.suggestions;
    try {
      d.data.suggestions = await this.suggestions.get(d.data.flag);
      return d.data.suggestions;
    } catch (e) {
      this.log.warn(`no suggestions for "${d.data.flag.text}": ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private fix(doc: vscode.TextDocument, d: FlagDiagnostic, s: Suggestion, preferred: boolean): vscode.CodeAction {
    const flag = d.data.flag;
    const e = suggestionEdit(doc.getText(), flag, s);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
    const a = new vscode.CodeAction(suggestionTitle(flag.text, s), vscode.CodeActionKind.QuickFix);
    a.edit = edit;
    a.diagnostics = [d];
    a.isPreferred = preferred;
    return a;
  }
}

function command(title: string, d: FlagDiagnostic | undefined, id: string, args: unknown[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.command = { title, command: id, arguments: args };
  if (d) a.diagnostics = [d];
  return a;
}

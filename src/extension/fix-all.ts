/**
 * Fix All in the editor: the first fix of every current flag of a document that the model is
 * sure enough of (the core's `confidentFixes`, the rule `check --fix` applies), as ONE
 * `WorkspaceEdit`, so that one undo restores the text. Offered as the code action kind
 * `source.fixAll.electraFeedback` (the editor's "Fix All" and `editor.codeActionsOnSave`) and by
 * the command "Apply All Confident Fixes". Fixes of flags not yet known are fetched from the
 * worker (the suggestion cache shares them with the hover and quick fixes).
 */
import * as vscode from 'vscode';
import { confidentFixes, FIX_ALL_MIN_CONFIDENCE } from '../core/suggest/fix-all';
import type { Finding } from '../core/types';
import type { DiagnosticsController, FlagDiagnostic } from './diagnostics';
import type { SuggestionService } from './suggestions';

/** `source.fixAll.electraFeedback`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('electraFeedback');

/** The edit applying every confident first fix of `doc`'s current flags, and how many fixes it holds. */
export async function confidentFixesEdit(doc: vscode.TextDocument, diagnostics: DiagnosticsController, suggestions: SuggestionService, log: vscode.LogOutputChannel): Promise<{ edit: vscode.WorkspaceEdit; count: number }> {
  const version = doc.version;
  const flags = diagnostics.flagsOf(doc);
  const findings: Finding[] = [];
  for (const d of flags) {
    const fixes = await suggestionsOf(d, suggestions, log);
    const at = doc.positionAt(d.data.flag.start);
    findings.push({ ...d.data.flag, line: at.line + 1, column: at.character + 1, suggestions: fixes });
  }
  const edit = new vscode.WorkspaceEdit();
  // The document changed while fixes were fetched: its offsets no longer hold.
  if (doc.version !== version) return { edit, count: 0 };
  const chosen = confidentFixes(doc.getText(), findings, FIX_ALL_MIN_CONFIDENCE);
  for (const c of chosen) edit.replace(doc.uri, new vscode.Range(doc.positionAt(c.edit.start), doc.positionAt(c.edit.end)), c.edit.text);
  return { edit, count: chosen.length };
}

async function suggestionsOf(d: FlagDiagnostic, suggestions: SuggestionService, log: vscode.LogOutputChannel): Promise<Finding['suggestions']> {
  if (d.data.suggestions) return d.data.suggestions;
  try {
    d.data.suggestions = await suggestions.get(d.data.flag);
    return d.data.suggestions;
  } catch (e) {
    log.warn(`no suggestions for "${d.data.flag.text}": ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

/** The `source.fixAll.electraFeedback` code action: one edit with every confident fix. */
export class FixAllCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [FIX_ALL_KIND];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly suggestions: SuggestionService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    // Only when asked for (Fix All, code actions on save, the source action menu) or for every kind.
    const only = context.only?.value;
    if (only !== undefined && !(FIX_ALL_KIND.value === only || FIX_ALL_KIND.value.startsWith(`${only}.`))) return [];
    const { edit, count } = await confidentFixesEdit(doc, this.diagnostics, this.suggestions, this.log);
    if (count === 0) return [];
    const a = new vscode.CodeAction(`Apply All Confident Fixes (${count})`, FIX_ALL_KIND);
    a.edit = edit;
    return [a];
  }
}

/** The command: applies the active editor's confident fixes as one edit; says how many. */
export async function applyAllConfidentFixes(diagnostics: DiagnosticsController, suggestions: SuggestionService, log: vscode.LogOutputChannel): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 0;
  const { edit, count } = await confidentFixesEdit(editor.document, diagnostics, suggestions, log);
  if (count === 0) {
    void vscode.window.showInformationMessage('Electra Feedback: no confident fixes to apply.');
    return 0;
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) throw new Error('the edit could not be applied (the document changed?)');
  log.info(`applied ${count} confident fixes to ${editor.document.uri.toString()}`);
  return count;
}

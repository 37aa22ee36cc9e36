/**
 * Hover on a flagged word: how likely it is out of place, why, and up to three fixes
 * (computed for this word only, through the suggestion cache, then stored on the diagnostic).
 */
import * as vscode from 'vscode';
import { needsSuggester } from '../core/findings';
import type { DiagnosticsController } from './diagnostics';
import { describeError } from './model-service';
import { escapeMarkdown, hoverMarkdown, type Alternatives } from './hover-text';
import type { SuggestionService } from './suggestions';

export class FlagHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly suggestions: SuggestionService,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const [d] = this.diagnostics.flagsAt(doc, position);
    if (!d) return undefined;
    const flag = d.data.flag;
    if (flag.kind === 'repeated-word') return new vscode.Hover(new vscode.MarkdownString(`**Repeated word**\n\n${escapeMarkdown(d.message)}`), d.range);
    let alt: Alternatives;
    try {
      const suggestions = needsSuggester(flag) ? await this.suggestions.get(flag) : flag.suggestions;
      d.data.suggestions = suggestions;
      alt = { state: 'known', suggestions };
    } catch (e) {
      alt = { state: 'failed', reason: describeError(e) };
    }
    // A doubt is listed in the hover only when the user asks for doubts (`showDoubts`).
    if (this.diagnostics.isHiddenDoubt(doc, d)) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hoverMarkdown(flag, alt)), d.range);
  }
}

/**
 * The Markdown shown when hovering a flagged word. Pure, so its wording is unit-tested.
 */
import { kindReason } from '../core/finding-kinds';
import { escapeMarkdown } from '../core/markdown-escape';
import { suggestionTitle } from '../core/suggest/edit';
import type { Finding, Suggestion } from '../core/types';
import { percent } from './flags';

/** What is known about fixes when the hover is built. */
export type Alternatives =
  | { state: 'known'; suggestions: Suggestion[] }
  | { state: 'failed'; reason: string };

// One escaping rule for every Markdown the project writes (the core's): a writer's words never become
// emphasis, links (brackets escaped), headings, HTML or table cells.
export { escapeMarkdown };

/** Fixes listed in the hover (the quick fixes offer the same, the first preferred). */
export const HOVER_FIXES = 3;

/** The hover of a flagged word: why (by the flag's kind) and the fixes. */
export function hoverMarkdown(flag: Pick<Finding, 'text' | 'score' | 'kind' | 'message'>, alt: Alternatives): string {
  const word = flag.text;
  // A replaced word leads with how likely it is out of place; the other kinds with their own message.
  const heading = flag.kind === 'replaced-word' ? `${percent(flag.score)} likely out of place` : flag.message;
  const lines = [`**${escapeMarkdown(heading)}**`, '', kindReason(flag.kind, escapeMarkdown(word)), ''];
  switch (alt.state) {
    case 'known': {
      if (alt.suggestions.length === 0) {
        lines.push('No confident fix: no candidate makes this word fit for the model. Check it yourself.');
        break;
      }
      lines.push('Fixes (how sure the model is that the text fits after the change):', '');
      for (const s of alt.suggestions.slice(0, HOVER_FIXES)) {
        const sure = s.score === undefined ? '' : ` (${percent(1 - s.score)} sure)`;
        lines.push(`- ${escapeMarkdown(suggestionTitle(word, s))}${sure}`);
      }
      break;
    }
    case 'failed':
      lines.push(`Fixes: unavailable (${escapeMarkdown(alt.reason)}).`);
      break;
  }
  return lines.join('\n');
}

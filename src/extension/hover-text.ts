/**
 * The Markdown shown when hovering a flagged word. Pure, so its wording is unit-tested.
 */
import { suggestionTitle } from '../core/suggest/edit';
import type { Finding, Suggestion } from '../core/types';
import { percent } from './flags';

/** What is known about fixes when the hover is built. */
export type Alternatives =
  | { state: 'known'; suggestions: Suggestion[] }
  | { state: 'failed'; reason: string };

/** Escapes Markdown control characters in user text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Fixes listed in the hover (the quick fixes offer the same, the first preferred). */
export const HOVER_FIXES = 3;

/** The hover of a flagged word: why (by the flag's kind) and the fixes. */
export function hoverMarkdown(flag: Pick<Finding, 'text' | 'score' | 'kind' | 'message'>, alt: Alternatives): string {
  const word = flag.text;
  const lines = flag.kind === 'confused-word'
    ? [
      `**${escapeMarkdown(flag.message)}**`,
      '',
      `"${escapeMarkdown(word)}" sounds like another word. The model compared this sentence with "${escapeMarkdown(word)}" and with each word it sounds like, and is sure which one belongs here.`,
      '',
    ]
    : [
      `**${percent(flag.score)} likely out of place**`,
      '',
      `The model read the words around "${escapeMarkdown(word)}" and expected a different word here: ` +
        'often a wrong word, a word that is spelled right but meant differently, or a missing or extra word nearby.',
      '',
    ];
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

/**
 * The Markdown shown when hovering a flagged word. Pure, so its wording is unit-tested.
 */
import type { Suggestion } from '../core/types';
import { percent } from './flags';

/** What is known about alternatives when the hover is built. */
export type Alternatives =
  | { state: 'known'; suggestions: Suggestion[] }
  | { state: 'no-generator' }
  | { state: 'failed'; reason: string };

/** Escapes Markdown control characters in user text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

export function hoverMarkdown(word: string, score: number, alt: Alternatives): string {
  const lines = [
    `**${percent(score)} likely out of place**`,
    '',
    `The model read the words around "${escapeMarkdown(word)}" and expected a different word here: ` +
      'often a wrong word, a word that is spelled right but meant differently, or a missing or extra word nearby.',
    '',
  ];
  switch (alt.state) {
    case 'known': {
      const replace = alt.suggestions.filter((s): s is Extract<Suggestion, { kind: 'replace' }> => s.kind === 'replace');
      const remove = alt.suggestions.some((s) => s.kind === 'remove');
      if (replace.length === 0 && !remove) lines.push('No alternative lowers the score here.');
      else {
        const parts = replace.map((s) => `*${escapeMarkdown(s.text)}*${s.score === undefined ? '' : ` (${percent(s.score)})`}`);
        if (remove) parts.push('remove it');
        lines.push(`Alternatives: ${parts.join(', ')}`);
      }
      break;
    }
    case 'no-generator':
      lines.push('Alternatives: none (this model has no generator).');
      break;
    case 'failed':
      lines.push(`Alternatives: unavailable (${escapeMarkdown(alt.reason)}).`);
      break;
  }
  return lines.join('\n');
}

/**
 * Every finding kind in words, in one table: the SARIF rule, the hover's heading and reason, and the
 * student's label and one-line explanation. `Record<FindingKind, …>` makes a new member of
 * `FindingKind` a compile error here until it is described, so no renderer falls through silently.
 * Adding a kind: `types.ts` (the union), this table, and the rule that makes it (`findings.ts`).
 */
import type { FindingKind } from './types';

export interface FindingKindWords {
  /** What the rule finds, for code-scanning tools (SARIF `shortDescription`). */
  rule: string;
  /** The hover's reason, after its bold first line; `{word}` stands for the flagged word (already escaped by the caller). */
  reason: string;
  /** What the student's feedback calls it, and one line saying what to look at. */
  student: { label: string; explanation: string };
}

export const FINDING_KINDS: Readonly<Record<FindingKind, FindingKindWords>> = {
  'replaced-word': {
    rule: 'The discriminator believes the word was replaced: it does not fit its context.',
    reason: 'The model read the words around "{word}" and expected a different word here: often a wrong word, a word that is spelled right but meant differently, or a missing or extra word nearby.',
    student: { label: 'Word choice', explanation: 'A reader may stumble here: the word may be the wrong one, or a word may be missing or extra around it.' },
  },
  'repeated-word': {
    rule: 'The same word twice in a row.',
    reason: '"{word}" is written twice in a row.',
    student: { label: 'Repeated word', explanation: 'The same word is written twice in a row.' },
  },
  'confused-word': {
    rule: 'A word that sounds like another ("there" for "their"), and the model is sure the other one belongs here.',
    reason: '"{word}" sounds like another word. The model compared this sentence with "{word}" and with each word it sounds like, and is sure which one belongs here.',
    student: { label: 'Mixed-up word', explanation: 'This word sounds like the one that belongs here, but it is a different word.' },
  },
};

/** The kinds in the table's order (SARIF rule indices). */
export const FINDING_KIND_IDS = Object.keys(FINDING_KINDS) as FindingKind[];

/** The hover's reason for `kind`, with the flagged word (Markdown-escaped by the caller) in place. */
export function kindReason(kind: FindingKind, escapedWord: string): string {
  return FINDING_KINDS[kind].reason.replaceAll('{word}', escapedWord);
}

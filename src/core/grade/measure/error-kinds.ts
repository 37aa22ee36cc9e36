/**
 * What kind of error a flagged word most likely is. The model says only *that* a word looks
 * wrong; the kind comes from the word itself: the project's confusion tables
 * (`src/core/lexicon/confusions.json`, the same sets the model was trained to detect) and a few
 * rules on its form (a non-word is a spelling error, a verb inflection a verb-form error).
 * Pure and deterministic; one small table-driven rule, used by the grammar, spelling and word
 * choice criteria.
 */
import confusions from '../../lexicon/confusions.json';
import { CONTRACTIONS } from './conventions';
import { wordRank } from './frequencies';

/** The kind of a flagged word. A closed union: add a member, document it. */
export type ErrorKind =
  /** A form of be/have/do ("is/are", "was/were", "has/have"), or a verb's -s form after a subject pronoun. */
  | 'agreement'
  /** An inflected verb form (-ing, -ed) whose stem is a word: "I have went", "to helped". */
  | 'verb-form'
  /** An article or determiner ("a/an/the", "this/these", "much/many"). */
  | 'determiner'
  /** A preposition ("in/on/at", "for/of/to"). */
  | 'preposition'
  /** A pronoun ("he/him/his", "who/which"). */
  | 'pronoun'
  /** A word that sounds like another ("there/their/they're", "then/than"). */
  | 'homophone'
  /** Not a word: not among the corpus's 20,000 most frequent words and not a name. */
  | 'spelling'
  /** Anything else the model flags: a wrong, missing or extra word, an odd collocation. */
  | 'word-choice';

/** The criteria the kinds feed. */
export type ErrorFamily = 'grammar' | 'spelling' | 'wordChoice';

export const FAMILY_OF: Readonly<Record<ErrorKind, ErrorFamily>> = {
  'agreement': 'grammar',
  'verb-form': 'grammar',
  'determiner': 'grammar',
  'preposition': 'grammar',
  'pronoun': 'grammar',
  'homophone': 'spelling',
  'spelling': 'spelling',
  'word-choice': 'wordChoice',
};

/** Human names, singular and plural. */
export const KIND_NAMES: Readonly<Record<ErrorKind, [string, string]>> = {
  'agreement': ['agreement error', 'agreement errors'],
  'verb-form': ['verb form', 'verb forms'],
  'determiner': ['determiner or article', 'determiners or articles'],
  'preposition': ['preposition', 'prepositions'],
  'pronoun': ['pronoun', 'pronouns'],
  'homophone': ['sound-alike word', 'sound-alike words'],
  'spelling': ['misspelt word', 'misspelt words'],
  'word-choice': ['word that looks out of place', 'words that look out of place'],
};

type Sets = Array<string[] | string>;
const table = confusions as unknown as Record<string, Sets>;
const membersOf = (name: string): Set<string> => new Set((table[name] ?? []).flat().filter((w) => !w.includes(' ')));

/** Confusion tables in the order they are tried: the first that holds the word names its kind. */
const TABLES: ReadonlyArray<[ErrorKind, Set<string>]> = [
  ['determiner', membersOf('determiners')],
  ['agreement', membersOf('agreement')],
  ['preposition', membersOf('prepositions')],
  ['homophone', membersOf('homophones')],
  ['pronoun', membersOf('pronouns')],
];

const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they']);

/**
 * Whether `text` is a non-word: lowercase letters only (a capitalised word may be a name), 3+
 * letters, not among the corpus's ranked words and not an apostrophe-less contraction ("dont":
 * a conventions issue).
 */
export function isNonWord(text: string): boolean {
  return /^[a-z]{3,}$/.test(text) && wordRank(text) === undefined && !Object.prototype.hasOwnProperty.call(CONTRACTIONS, text);
}

/** The stem of an -ing/-ed/-s form when it is a ranked word ("helped" → "help", "making" → "make"). */
function stemOf(lower: string, suffix: string, shortest = 3): string | undefined {
  if (!lower.endsWith(suffix) || lower.length < suffix.length + 2) return undefined;
  const base = lower.slice(0, -suffix.length);
  const tries = [base, `${base}e`, base.length > 2 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : '', base.endsWith('i') ? `${base.slice(0, -1)}y` : ''];
  return tries.find((t) => t.length >= shortest && wordRank(t) !== undefined);
}

/** Words that end like an inflection but are not one. */
const NOT_INFLECTED = new Set(['thing', 'things', 'nothing', 'something', 'anything', 'everything', 'during', 'morning', 'evening', 'king', 'ring', 'wing', 'string', 'spring', 'bring', 'sing', 'bed', 'red', 'need', 'hundred', 'indeed', 'this', 'is', 'was', 'has', 'his', 'its', 'us', 'yes', 'less', 'unless', 'news', 'bus', 'plus', 'thus', 'always', 'perhaps', 'sometimes', 'series', 'species']);

/**
 * The kind of the flagged word `text`; `previous` is the word before it in the same sentence
 * (lowercase or not), for the -s form after a subject pronoun.
 */
export function classifyError(text: string, previous?: string): ErrorKind {
  const lower = text.toLowerCase();
  for (const [kind, words] of TABLES) if (words.has(lower)) return kind;
  if (isNonWord(text)) return 'spelling';
  if (NOT_INFLECTED.has(lower)) return 'word-choice';
  if (stemOf(lower, 'ing') || stemOf(lower, 'ed')) return 'verb-form';
  const prev = previous?.toLowerCase();
  if (prev && SUBJECT_PRONOUNS.has(prev) && (stemOf(lower, 's') || stemOf(lower, 'es', 2))) return 'agreement';
  return 'word-choice';
}

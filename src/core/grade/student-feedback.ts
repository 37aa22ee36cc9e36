/**
 * Feedback a student can act on: each point quotes its sentence with the paragraph and sentence
 * number, names the kind of problem in plain words with one line of explanation, and gives the
 * fix when the suggester has one it is sure enough of. Only the findings at or above the rubric's
 * `feedbackConfidence` reach the student, and no probability is ever printed here (the teacher's
 * report, `render.ts`, keeps the numbers and every finding). Strengths are named from the criteria.
 */
import { FINDING_KINDS } from '../finding-kinds';
import { escapeMarkdown as md } from '../markdown-escape';
import { matchCase } from '../suggest/edit';
import type { Finding, FindingKind, Suggestion } from '../types';
import { classifyError, type ErrorKind } from './measure/error-kinds';
import { DEFAULT_FEEDBACK_CONFIDENCE } from './rubric/rubric';
import { locationAt, sentenceLocations, type SentenceLocation } from './measure/sentence-locations';
import type { CriterionId, GradeReport, Rubric } from './types';

/** The kind of a point, in the student's words: a replaced word's probable error kind, or the finding's own kind. */
export type PointKind = ErrorKind | Exclude<FindingKind, 'replaced-word'>;

/** What each kind is called and one line saying what to look at. */
export const POINT_KINDS: Readonly<Record<PointKind, { label: string; explanation: string }>> = {
  'agreement': { label: 'Agreement', explanation: 'The verb should match its subject: one thing takes "is/was/has/does", several take "are/were/have/do".' },
  'verb-form': { label: 'Verb form', explanation: 'This form of the verb may not fit here: check the tense and the -ing or -ed ending.' },
  'determiner': { label: 'Article or determiner', explanation: 'Check the small word before the noun (a/an/the, this/these, much/many): it may be missing, extra or the wrong one.' },
  'preposition': { label: 'Preposition', explanation: 'Linking words such as in, on, at, for and to are easy to mix up: this one may not be the one English uses here.' },
  'pronoun': { label: 'Pronoun', explanation: 'Check that this pronoun fits the person or thing it stands for (he/him/his, who/which).' },
  'homophone': { label: 'Sound-alike word', explanation: 'This word sounds like another word with a different meaning (there/their, then/than): check which one you mean.' },
  'spelling': { label: 'Spelling', explanation: 'This does not look like an English word: check its spelling.' },
  'word-choice': { label: 'Word choice', explanation: 'A reader may stumble here: the word may be the wrong one, or a word may be missing or extra around it.' },
  'repeated-word': FINDING_KINDS['repeated-word'].student,
  'confused-word': FINDING_KINDS['confused-word'].student,
};

/** What a criterion that scores well says the essay does well. */
const STRENGTHS: Readonly<Record<CriterionId, string>> = {
  wordChoice: 'Your words fit their sentences: few words look out of place.',
  grammar: 'Your grammar is accurate: verb forms, agreement and the small words are right almost everywhere.',
  spelling: 'Your spelling is careful.',
  fluency: 'Your sentences read smoothly.',
  vocabulary: 'You use a varied vocabulary, including less common words.',
  organisation: 'Your essay is well organised: its length and paragraphs suit the task.',
  conventions: 'Your punctuation, capital letters and spacing are tidy.',
  fit: 'Your essay keeps to the assignment and its topic.',
};

/** What to work on for a criterion that scores low. */
const ADVICE: Readonly<Record<CriterionId, string>> = {
  wordChoice: 'read your sentences aloud and look again at the words marked below.',
  grammar: 'check verb forms and agreement, and the small words (articles, prepositions, pronouns).',
  spelling: 'check the spelling of the words marked below.',
  fluency: 'split very long sentences, and rework sentences with several marked words.',
  vocabulary: 'vary your words: use synonyms instead of repeating the same ones, and more precise words.',
  organisation: 'organise the essay in paragraphs, one idea each, and keep to the expected length.',
  conventions: 'check punctuation, capital letters at sentence starts, and spacing.',
  fit: 'answer the assignment\'s question directly and use its key terms.',
};

/** A criterion at or above this (0–100) is named as a strength. */
export const STRENGTH_SCORE = 75;

/** One point of the student's feedback. */
export interface FeedbackPoint {
  finding: Finding;
  kind: PointKind;
  /** Where its sentence is (undefined only for a finding outside every sentence). */
  where?: SentenceLocation;
  /** The fix to show, in plain words ("write \"learn\" instead of \"learns\""); absent when none is sure enough. */
  fix?: string;
}

/** The rubric's feedback confidence (0..1), or the default. */
export function feedbackConfidenceOf(rubric: Pick<Rubric, 'feedbackConfidence'>): number {
  return rubric.feedbackConfidence ?? DEFAULT_FEEDBACK_CONFIDENCE;
}

/** The findings a student sees: a repeated word always (a rule, not a guess), others at or above `confidence`. */
export function studentFindings(findings: readonly Finding[], confidence: number): Finding[] {
  return findings.filter((f) => f.kind === 'repeated-word' || f.score >= confidence);
}

/** A fix in plain words, when the model is at least `confidence` sure the fixed text fits (1 − its score after the fix). */
export function fixText(word: string, suggestions: readonly Suggestion[], confidence: number): string | undefined {
  const s = suggestions.find((x) => x.score === undefined || 1 - x.score >= confidence);
  if (!s) return undefined;
  switch (s.kind) {
    case 'replace': return `write "${matchCase(s.text, word)}" instead of "${word}"`;
    case 'remove': return `remove "${word}"`;
    case 'insert': return `add "${s.text}" before "${word}"`;
  }
}

/** The points of `findings` (their suggestions already filled in where the suggester ran), in source order. */
export function feedbackPoints(source: string, sentences: ReadonlyArray<{ start: number; end: number }>, findings: readonly Finding[], confidence: number): FeedbackPoint[] {
  const locations = sentenceLocations(source, sentences);
  return findings.map((f) => {
    const where = locationAt(locations, f.start);
    const before = source.slice(where?.start ?? Math.max(0, f.start - 40), f.start).match(/\p{L}+(?=[^\p{L}]*$)/u)?.[0];
    const kind: PointKind = f.kind === 'replaced-word' ? classifyError(f.text, before) : f.kind;
    const fix = fixText(f.text, f.suggestions, confidence);
    return { finding: f, kind, ...(where ? { where } : {}), ...(fix ? { fix } : {}) };
  });
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The sentence of `p` with its word in bold (Markdown-escaped), shortened around the word when long. */
function quote(source: string, p: FeedbackPoint): string {
  const { start, end } = p.where ?? { start: Math.max(0, p.finding.start - 60), end: Math.min(source.length, p.finding.end + 60) };
  const s = Math.max(start, p.finding.start - 150);
  const e = Math.min(end, p.finding.end + 150);
  const before = md(flat(source.slice(s, p.finding.start))).trimStart();
  const after = md(flat(source.slice(p.finding.end, e))).trimEnd();
  return `${s > start ? '…' : ''}${before}**${md(p.finding.text)}**${after}${e < end ? '…' : ''}`;
}

/** "Paragraph 2, sentence 3". */
export function locationText(where: SentenceLocation | undefined): string {
  return where?.heading ? 'In a heading' : where ? `Paragraph ${where.paragraph}, sentence ${where.sentence}` : 'In the text';
}

/** What the essay does well: the criteria at or above `STRENGTH_SCORE`, best first; else the best one. */
export function strengths(r: GradeReport): string[] {
  const weighed = r.criteria.filter((c) => c.weight > 0).sort((a, b) => b.score - a.score);
  const good = weighed.filter((c) => c.score >= STRENGTH_SCORE);
  return (good.length ? good : weighed.slice(0, 1)).map((c) => STRENGTHS[c.id]);
}

/** What to work on: the two weakest criteria under `STRENGTH_SCORE`, weakest first. */
export function toWorkOn(r: GradeReport): string[] {
  return r.criteria.filter((c) => c.weight > 0 && c.score < STRENGTH_SCORE).sort((a, b) => a.score - b.score).slice(0, 2)
    .map((c) => `${c.label}: ${ADVICE[c.id]}`);
}

/**
 * The student's copy: the grade, strengths, what to work on and the points to check, each with
 * its sentence, kind, explanation and fix. `points` are `feedbackPoints` of `studentFindings`.
 * No probabilities, no raw model scores.
 */
export function studentFeedbackMarkdown(title: string, r: GradeReport, source: string, points: readonly FeedbackPoint[]): string {
  const out: string[] = [`# Feedback: ${md(title)}`, ''];
  out.push(`**Grade: ${r.grade}${r.letter ? ` (${md(r.letter)})` : ''}** on a ${r.scale.min}–${r.scale.max} scale.`, '');
  // Nothing to praise or correct in an empty submission: say only that.
  if (r.words === 0) return [...out, 'There is no text to grade: check that you handed in the right file.', ''].join('\n');
  out.push('## What you do well', '', ...strengths(r).map((s) => `- ${s}`), '');
  const work = toWorkOn(r);
  if (work.length) out.push('## What to work on', '', ...work.map((s) => `- ${s}`), '');
  if (points.length === 0) {
    out.push('## Points to check', '', 'Nothing stood out clearly enough to list: read your essay once more aloud before you hand it in.', '');
    return out.join('\n');
  }
  out.push(`## Points to check (${points.length})`, '');
  points.forEach((p, i) => {
    const k = POINT_KINDS[p.kind];
    out.push(`${i + 1}. **${locationText(p.where)}:** ${quote(source, p)}`);
    out.push(`   *${k.label}.* ${k.explanation}${p.fix ? ` **Try:** ${md(p.fix)}.` : ''}`, '');
  });
  return out.join('\n');
}

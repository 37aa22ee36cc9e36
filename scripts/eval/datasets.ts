/**
 * Readers for the error-detection evaluation sets in ../shared/eval (research licences:
 * read at evaluation time, never copied into the repository).
 *
 * Each sentence becomes a text whose tokens are joined by single spaces; every token keeps
 * its [start, end) UTF-16 span in that text, so scores are matched by offsets, not by search.
 */
import { readFileSync } from 'node:fs';

export interface LabelledSentence {
  text: string;
  tokens: Array<{ start: number; end: number; wrong: boolean }>;
}

function join(tokens: string[], wrong: boolean[]): LabelledSentence {
  const spans: LabelledSentence['tokens'] = [];
  let text = '';
  tokens.forEach((token, i) => {
    if (i > 0) text += ' ';
    spans.push({ start: text.length, end: text.length + token.length, wrong: wrong[i] });
    text += token;
  });
  return { text, tokens: spans };
}

/** FCE public test set (Rei & Yannakoudakis 2016): `token\tc|i` lines, blank line between sentences. */
export function readFce(path: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let tokens: string[] = [];
  let wrong: boolean[] = [];
  const flush = () => {
    if (tokens.length > 0) sentences.push(join(tokens, wrong));
    tokens = [];
    wrong = [];
  };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const [token, label] = line.split('\t');
    tokens.push(token);
    wrong.push(label === 'i');
  }
  flush();
  return sentences;
}

/**
 * JFLEG dev in M2 form. A source token is wrong when at least `minAnnotators` of the
 * annotators replaced or deleted it (edits with a non-empty source span). Pure insertions
 * ("a word is missing here") mark no token: a discriminator scores words that exist.
 */
export function readJflegM2(path: string, minAnnotators = 2): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  const blocks = readFileSync(path, 'utf8').split(/\r?\n\r?\n/);
  for (const block of blocks) {
    const lines = block.split(/\r?\n/).filter((l) => l.length > 0);
    if (lines.length === 0 || !lines[0].startsWith('S ')) continue;
    const tokens = lines[0].slice(2).split(' ').filter((t) => t.length > 0);
    const editors: Array<Set<string>> = tokens.map(() => new Set());
    for (const line of lines.slice(1)) {
      if (!line.startsWith('A ')) continue;
      const fields = line.slice(2).split('|||');
      const [from, to] = fields[0].split(' ').map(Number);
      const type = fields[1];
      const annotator = fields[fields.length - 1];
      if (type === 'noop' || type === 'UNK') continue;
      for (let t = from; t < to && t < tokens.length; t++) editors[t].add(annotator);
    }
    sentences.push(join(tokens, editors.map((e) => e.size >= minAnnotators)));
  }
  return sentences;
}

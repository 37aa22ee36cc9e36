/**
 * The workspace word list `.electra-feedback/words.txt`: one word per line, `#` starts
 * a comment line, blank lines are ignored. Matching is case-insensitive on the
 * NFC-normalised word, so "Ngozi" in the list also accepts "ngozi" and "NGOZI".
 */

/** Workspace-relative path of the list (shareable in git, unlike settings.json). */
export const WORD_LIST_PATH = '.electra-feedback/words.txt';

/** The key a word is compared by. */
export function wordKey(word: string): string {
  return word.normalize('NFC').toLocaleLowerCase('en-US');
}

/** The set of keys in a word-list file's text. */
export function parseWordList(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    out.add(wordKey(line));
  }
  return out;
}

/**
 * The file's new text with `word` appended on its own line (unchanged when already
 * present). A missing file is `''`; a header comment is written first.
 */
export function appendToWordList(existing: string, word: string): string {
  const w = word.trim();
  if (w === '' || /[\r\n]/.test(w)) throw new Error(`Not a single word: ${JSON.stringify(word)}`);
  if (parseWordList(existing).has(wordKey(w))) return existing;
  const header = existing === '' ? '# Words Electra Feedback never flags in this workspace (one per line).\n' : '';
  const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${header}${existing}${sep}${w}\n`;
}

/** Random edits for the stale-result and stress tests, and the oracle they are checked against. */
import * as vscode from 'vscode';
import { quotedWord, WORD } from './helpers';

const WORDS = ['river', 'lantern', 'quiet', 'harvest', 'bright', 'window', 'stone', 'garden', 'letter', 'morning'];

/** Diagnostics equal to "every word of the current text flagged once" (the threshold-0 oracle). */
export function matchesText(doc: vscode.TextDocument) {
  return (ds: vscode.Diagnostic[]) => {
    const expected = [...doc.getText().matchAll(WORD)].map((m) => `${m.index}:${m.index + m[0].length}`);
    const got = ds.map((d) => `${doc.offsetAt(d.range.start)}:${doc.offsetAt(d.range.end)}`);
    return got.length === expected.length && got.every((g, i) => g === expected[i]) && ds.every((d) => quotedWord(d.message) === doc.getText(d.range));
  };
}

/** One random edit: insert a word, delete a word, or replace a word, at a random place. */
export function randomEdit(doc: vscode.TextDocument, rnd: () => number): vscode.TextEdit {
  const text = doc.getText();
  const words = [...text.matchAll(WORD)];
  const pick = words[Math.floor(rnd() * words.length)];
  const word = WORDS[Math.floor(rnd() * WORDS.length)];
  const r = rnd();
  if (!pick || r < 0.4) return vscode.TextEdit.insert(doc.positionAt(Math.floor(rnd() * text.length)), ` ${word} `);
  const range = new vscode.Range(doc.positionAt(pick.index), doc.positionAt(pick.index + pick[0].length));
  return r < 0.7 ? vscode.TextEdit.replace(range, word) : vscode.TextEdit.delete(range);
}


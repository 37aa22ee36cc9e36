/**
 * A class as a teacher grades it: `n` Word documents of about `words` words each, graded by the
 * `grade` command itself (`runGrade`: model load, .docx reading, scoring, grading, feedback files),
 * once without fixes (`--no-fixes`) and once with the suggester's fixes in the students' copies.
 * The essays are learner essays (ELLIPSE, read from ../shared at bench time, never copied) when
 * present — their errors are what the suggester works on — else the bench's prose paragraphs.
 * Issue 22's targets: 30 essays of ~400 words in under 30 s, under 90 s with fixes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGrade } from '../src/cli/grade';
import type { CliIO } from '../src/cli/io';
import { docx } from '../test/unit/read-fixtures';
import { loadEllipse } from '../scripts/eval-grading/ellipse';
import type { ParagraphSource } from './docs';

export interface GradingClassResult {
  essays: number;
  words: number;
  /** Wall time of `grade --out DIR --no-fixes`, ms (model load included). */
  plainMs: number;
  /** Wall time of `grade --out DIR` (fixes in the students' copies), ms. */
  fixesMs: number;
  /** Feedback files written by each run (students' copies). */
  files: number;
  /** Points in the students' copies, and how many of them carry a fix. */
  points: number;
  fixes: number;
  /** Where the essays came from. */
  source: string;
}

const countWords = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** `n` essays (paragraph lists) of about `words` words: ELLIPSE's closest in length when present, else built from `src` (deterministic). */
export function classEssays(src: ParagraphSource, n: number, words: number): { essays: string[][]; source: string } {
  try {
    const { essays, path } = loadEllipse(resolve(__dirname, '..'), 'test');
    const near = essays.filter((e) => Math.abs(countWords(e.text) - words) <= 100).slice(0, n);
    if (near.length === n) return { essays: near.map((e) => e.text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean)), source: `learner essays of ${path.split('/').pop()}` };
  } catch {
    // no ELLIPSE beside the repository: prose paragraphs instead
  }
  return { essays: builtEssays(src, n, words), source: src.name };
}

function builtEssays(src: ParagraphSource, n: number, words: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const paragraphs: string[] = [];
    let total = 0;
    for (let k = i * 7; total < words; k++) {
      const p = src.paragraphs[k % src.paragraphs.length];
      paragraphs.push(p);
      total += countWords(p);
    }
    return paragraphs;
  });
}

export async function gradingClass(model: string, provider: string, src: ParagraphSource, n = 30, words = 400): Promise<GradingClassResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ef-bench-class-'));
  try {
    const cls = join(dir, 'class');
    mkdirSync(cls);
    const { essays, source } = classEssays(src, n, words);
    essays.forEach((paragraphs, i) => writeFileSync(join(cls, `student-${String(i + 1).padStart(2, '0')}.docx`), docx(paragraphs)));
    let errors = '';
    const io: CliIO = { stdout: () => undefined, stderr: (s) => { errors += s; }, cwd: dir, readStdin: async () => new Uint8Array(), stderrIsTTY: false };
    const run = async (out: string, extra: string[]) => {
      const t = performance.now();
      const code = await runGrade(['--model', resolve(model), '--provider', provider, '--format', 'csv', '--out', join(dir, out), ...extra, cls], io);
      if (code !== 0) throw new Error(`grade exited ${code}:\n${errors}`);
      return performance.now() - t;
    };
    const plainMs = await run('plain', ['--no-fixes']);
    const fixesMs = await run('fixes', []);
    const copies = readdirSync(join(dir, 'fixes')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, 'fixes', f), 'utf8'));
    const points = copies.reduce((s, c) => s + (c.match(/^\d+\. \*\*/gm)?.length ?? 0), 0);
    const fixes = copies.reduce((s, c) => s + (c.match(/\*\*Try:\*\*/g)?.length ?? 0), 0);
    return { essays: n, words: essays.reduce((s, e) => s + countWords(e.join(' ')), 0), plainMs, fixesMs, files: copies.length, points, fixes, source };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

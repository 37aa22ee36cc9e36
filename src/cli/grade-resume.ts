/**
 * Resumable grading of large batches (`grade --out DIR`): every graded submission is appended
 * to `DIR/.electra-feedback-graded.jsonl` once its feedback files are written, keyed by the run
 * (rubric, calibration, model, fixes on or off) and the submission's extracted text; a re-run with
 * the same key skips the scoring of each submission whose text is unchanged and reports its
 * stored grade (its feedback files are already there). `--regrade` grades everything again. A run
 * cut off mid-line (a crash, Ctrl-C) loses at most that line.
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Calibration, GradeReport, Rubric } from '../core/grade';
import type { ModelInfo } from '../core/types';

/** The state file's name inside `--out`. */
export const STATE_FILE = '.electra-feedback-graded.jsonl';

/** One line of the state file. */
interface StateLine { run: string; display: string; text: string; report: GradeReport }

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The run's key: what a grade depends on besides the text — the rubric, the calibration, the
 * model (its folder, name and discriminator file's size and time) and whether fixes are written.
 */
export async function runKey(rubric: Rubric, calibration: Calibration | undefined, model: ModelInfo, fixes: boolean): Promise<string> {
  const onnx = await stat(join(model.dir, 'onnx', 'model.onnx')).catch(() => undefined);
  return sha(JSON.stringify({ rubric, calibration: calibration ?? null, model: [model.name, model.dir, onnx?.size, onnx?.mtimeMs], fixes })).slice(0, 32);
}

/** The stored grades of a run, and a way to add one. */
export class GradedState {
  private constructor(private readonly file: string, private readonly run: string, private readonly done: Map<string, GradeReport>) {}

  /** The state of `run` in `outDir` (empty with `fresh`, or when there is none yet). */
  static async open(outDir: string, run: string, fresh: boolean): Promise<GradedState> {
    const file = join(outDir, STATE_FILE);
    const done = new Map<string, GradeReport>();
    if (!fresh) {
      const text = await readFile(file, 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          const s = JSON.parse(line) as StateLine;
          if (s.run === run) done.set(keyOf(s.display, s.text), s.report);
        } catch {
          // a line cut off by a crash: that submission is graded again
        }
      }
    }
    return new GradedState(file, run, done);
  }

  /** How many stored grades this run can reuse. */
  get size(): number {
    return this.done.size;
  }

  /** The stored report of `display` when its text is `text`, else undefined. */
  find(display: string, text: string): GradeReport | undefined {
    return this.done.get(keyOf(display, sha(text)));
  }

  /** Records `display`'s report (after its feedback files are written). */
  async add(display: string, text: string, report: GradeReport): Promise<void> {
    const line: StateLine = { run: this.run, display, text: sha(text), report };
    this.done.set(keyOf(display, line.text), report);
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
  }
}

function keyOf(display: string, textHash: string): string {
  return `${display}\u0000${textHash}`;
}

/** "~2 min 10 s left" ("<1 s left" under a second; empty before the first or after the last): the time the remaining `left` submissions should take at the rate so far. */
export function timeLeft(elapsedMs: number, done: number, left: number): string {
  if (done === 0 || left === 0) return '';
  const s = Math.round((elapsedMs / done) * left / 1000);
  return s >= 60 ? `~${Math.floor(s / 60)} min ${s % 60} s left` : s >= 1 ? `~${s} s left` : '<1 s left';
}

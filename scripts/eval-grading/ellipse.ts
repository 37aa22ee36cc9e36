/**
 * ELLIPSE (Crossley et al. 2023; research licence: read in place, never copied into the repo):
 * 2,571 learner essays with human Overall and analytic scores, 1–5 in half points.
 *
 * The grading evaluation uses a fixed **dev** part (about 40% of the essays, chosen by a hash of
 * the essay id, so the same on every machine) for every number it reports while grading is being
 * developed; `--set test` (the other 60%) is kept for a final check, `--set all` for both.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitCsvRecords } from '../../src/core/csv';

export const HUMAN = ['Overall', 'Cohesion', 'Syntax', 'Vocabulary', 'Phraseology', 'Grammar', 'Conventions'] as const;
export type HumanScore = (typeof HUMAN)[number];
export const ELLIPSE_SCALE = { min: 1, max: 5, step: 0.5 };

export interface Essay { id: string; text: string; prompt: string; human: Record<HumanScore, number> }
export type EssaySet = 'dev' | 'test' | 'all';

/** Whether an essay id is in the dev part (40%, by sha256 of the id). */
export function isDev(id: string): boolean {
  return createHash('sha256').update(id).digest()[0] % 5 < 2;
}

/** The essays of `set`, in file order. `$ELLIPSE_CSV`, else `../shared/eval/ellipse/` beside the repo. */
export function loadEllipse(repo: string, set: EssaySet): { essays: Essay[]; path: string } {
  const path = process.env.ELLIPSE_CSV ?? [join(repo, '..', 'shared', 'eval', 'ellipse', 'ELLIPSE_Final_github_test.csv'), '/work/shared/eval/ellipse/ELLIPSE_Final_github_test.csv'].find(existsSync);
  if (!path || !existsSync(path)) throw new Error('ELLIPSE CSV not found: set ELLIPSE_CSV to ELLIPSE_Final_github_test.csv');
  const records = splitCsvRecords(readFileSync(path, 'utf8'));
  const header = records[0];
  const col = (name: string) => { const i = header.indexOf(name); if (i < 0) throw new Error(`${path}: no column ${name}`); return i; };
  const id = col('text_id_kaggle');
  const text = col('full_text');
  const prompt = col('prompt');
  const hi = HUMAN.map((h) => [h, col(h)] as const);
  const essays = records.slice(1).filter((r) => r.length === header.length).map((r) => ({
    id: r[id], text: r[text], prompt: r[prompt], human: Object.fromEntries(hi.map(([h, i]) => [h, Number(r[i])])) as Record<HumanScore, number>,
  }));
  return { essays: set === 'all' ? essays : essays.filter((e) => isDev(e.id) === (set === 'dev')), path };
}

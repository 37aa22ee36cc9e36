import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGrade } from '../../src/cli/grade';
import { timeLeft } from '../../src/cli/grade-resume';
import type { CliIO } from '../../src/cli/io';

const REPO = resolve(__dirname, '../..');
/** The tiny random-weight model (plumbing only: grades are meaningless, the pipeline is real). */
const MODEL = process.env.ELECTRA_TEST_MODEL ?? join(REPO, 'test/.cache/tiny-model');
const ESSAY = (n: number) => `Essay ${n}. Students who read every day discover new ideas and words.\n\nThey also learn how good sentences are built, which helps them write.`;

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd, readStdin: async () => new Uint8Array(), stderrIsTTY: false };
  return runGrade(['--model', MODEL, '--no-fixes', ...args], io).then((code) => ({ code, stdout, stderr }));
}

describe('grade: resumable grading of large folders', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ef-resume-'));
    mkdirSync(join(dir, 'class'));
    for (let i = 1; i <= 4; i++) writeFileSync(join(dir, 'class', `s${i}.txt`), ESSAY(i));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const mtimes = () => Object.fromEntries(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.md')).map((f) => [f, statSync(join(dir, 'out', f)).mtimeMs]));

  it('a re-run skips what was graded with the same rubric and model, reports the same grades, and grades a changed essay again', async () => {
    const first = await run(['--out', 'out', '--format', 'json', 'class'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /\[1\/4\] class\/s1\.txt: [\d.]+ {2}(~\d+|<1) s left/, 'progress with the time left');
    assert.doesNotMatch(first.stderr, /\[4\/4\].*left/, 'nothing left after the last');
    const before = mtimes();
    writeFileSync(join(dir, 'class', 's3.txt'), `${ESSAY(3)} A sentence added later.`);
    const again = await run(['--out', 'out', '--format', 'json', 'class'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /Resuming: 4 submission\(s\) graded before/);
    assert.equal((again.stderr.match(/\(graded before\)/g) ?? []).length, 3, again.stderr);
    assert.doesNotMatch(again.stderr, /s3\.txt: [\d.]+ \(graded before\)/);
    const [a, b] = [JSON.parse(first.stdout), JSON.parse(again.stdout)] as Array<Array<{ path: string; report: unknown }>>;
    assert.deepEqual(b.filter((x) => x.path !== 'class/s3.txt'), a.filter((x) => x.path !== 'class/s3.txt'), 'the stored reports, unchanged');
    const after = mtimes();
    for (const f of Object.keys(before)) {
      if (f.includes('s3')) assert.notEqual(after[f], before[f], `${f} written again`);
      else assert.equal(after[f], before[f], `${f} left alone`);
    }
  });

  it('grades everything again with --regrade, with another rubric, or when a feedback file is gone', async () => {
    const forced = await run(['--out', 'out', '--regrade', 'class'], dir);
    assert.doesNotMatch(forced.stderr, /graded before/);
    rmSync(join(dir, 'out', readdirSync(join(dir, 'out')).find((f) => f.includes('s1'))!));
    const missing = await run(['--out', 'out', 'class'], dir);
    assert.equal((missing.stderr.match(/\(graded before\)/g) ?? []).length, 3, 'the essay whose copy is gone is graded again');
    writeFileSync(join(dir, 'strict.json'), '{"threshold": 0.5}');
    const other = await run(['--out', 'out', '--rubric', 'strict.json', 'class'], dir);
    assert.doesNotMatch(other.stderr, /graded before/, 'another rubric: another run');
  });

  it('estimates the time left from the rate so far', () => {
    assert.equal(timeLeft(10_000, 10, 20), '~20 s left');
    assert.equal(timeLeft(1_000, 1, 130), '~2 min 10 s left');
    assert.equal(timeLeft(0, 0, 5), '');
    assert.equal(timeLeft(100, 1, 2), '<1 s left');
    assert.equal(timeLeft(5_000, 5, 0), '');
  });
});

// One rule per concept: grading and checking share the findings rule (threshold, repeats,
// the "had had"/"that that" exceptions, messages, fixes), line/column (a lone CR ends a
// line) and the CLI's argument conventions. Each test proves a former disagreement gone.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findingsOf } from '../../src/core/findings';
import { DEFAULT_RUBRIC, grade } from '../../src/core/grade';
import { positionIndex } from '../../src/core/positions';
import type { Finding } from '../../src/core/types';
import { runCli } from './helpers/cli-run';
import { TINY_MODEL_DIR } from './helpers/tiny-model';
import { scoredDoc } from './grade-fixtures';

/** CR-only line ends (old Mac files), a grammatical "had had", a real "the the" across a line end. */
const TEXT = 'By noon we had had enough of the\rthe rain.\rThat that mattered was clear, and the cat sat on the mat.\r\rA new paragraph starts here.';

describe('check and grade: one findings rule, one position rule', () => {
  const threshold = 0.5;
  // Every third word scores high: replaced-word findings in both, and repeats whatever their score.
  const doc = scoredDoc(TEXT, (_, i) => (i % 3 === 0 ? 0.9 : 0.1));

  it('grade reports exactly the core findings of check: same flags, spans, messages, fixes, line and column', () => {
    const report = grade(doc, TEXT, { ...DEFAULT_RUBRIC, threshold });
    assert.deepEqual(report.findings, findingsOf(TEXT, doc.words, threshold));
  });

  it('a grammatical "had had" or "that that" is no finding and no convention issue in grading', () => {
    const report = grade(doc, TEXT, { ...DEFAULT_RUBRIC, threshold });
    const repeats = report.findings.filter((f) => f.kind === 'repeated-word');
    assert.deepEqual(repeats.map((f) => f.text), ['the']);
    const conventions = report.criteria.find((c) => c.id === 'conventions')!;
    assert.ok(!conventions.passages.some((p) => /"had" is repeated|"That" is repeated|"that" is repeated/.test(p.reason)), JSON.stringify(conventions.passages));
  });

  it('a repeat is the second word only, with the "remove" fix, in check and grade alike', () => {
    const [repeat] = grade(doc, TEXT, { ...DEFAULT_RUBRIC, threshold }).findings.filter((f) => f.kind === 'repeated-word');
    const second = TEXT.indexOf('the rain');
    assert.deepEqual({ start: repeat.start, end: repeat.end, line: repeat.line, column: repeat.column }, { start: second, end: second + 3, line: 2, column: 1 });
    assert.deepEqual(repeat.suggestions, [{ kind: 'remove' }]);
    assert.equal(repeat.message, '"the" is repeated.');
  });

  it('a lone CR ends a line for the grader\'s passages and feedback as for check', () => {
    const at = positionIndex(TEXT);
    assert.equal(at(TEXT.indexOf('A new')).line, 5);
    const report = grade(doc, TEXT, { ...DEFAULT_RUBRIC, threshold });
    for (const c of report.criteria) for (const p of c.passages) assert.equal(p.line, at(p.start).line, `${c.id}: ${p.reason}`);
    for (const f of report.findings) assert.deepEqual({ line: f.line, column: f.column }, at(f.start));
  });
});

describe('check and grade through the CLI on the same file (tiny model)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ef-parity-'));
    writeFileSync(path.join(dir, 'essay.txt'), TEXT);
    writeFileSync(path.join(dir, 'rubric.json'), '{"threshold": 0.5}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same findings, spans and line/column for a CR-only file with "had had"', async () => {
    const model = ['--model', TINY_MODEL_DIR, '--provider', 'cpu'];
    const check = await runCli(['check', ...model, '--format', 'json', '--threshold', '0.5', 'essay.txt'], dir);
    assert.notEqual(check.code, 2, check.stderr);
    const graded = await runCli(['grade', ...model, '--format', 'json', '--rubric', 'rubric.json', 'essay.txt'], dir);
    assert.equal(graded.code, 0, graded.stderr);
    const checked: Finding[] = JSON.parse(check.stdout).files[0].findings;
    const gradedFindings: Finding[] = JSON.parse(graded.stdout)[0].report.findings;
    assert.ok(checked.some((f) => f.kind === 'repeated-word' && f.line === 2 && f.column === 1 && f.text === 'the'), JSON.stringify(checked));
    assert.ok(!checked.some((f) => f.kind === 'repeated-word' && f.text.toLowerCase() !== 'the'));
    assert.deepEqual(gradedFindings, checked);
  });

  it('grade --provider bogus is a usage error (exit 2) worded like check\'s', async () => {
    const graded = await runCli(['grade', '--provider', 'bogus', 'essay.txt'], dir);
    const checked = await runCli(['check', '--provider', 'bogus', 'essay.txt'], dir);
    assert.equal(graded.code, 2);
    assert.equal(checked.code, 2);
    assert.equal(graded.stdout, '');
    assert.match(graded.stderr, /^electra-feedback grade: --provider must be one of auto, cpu, cuda, dml, coreml, webgpu \(got "bogus"\)\nRun 'electra-feedback grade --help' for usage\.\n$/);
    assert.equal(graded.stderr.replace(/grade/g, 'CMD'), checked.stderr.replace(/check/g, 'CMD'));
  });

  it('grade reports every other usage error the same way: unknown option, bad format, no PATH', async () => {
    for (const [argv, says] of [
      [['--bogus', 'essay.txt'], /Unknown option '--bogus'/],
      [['--format', 'xml', 'essay.txt'], /--format must be one of text, json, csv \(got "xml"\)/],
      [[], /no PATH given/],
    ] as const) {
      const r = await runCli(['grade', ...argv], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, says);
      assert.match(r.stderr, /Run 'electra-feedback grade --help' for usage\.\n$/);
    }
  });
});

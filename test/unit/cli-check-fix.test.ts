// `electra-feedback check --fix`: applies the confident first fixes in one atomic write, prints
// each change, changes nothing with --dry-run, refuses a read-only file (left intact, exit 2),
// keeps a BOM and the file's permission bits; and the core's rule (`confidentFixes`).
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/cli';
import type { CliIO } from '../../src/cli/io';
import { applyFixes, confidentFixes, fixConfidence } from '../../src/core/suggest/fix-all';
import type { Finding } from '../../src/core/types';
import { TINY_MODEL_DIR } from './helpers/tiny-model';

async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd, readStdin: async () => Buffer.from(''), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

// A repeated word's removal is a rule (no score): confidence 1, whatever the (random) tiny model says.
const TEXT = 'We walked to the the old harbour.\n';
const FIXED = 'We walked to the old harbour.\n';

describe('cli: check --fix', () => {
  let dir: string;
  const model = ['--model', TINY_MODEL_DIR, '--provider', 'cpu'];
  const sure = ['--min-confidence', '1'];
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ef-fix-')); });
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the fixes, prints each change, keeps the permission bits and leaves no temporary file', async () => {
    const file = path.join(dir, 'essay.txt');
    writeFileSync(file, TEXT);
    chmodSync(file, 0o640);
    const r = await cli(['check', '--fix', ...sure, ...model, 'essay.txt'], dir);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.match(r.stdout, /^essay\.txt:1:18 {2}the {2}-> remove 'the' {2}\(100% sure; fixed\)$/m);
    assert.notEqual(r.code, 2, r.stderr); // 1 when the random tiny model left findings without a sure fix
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['essay.txt']);
  });

  it('--dry-run prints the same changes and changes nothing', async () => {
    const file = path.join(dir, 'essay.txt');
    writeFileSync(file, TEXT);
    const before = statSync(file).mtimeMs;
    const r = await cli(['check', '--fix', '--dry-run', ...sure, ...model, 'essay.txt'], dir);
    assert.match(r.stdout, /essay\.txt:1:18 {2}the {2}-> remove 'the' {2}\(100% sure; would fix\)/);
    assert.equal(readFileSync(file, 'utf8'), TEXT);
    assert.equal(statSync(file).mtimeMs, before);
    assert.notEqual(r.code, 2, r.stderr);
  });

  it('refuses a read-only file with a clear error and leaves it intact (exit 2)', async () => {
    const file = path.join(dir, 'essay.txt');
    writeFileSync(file, TEXT);
    chmodSync(file, 0o444);
    const r = await cli(['check', '--fix', ...sure, ...model, 'essay.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /essay\.txt: the file is read-only; not changed/);
    assert.equal(readFileSync(file, 'utf8'), TEXT);
    assert.equal(statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(readdirSync(dir), ['essay.txt']);
  });

  it('keeps a UTF-8 BOM', async () => {
    const file = path.join(dir, 'essay.txt');
    writeFileSync(file, `\ufeff${TEXT}`);
    await cli(['check', '--fix', ...sure, ...model, 'essay.txt'], dir);
    assert.equal(readFileSync(file, 'utf8'), `\ufeff${FIXED}`);
  });

  it('usage: --dry-run and --min-confidence need --fix; --fix takes no standard input, no --format json, no --all', async () => {
    writeFileSync(path.join(dir, 'essay.txt'), TEXT);
    for (const argv of [['--dry-run'], ['--min-confidence', '0.5'], ['--fix', '-'], ['--fix', '--format', 'json'], ['--fix', '--all'], ['--fix', '--min-confidence', '2']]) {
      const r = await cli(['check', ...argv, ...model, 'essay.txt'], dir);
      assert.equal(r.code, 2, argv.join(' '));
    }
    assert.equal(readFileSync(path.join(dir, 'essay.txt'), 'utf8'), TEXT);
  });
});

describe('fix all: the confident first fixes (core)', () => {
  const finding = (start: number, end: number, text: string, suggestions: Finding['suggestions']): Finding => ({ start, end, line: 1, column: start + 1, text, score: 0.9, kind: 'replaced-word', message: '', suggestions });
  const source = 'Many students use there phones in the the class.';

  it('takes each finding\'s first fix at or above the confidence, in source order', () => {
    const there = finding(18, 23, 'there', [{ kind: 'replace', text: 'their', score: 0.02 }]);
    const phones = finding(24, 30, 'phones', [{ kind: 'insert', text: 'the', score: 0.3 }]);
    const repeated = finding(38, 41, 'the', [{ kind: 'remove' }]);
    const fixes = confidentFixes(source, [repeated, phones, there], 0.9);
    assert.deepEqual(fixes.map((f) => f.finding.text), ['there', 'the']);
    assert.equal(applyFixes(source, fixes), 'Many students use their phones in the class.');
    assert.equal(fixConfidence({ kind: 'remove' }), 1);
    assert.ok(Math.abs(fixConfidence({ kind: 'replace', text: 'x', score: 0.02 }) - 0.98) < 1e-9);
    assert.equal(confidentFixes(source, [phones], 0.7).length, 1, '0.7 sure, asked for 0.7');
    assert.equal(confidentFixes(source, [finding(0, 4, 'Many', [])], 0).length, 0, 'no fix, nothing to apply');
  });

  it('never applies two edits that overlap, touch or start at the same place', () => {
    const pair = finding(34, 41, 'the the', [{ kind: 'replace', text: 'the' }]);
    const second = finding(38, 41, 'the', [{ kind: 'remove' }]);
    assert.deepEqual(confidentFixes(source, [second, pair], 0.5).map((f) => f.finding.text), ['the the'], 'overlapping: the earlier one');
    const insert = finding(38, 41, 'the', [{ kind: 'insert', text: 'a' }]);
    const replace = finding(38, 41, 'the', [{ kind: 'replace', text: 'a' }]);
    assert.equal(confidentFixes(source, [insert, replace], 0.5).length, 1, 'the same start: one');
    // "the the": the first removed as an extra word, the second as a repeat; together both would go.
    const removeFirst = finding(34, 37, 'the', [{ kind: 'remove' }]);
    const removeSecond = finding(38, 41, 'the', [{ kind: 'remove' }]);
    const touching = confidentFixes(source, [removeSecond, removeFirst], 0.5);
    assert.equal(touching.length, 1, 'the first removal ends where the second starts');
    assert.equal(applyFixes(source, touching), 'Many students use there phones in the class.');
    const apart = confidentFixes(source, [finding(18, 23, 'there', [{ kind: 'replace', text: 'their' }]), removeSecond], 0.5);
    assert.equal(applyFixes(source, apart), 'Many students use their phones in the class.', 'fixes a word apart both apply');
  });
});

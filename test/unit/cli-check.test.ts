// `electra-feedback check`: the JSON schema, --all, SARIF and text output, standard
// input, and the exit statuses 0 (no findings), 1 (findings) and 2 (usage, model or
// input errors, with a message and no stack trace).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './helpers/cli-run';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const cli = runCli;

const ESSAY = '# My essay\n\nThe weather was nice, so we walked to the old harbour.\n\nIt costs 42 euros; see https://example.org or write to me@example.org.\n';

describe('cli: check', () => {
  let dir: string;
  const model = ['--model', TINY_MODEL_DIR, '--provider', 'cpu'];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ef-cli-'));
    writeFileSync(path.join(dir, 'essay.md'), ESSAY);
    writeFileSync(path.join(dir, 'notes.txt'), 'Short note here.');
    writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json --all lists every word with its score, exact offsets and the model that ran', async () => {
    const r = await cli(['check', '--format', 'json', '--all', ...model, 'essay.md'], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['model', 'files']);
    assert.deepEqual(Object.keys(out.model).sort(), ['dir', 'hasGenerator', 'maxLength', 'name', 'provider', 'vocabSize']);
    assert.equal(out.model.provider, 'cpu');
    assert.equal(out.model.dir, TINY_MODEL_DIR);
    assert.equal(out.files.length, 1);
    const file = out.files[0];
    assert.deepEqual(Object.keys(file), ['path', 'words', 'findings']);
    assert.equal(file.path, 'essay.md');
    const texts = file.findings.map((f: { text: string }) => f.text);
    assert.deepEqual(texts, ['My', 'essay', 'The', 'weather', 'was', 'nice', 'so', 'we', 'walked', 'to', 'the', 'old', 'harbour', 'It', 'costs', 'euros', 'see', 'or', 'write', 'to']);
    assert.equal(file.words, texts.length);
    for (const f of file.findings) {
      assert.deepEqual(Object.keys(f), ['start', 'end', 'line', 'column', 'text', 'score', 'kind', 'message', 'suggestions']);
      assert.equal(ESSAY.slice(f.start, f.end), f.text);
      assert.ok(typeof f.score === 'number' && f.score >= 0 && f.score <= 1);
      assert.deepEqual(f.suggestions, []);
    }
  });

  it('exits 1 with findings, 0 without, and prints compiler-style text lines', async () => {
    // The random tiny model explains nothing (no confident fix): every flag is a doubt, listed with --doubts.
    const found = await cli(['check', ...model, '--doubts', '--threshold', '0', 'essay.md', 'notes.txt'], dir);
    assert.equal(found.code, 1, found.stderr);
    const lines = found.stdout.trim().split('\n');
    assert.equal(lines.length, 20 + 3);
    for (const line of lines) assert.match(line, /^(essay\.md|notes\.txt):\d+:\d+ {2}\S+ {2}[01]\.\d\d {2}\(doubt\)$/);
    assert.equal(lines[0].split('  ')[0], 'essay.md:1:3');
    const none = await cli(['check', ...model, '--threshold', '1', 'essay.md'], dir);
    assert.deepEqual([none.code, none.stdout, none.stderr], [0, '', '']);
    // --all lists words but the exit status still follows the threshold.
    const all = await cli(['check', ...model, '--all', '--threshold', '1', '--format', 'json', 'essay.md'], dir);
    assert.equal(all.code, 0);
    assert.equal(JSON.parse(all.stdout).files[0].findings.length, 20);
  });

  it('--suggest fills the suggestions of flagged words, judged at the threshold, and says when there is no confident fix', async () => {
    const r = await cli(['check', ...model, '--format', 'json', '--suggest', '--threshold', '0.3', 'notes.txt'], dir);
    const findings = JSON.parse(r.stdout).files[0].findings;
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(Array.isArray(f.suggestions) && f.suggestions.length <= 5);
      for (const s of f.suggestions) {
        assert.ok(['replace', 'remove', 'insert'].includes(s.kind), s.kind);
        if (s.kind !== 'remove') assert.match(s.text, /^\p{L}+$/u);
        assert.ok(s.score < 0.3);
      }
    }
    const text = await cli(['check', ...model, '--suggest', '--doubts', '--threshold', '0.3', 'notes.txt'], dir);
    for (const line of text.stdout.trim().split('\n')) assert.match(line, /  (-> .+|\(no confident fix\) {2}\(doubt\)|\(repeated\))$/, line);
  });

  it('underlines what it can explain: text output hides doubts without --doubts; JSON and SARIF mark them with --suggest', async () => {
    writeFileSync(path.join(dir, 'repeat.txt'), 'We walked to the the old harbour.\n');
    // Tiny model: every replaced word is a doubt (no confident fix); the repeated word is explained.
    const quiet = await cli(['check', ...model, '--threshold', '0', 'repeat.txt'], dir);
    assert.match(quiet.stdout, /^repeat\.txt:1:18 {2}the {2}[01]\.\d\d {2}\(repeated\)\n$/);
    assert.equal(quiet.code, 1, 'the repeated word is a finding');
    const loud = await cli(['check', ...model, '--threshold', '0', '--doubts', 'repeat.txt'], dir);
    assert.equal(loud.stdout.trim().split('\n').length, 7);
    assert.equal(loud.stdout.split('\n').filter((l) => l.endsWith('(doubt)')).length, 6);
    const json = JSON.parse((await cli(['check', ...model, '--threshold', '0', '--suggest', '--format', 'json', 'repeat.txt'], dir)).stdout);
    const marks = json.files[0].findings.map((f: { kind: string; doubt: boolean }) => [f.kind, f.doubt]);
    assert.equal(marks.filter(([, d]: [string, boolean]) => d).length, 6);
    assert.deepEqual(marks.find(([k]: [string, boolean]) => k === 'repeated-word'), ['repeated-word', false]);
    const sarif = JSON.parse((await cli(['check', ...model, '--threshold', '0', '--suggest', '--format', 'sarif', 'repeat.txt'], dir)).stdout);
    const levels = sarif.runs[0].results.map((r: { level: string; properties: { doubt: boolean } }) => `${r.level}:${r.properties.doubt}`);
    assert.deepEqual([...new Set(levels)].sort(), ['note:true', 'warning:false']);
    // Without --suggest or --doubts, JSON lists every finding unmarked (scoring alone).
    const plain = JSON.parse((await cli(['check', ...model, '--threshold', '0', '--format', 'json', 'repeat.txt'], dir)).stdout);
    assert.ok(plain.files[0].findings.every((f: object) => !('doubt' in f)));
    // With nothing but doubts, nothing is shown and the exit status says so.
    writeFileSync(path.join(dir, 'plain.txt'), 'We walked to the old harbour.\n');
    const none = await cli(['check', ...model, '--threshold', '0', 'plain.txt'], dir);
    assert.deepEqual([none.code, none.stdout], [0, '']);
  });

  it('reads standard input for -', async () => {
    const r = await cli(['check', ...model, '--format', 'json', '--all', '-'], dir, 'Hello from the pipe.');
    const file = JSON.parse(r.stdout).files[0];
    assert.equal(file.path, '-');
    assert.deepEqual(file.findings.map((f: { text: string }) => f.text), ['Hello', 'from', 'the', 'pipe']);
  });

  it('writes SARIF 2.1.0 with rules, regions and char offsets', async () => {
    const r = await cli(['check', ...model, '--format', 'sarif', '--threshold', '0', 'essay.md'], dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'electra-feedback');
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['replaced-word', 'repeated-word', 'confused-word']);
    assert.equal(run.results.length, 20);
    for (const res of run.results) {
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'essay.md');
      const reg = loc.region;
      assert.equal(ESSAY.slice(reg.charOffset, reg.charOffset + reg.charLength), reg.snippet.text);
      assert.equal(reg.endLine, reg.startLine);
      assert.equal(reg.endColumn - reg.startColumn, reg.charLength);
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    }
    const abs = JSON.parse((await cli(['check', ...model, '--format', 'sarif', '--threshold', '0', path.join(dir, 'notes.txt')], '/')).stdout);
    assert.equal(abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(path.join(dir, 'notes.txt')).href);
  });

  it('exits 2 with a one-line reason for usage errors, unreadable inputs and a bad model', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', ...model, '--format', 'xml', 'essay.md'], /--format must be one of text, json, sarif/],
      [['check', ...model, '--threshold', '1.5', 'essay.md'], /--threshold must be a probability/],
      [['check', ...model], /no FILE given/],
      [['check', ...model, '--bogus', 'essay.md'], /Unknown option '--bogus'/],
      [['check', ...model, 'missing.md'], /^missing\.md: no such file$/m],
      [['check', ...model, 'image.png'], /^image\.png: the file is binary, not text$/m],
      [['check', '--model', path.join(dir, 'no-model'), 'essay.md'], /^Cannot load the model: .*no-model: model folder not found/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    // A bad input does not stop the good ones.
    const mixed = await cli(['check', ...model, '--format', 'json', '--all', 'image.png', 'notes.txt'], dir);
    assert.equal(mixed.code, 2);
    assert.deepEqual(JSON.parse(mixed.stdout).files.map((f: { path: string }) => f.path), ['notes.txt']);
  });

  it('prints help for the program and for check', async () => {
    const top = await cli(['--help'], dir);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /check .*\n.*grade/);
    const check = await cli(['check', '--help'], dir);
    assert.equal(check.code, 0);
    assert.match(check.stdout, /Usage: electra-feedback check/);
  });

  it('an explicitly requested provider that cannot run: one line on stderr, the JSON names the provider that ran', async function () {
    if (process.platform === 'win32') this.skip(); // DirectML may run there
    const r = await cli(['check', '--format', 'json', '--model', TINY_MODEL_DIR, '--provider', 'dml', 'notes.txt'], dir);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^provider dml .*; running on cpu$/);
    assert.equal(JSON.parse(r.stdout).model.provider, 'cpu');
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: the file was still checked`);
  });

  it('runs as a process: stdin through a pipe, exit status, --verbose names the provider', () => {
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(REPO_ROOT, 'src/cli/main.ts'), 'check', ...model, '--verbose', '--doubts', '--threshold', '0', '-'], {
      input: 'Pipes work too.', encoding: 'utf8', cwd: REPO_ROOT,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, r.stdout.split('\n').filter(Boolean).map((l) => `${l}\n`).join(''));
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split('  ')[0]), ['-:1:1', '-:1:7', '-:1:12']);
    assert.match(r.stderr, /on cpu/);
  });
});

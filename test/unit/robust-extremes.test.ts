// Extreme inputs through the CLI (check and grade) on the tiny model: empty and
// whitespace-only files, 10 MB files and streams (refused at once with the limit, never
// a hang), invalid UTF-8 and UTF-16, files that disappear mid-batch, unreadable files
// and folders (run as an unprivileged user when the tests run as root, since root reads
// everything), symlink loops; and a grade batch killed mid-way leaves only complete
// feedback files.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runCli } from './helpers/cli-run';
import { MAX_DOCUMENT_SIZE } from '../../src/core/defaults';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';
import { splitCsvRecords } from '../../src/core/csv';

/** The CSV rows of `grade --format csv` that have a grade (a file not graded is a row with its `error`). */
function gradedRows(csv: string): string[][] {
  const [head, ...rows] = splitCsvRecords(csv);
  return rows.filter((row) => row[head.indexOf('error')] === '');
}

const CLI = join(REPO_ROOT, 'test', '.cache', 'extremes', 'cli.js');
const ESSAY = (topic: string) => `An essay about ${topic}. It has a few sentences, and every one of them is short.\n\nA second paragraph ends it.\n`;
const MODEL = ['--model', TINY_MODEL_DIR, '--provider', 'cpu'];

const cli = runCli;

describe('robustness: extreme files and batches (CLI, tiny model)', function () {
  this.timeout(180_000);
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ef-extreme-'));
    chmodSync(root, 0o755);
    await build({
      entryPoints: { cli: join(REPO_ROOT, 'src/cli/main.ts') }, outdir: join(REPO_ROOT, 'test', '.cache', 'extremes'), bundle: true,
      platform: 'node', format: 'cjs', target: 'node18', external: ['vscode', 'onnxruntime-node', 'tokenizers'], logLevel: 'silent',
    });
  });
  after(() => {
    spawnSync('chmod', ['-R', 'u+rwx', root]);
    rmSync(root, { recursive: true, force: true });
  });

  it('check: empty and whitespace-only files have no findings; 10 MB files and streams are refused at once with the limit', async () => {
    writeFileSync(join(root, 'empty.md'), '');
    writeFileSync(join(root, 'blank.txt'), ' \n\r\n\t \u00a0\n');
    writeFileSync(join(root, 'ten.txt'), Buffer.alloc(10_000_000, 'word '));
    writeFileSync(join(root, 'three.txt'), Buffer.alloc(3_000_000, 'a '));
    const quiet = await cli(['check', ...MODEL, '--format', 'json', 'empty.md', 'blank.txt'], root);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.deepEqual(JSON.parse(quiet.stdout).files.map((f: { words: number }) => f.words), [0, 0]);

    const big = await cli(['check', ...MODEL, 'ten.txt', 'three.txt'], root);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /^ten\.txt: the file has 10000000 bytes; the limit is about 1000000 characters\. Split it into smaller files\.$/m);
    assert.match(big.stderr, new RegExp(`^three\\.txt: the file has 3000000 characters; the limit is ${MAX_DOCUMENT_SIZE}\\. Split it`, 'm'));
    assert.ok(big.ms < 20_000, `refused in ${Math.round(big.ms)} ms`);

    const piped = await cli(['check', ...MODEL, '-'], root, { stdin: Buffer.alloc(10_000_000, 'word ') });
    assert.equal(piped.code, 2);
    assert.match(piped.stderr, /^-: standard input has more than 4000000 bytes; the limit is about 1000000 characters/m);
  });

  it('check -: an endless standard input stream is cut off at the limit and refused, not read until memory runs out', async () => {
    const child = spawn(process.execPath, [CLI, 'check', ...MODEL, '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdin.on('error', () => undefined); // EPIPE once the CLI stops reading
    const chunk = Buffer.alloc(1 << 20, 'word ');
    let sent = 0;
    let open = true;
    child.stdin.on('close', () => { open = false; });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => { open = false; r(code); }));
    const pump = (): void => {
      while (open && sent < 2_000_000_000) {
        sent += chunk.length;
        if (!child.stdin.write(chunk)) { child.stdin.once('drain', pump); return; }
      }
    };
    pump();
    assert.equal(await exited, 2, stderr);
    assert.match(stderr, /^-: standard input has more than 4000000 bytes; the limit is about 1000000 characters/m);
    assert.ok(sent < 200_000_000, `stopped reading after ${sent} bytes were offered`);
  });

  it('check: invalid UTF-8, UTF-16 and binary input are skipped with a reason; the other files are checked', async () => {
    writeFileSync(join(root, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'));
    writeFileSync(join(root, 'utf16.txt'), Buffer.from('\ufeffhello', 'utf16le'));
    writeFileSync(join(root, 'blob.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    writeFileSync(join(root, 'good.txt'), ESSAY('rivers'));
    const r = await cli(['check', ...MODEL, '--format', 'json', 'latin1.txt', 'utf16.txt', 'blob.md', 'good.txt'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^latin1\.txt: the file is not valid UTF-8 \(byte 3\); save it as UTF-8$/m);
    assert.match(r.stderr, /^utf16\.txt: the file is UTF-16; save it as UTF-8$/m);
    assert.match(r.stderr, /^blob\.md: the file is binary, not text$/m);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['good.txt']);
  });

  it('check and grade: a file deleted mid-batch is reported and the rest is still done', async () => {
    const dir = join(root, 'vanish');
    mkdirSync(dir);
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.txt`), ESSAY(n));
    // check announces the model before the first file: delete the second one then.
    const c = await cli(['check', ...MODEL, '--verbose', '--format', 'json', '--all', 'a.txt', 'b.txt', 'c.txt'], dir, {
      onStderr: (s) => { if (s.startsWith('model ')) unlinkSync(join(dir, 'b.txt')); },
    });
    assert.equal(c.code, 2);
    assert.match(c.stderr, /^b\.txt: no such file$/m);
    assert.deepEqual(JSON.parse(c.stdout).files.map((f: { path: string }) => f.path), ['a.txt', 'c.txt']);

    // grade reads one file ahead: when the first is reported, the third is not open yet.
    writeFileSync(join(dir, 'b.txt'), ESSAY('b'));
    const g = await cli(['grade', ...MODEL, '--format', 'csv', dir], root, {
      onStderr: (s) => { if (s.startsWith('[1/3]')) unlinkSync(join(dir, 'c.txt')); },
    });
    assert.equal(g.code, 1, g.stderr);
    assert.match(g.stderr, /^\[3\/3\] .*c\.txt: skipped: cannot read: ENOENT$/m);
    assert.equal(gradedRows(g.stdout).length, 2, 'two graded rows (the vanished file is a row with its error)');
  });

  it('grade: symlink loops (folder and file) are skipped, each file graded once', async () => {
    const dir = join(root, 'loops');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), ESSAY('a'));
    writeFileSync(join(dir, 'sub', 'b.md'), ESSAY('b'));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    symlinkSync(join(dir, 'self.txt'), join(dir, 'self.txt'));
    const r = await cli(['grade', ...MODEL, '--format', 'csv', dir], root);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(gradedRows(r.stdout).map((row) => row[0].split('/').slice(-2).join('/')), ['loops/a.txt', 'sub/b.md']);
    assert.match(r.stderr, /self\.txt: broken symbolic link/);
  });

  it('grade: unreadable files and folders are skipped with a reason; the readable ones are graded', function () {
    const dir = join(root, 'locked');
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'open.txt'), ESSAY('open'));
    writeFileSync(join(dir, 'secret.txt'), ESSAY('secret'));
    writeFileSync(join(dir, 'private', 'hidden.md'), ESSAY('hidden'));
    chmodSync(join(dir, 'secret.txt'), 0o000);
    chmodSync(join(dir, 'private'), 0o000);
    // Root reads anything: as root, run the CLI as the unprivileged user "nobody" (65534).
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [CLI, 'grade', ...MODEL, '--format', 'csv', dir], { cwd: root, encoding: 'utf8', ...asUser });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(gradedRows(r.stdout).map((row) => row[0].split('/').pop()), ['open.txt']);
    assert.match(r.stderr, /secret\.txt: skipped: cannot read: EACCES/);
    assert.match(r.stderr, /private: cannot read the folder \(EACCES\)/);
  });

  it('grade --out: feedback for odd, long and traversal-like file names lands flat inside --out, one file each', async () => {
    const dir = join(root, 'odd');
    const names = ['a\nb.txt', '..hidden.md', '-rf.txt', 'ümlaut é.md', `${'x'.repeat(240)}.txt`, ' spaced .txt', 'Same.txt', 'same.TXT', '%2e%2e%2fetc.txt', 'con.txt'];
    mkdirSync(join(dir, 'deep'), { recursive: true });
    for (const n of names) writeFileSync(join(dir, n), ESSAY(n));
    writeFileSync(join(dir, 'deep', 'inner.md'), ESSAY('inner'));
    const out = join(root, 'odd-feedback');
    const r = await cli(['grade', ...MODEL, '--format', 'csv', '--out', out, dir], root);
    assert.equal(r.code, 0, r.stderr);
    // The students' copies (the teachers' reports mirror them in teacher/; the resumable run's state is hidden).
    const files = readdirSync(out).filter((f) => f !== 'teacher' && !f.startsWith('.'));
    assert.equal(files.length, names.length + 1, files.join('\n'));
    assert.deepEqual(readdirSync(join(out, 'teacher')).sort(), [...files].sort());
    for (const f of files) {
      assert.match(f, /^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/, f);
      assert.ok(Buffer.byteLength(f) < 255, `${f.length}-character name`);
    }
    assert.deepEqual(readdirSync(dir).sort(), [...names, 'deep'].sort(), 'nothing written among the submissions');
  });

  it('grade: a batch killed mid-way leaves only complete feedback files', async () => {
    const dir = join(root, 'batch');
    mkdirSync(dir);
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `s${i}.md`), `# Essay ${i}\n\n${ESSAY(`topic ${i}`).repeat(20)}`);
    const complete = join(root, 'fb-complete');
    const full = spawnSync(process.execPath, [CLI, 'grade', ...MODEL, '--out', complete, dir], { cwd: root, encoding: 'utf8' });
    assert.equal(full.status, 0, full.stderr);

    const killed = join(root, 'fb-killed');
    const child = spawn(process.execPath, [CLI, 'grade', ...MODEL, '--out', killed, dir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      if (/\[3\/6\]/.test(err)) child.kill('SIGKILL');
    });
    const signal = await new Promise((r) => child.on('exit', (_, s) => r(s)));
    assert.equal(signal, 'SIGKILL', err);
    const reports = readdirSync(killed).filter((f) => f.endsWith('.md'));
    assert.ok(reports.length >= 2 && reports.length < 6, `${reports.length} reports before the kill`);
    for (const f of reports) assert.equal(readFileSync(join(killed, f), 'utf8'), readFileSync(join(complete, f), 'utf8'), `${f} is complete`);
    for (const f of readdirSync(join(killed, 'teacher')).filter((n) => !n.endsWith('.tmp'))) {
      assert.equal(readFileSync(join(killed, 'teacher', f), 'utf8'), readFileSync(join(complete, 'teacher', f), 'utf8'), `teacher/${f} is complete`);
    }
  });
});

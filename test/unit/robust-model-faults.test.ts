// Broken model folders, each made from a copy of the tiny model: missing, truncated,
// corrupt (random bytes, with and without a manifest that matches them), wrong
// architecture (the generator's masked LM where the discriminator belongs), mismatched
// vocabularies, broken tokenizer/config/manifest. Each gives ONE clear error naming the
// file and saying what to do: `check` and `grade` exit 2 without a stack trace, and the
// inference worker answers a structured ModelError (file, hint) without crashing.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runGrade } from '../../src/cli/grade';
import { runCli } from './helpers/cli-run';
import { WorkerClient, WorkerRequestError } from '../../src/extension/worker-client';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

const WORKER = join(REPO_ROOT, 'test', '.cache', 'faults', 'worker.js');

/** Rewrites manifest.json to match the files as they are now (a consistent but broken export). */
function remanifest(dir: string): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.files = m.files.filter((f: { path: string }) => {
    try {
      return statSync(join(dir, f.path)).isFile();
    } catch {
      return false;
    }
  });
  for (const f of m.files) {
    const b = readFileSync(join(dir, f.path));
    f.size = b.length;
    f.sha256 = createHash('sha256').update(b).digest('hex');
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
}

const edit = (file: string, f: (s: string) => string) => (d: string) => writeFileSync(join(d, file), f(readFileSync(join(d, file), 'utf8')));
const vocab32000 = edit('config.json', (s) => JSON.stringify({ ...JSON.parse(s), vocab_size: 32000 }));

/** name, how to break a copy of the model, the file the error must name (relative), what it must say. */
const FAULTS: Array<[string, (dir: string) => void, string, RegExp]> = [
  ['no model folder', (d) => rmSync(d, { recursive: true }), '', /model folder not found/],
  ['discriminator missing', (d) => rmSync(join(d, 'onnx/model.onnx')), 'onnx/model.onnx', /listed in manifest\.json but missing/],
  ['discriminator truncated', (d) => writeFileSync(join(d, 'onnx/model.onnx'), readFileSync(join(d, 'onnx/model.onnx')).subarray(0, 100_000)), 'onnx/model.onnx', /truncated or altered/],
  ['discriminator overwritten with random bytes (same size)', (d) => writeFileSync(join(d, 'onnx/model.onnx'), randomBytes(statSync(join(d, 'onnx/model.onnx')).size)), 'onnx/model.onnx', /sha256 .* does not match manifest\.json/],
  ['random bytes with a matching manifest', (d) => { writeFileSync(join(d, 'onnx/model.onnx'), randomBytes(65_536)); remanifest(d); }, 'onnx/model.onnx', /onnxruntime cannot load it/],
  ['empty ONNX file with a matching manifest', (d) => { writeFileSync(join(d, 'onnx/model.onnx'), ''); remanifest(d); }, 'onnx/model.onnx', /onnxruntime cannot load it/],
  ['masked LM exported as the discriminator', (d) => { cpSync(join(d, 'generator/onnx/model.onnx'), join(d, 'onnx/model.onnx')); remanifest(d); }, 'onnx/model.onnx', /looks like an ElectraForMaskedLM/],
  ['tokenizer vocabulary differs from config.json', (d) => { rmSync(join(d, 'generator'), { recursive: true }); vocab32000(d); remanifest(d); }, 'tokenizer.json', /the tokenizer has 30522 tokens but config\.json says vocab_size 32000/],
  ['generator vocabulary differs from the discriminator', (d) => { vocab32000(d); remanifest(d); }, 'generator/config.json', /vocab_size 30522 differs from the discriminator's 32000/],
  ['tokenizer.json is random bytes', (d) => { writeFileSync(join(d, 'tokenizer.json'), randomBytes(4096)); remanifest(d); }, 'tokenizer.json', /cannot be loaded/],
  ['tokenizer.json cut short', (d) => { writeFileSync(join(d, 'tokenizer.json'), readFileSync(join(d, 'tokenizer.json')).subarray(0, 5000)); remanifest(d); }, 'tokenizer.json', /cannot be loaded/],
  ['config.json is not JSON', (d) => { writeFileSync(join(d, 'config.json'), '{"vocab_size": 30522,'); remanifest(d); }, 'config.json', /not valid JSON/],
  ['manifest.json missing', (d) => rmSync(join(d, 'manifest.json')), 'manifest.json', /missing, so the model files cannot be verified/],
  ['manifest.json is garbage', (d) => writeFileSync(join(d, 'manifest.json'), randomBytes(300)), 'manifest.json', /not valid JSON/],
];

const cli = (argv: string[], cwd: string) => runCli(argv, cwd);

describe('robustness: broken model folders give one clear error naming the file', function () {
  this.timeout(180_000);
  let root: string;
  const clients: WorkerClient[] = [];
  let injected = 0;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ef-faults-'));
    writeFileSync(join(root, 'essay.txt'), 'A short essay about the sea and the boats.');
    await build({
      entryPoints: [join(REPO_ROOT, 'src/worker/worker.ts')], outfile: WORKER, bundle: true, platform: 'node', format: 'cjs',
      target: 'node18', external: ['vscode', 'onnxruntime-node', 'tokenizers'], logLevel: 'silent',
    });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    rmSync(root, { recursive: true, force: true });
    console.log(`      ${injected} model faults injected, each through check, grade and the worker`);
  });

  FAULTS.forEach(([name, breakIt, file, says], i) => {
    it(`${name}: names ${file || 'the folder'}`, async () => {
      const dir = join(root, `model-${i}`);
      cpSync(TINY_MODEL_DIR, dir, { recursive: true });
      breakIt(dir);
      injected++;
      const expectedFile = file ? join(dir, file) : dir;

      const check = await cli(['check', '--model', dir, '--provider', 'cpu', 'essay.txt'], root);
      assert.equal(check.code, 2);
      assert.equal(check.stderr.trimEnd().split('\n').length, 1, `one line: ${check.stderr}`);
      assert.ok(check.stderr.startsWith(`Cannot load the model: ${expectedFile}: `), check.stderr);
      assert.match(check.stderr, says);

      let gradeErr = '';
      const code = await runGrade(['--model', dir, '--provider', 'cpu', join(root, 'essay.txt')], { stdout: () => undefined, stderr: (s) => { gradeErr += s; }, cwd: root, readStdin: async () => new Uint8Array(), stderrIsTTY: false });
      assert.equal(code, 2);
      assert.ok(gradeErr.includes(`Cannot load the model: ${expectedFile}: `), gradeErr);
      for (const out of [check.stderr, gradeErr]) assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');

      const client = new WorkerClient({ modulePath: WORKER, init: { modelDir: dir, provider: 'cpu' }, log: () => undefined });
      clients.push(client);
      await assert.rejects(client.request('score', { source: 'A sentence to check.', format: 'plaintext' }, 60_000), (e: Error) => {
        assert.ok(e instanceof WorkerRequestError, String(e));
        assert.equal(e.remoteName, 'ModelError');
        assert.equal(e.file, expectedFile);
        assert.ok((e.hint ?? '').length > 10, 'an actionable hint');
        assert.match(e.message, says);
        return true;
      });
      assert.equal(client.spawnCount, 1, 'the worker did not crash');
      assert.equal(client.running, true);
    });
  });
});

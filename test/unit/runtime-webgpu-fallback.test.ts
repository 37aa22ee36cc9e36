// WebGPU asked for explicitly on a machine where it cannot start (here: no Vulkan loader
// or no GPU device): the session falls back to CPU with one log line, scores, and the
// process exits on its own. In a child process: should onnxruntime ever be asked and fail
// natively, the threads it leaves behind keep a process alive, and the test must fail, not hang.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, TINY_MODEL_DIR } from './helpers/tiny-model';

describe('runtime: webgpu fallback', () => {
  let child: ChildProcess | undefined;
  after(() => child?.kill('SIGKILL')); // runs even after a timeout

  it('falls back from webgpu to cpu with one log line, still scores, and exits', async function () {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers', 'open-provider.ts'), path.join(TINY_MODEL_DIR, 'onnx', 'model.onnx'), 'webgpu'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { provider: string; lines: string[]; dims: number[] };
    if (result.provider === 'webgpu') this.skip(); // a machine where WebGPU works
    assert.equal(result.provider, 'cpu');
    assert.equal(result.lines.length, 1, result.lines.join('\n'));
    assert.match(result.lines[0], /^provider webgpu .*; running on cpu$/);
    assert.deepEqual(result.dims, [1, 3]);
  });
});

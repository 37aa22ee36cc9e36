/**
 * Child-process helper for provider tests: opens `argv[2]` (an ONNX file) on provider
 * `argv[3]`, runs one batch, prints one JSON line `{provider, lines, dims}` to stdout and
 * ends by itself (no explicit exit: the test checks that nothing keeps the process alive).
 */
import { NetworkSession } from '../../../src/core/runtime';
import type { ProviderName } from '../../../src/core/types';

void (async () => {
  const lines: string[] = [];
  const s = await NetworkSession.open(process.argv[2], process.argv[3] as ProviderName, (l) => lines.push(l));
  const out = await s.run({ ids: BigInt64Array.from([101n, 7592n, 102n]), mask: BigInt64Array.from([1n, 1n, 1n]), rows: 1, seq: 3 });
  const provider = s.provider;
  await s.release();
  process.stdout.write(`${JSON.stringify({ provider, lines, dims: out.dims })}\n`);
})().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});

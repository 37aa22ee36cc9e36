/**
 * The inference worker: a child process forked by the extension host
 * (`src/extension/worker-client.ts`). It owns one `Checker` (created on the first request
 * that needs it, from the `init` params) and answers the JSON requests of
 * `./protocol.ts` one at a time, in arrival order. A native crash here ends only this
 * process; the client restarts it.
 */
import { Checker } from '../core/checker';
import type { InitParams, Method, Methods, Request, Response, WireError, WorkerMessage } from './protocol';

let init: InitParams | undefined;
let checker: Promise<Checker> | undefined;

function post(m: WorkerMessage): void {
  process.send?.(m);
}

/** The checker, loaded once; a failed load is kept (the host restarts us after a fix). */
function getChecker(): Promise<Checker> {
  if (!init) return Promise.reject(new Error('The worker received a request before "init".'));
  checker ??= Checker.create({
    modelDir: init.modelDir,
    provider: init.provider,
    log: (line) => post({ event: 'log', line }),
  });
  return checker;
}

type Handlers = { [M in Method]: (p: Methods[M]['params']) => Promise<Methods[M]['result']> };

const handlers: Handlers = {
  init: async (p) => {
    init = p;
    return null;
  },
  info: async () => (await getChecker()).info,
  // One batched pass over every paragraph's windows: a first check of a long document
  // runs a few full batches instead of one session run per paragraph.
  scoreBlocks: async ({ texts }) => (await getChecker()).scoreMany(texts.map((source) => ({ source, format: 'plaintext' as const }))),
  score: async ({ source, format }) => (await getChecker()).score(source, format),
  suggest: async ({ source, format, start, end, max, threshold }) => (await getChecker()).suggest(source, format, { start, end }, max, { threshold }),
  dispose: async () => {
    if (checker) await (await checker.catch(() => undefined))?.dispose();
    checker = undefined;
    return null;
  },
};

function toWire(e: unknown): WireError {
  if (e instanceof Error) {
    const { file, hint } = e as Error & { file?: unknown; hint?: unknown };
    return {
      name: e.name,
      message: e.message,
      ...(typeof file === 'string' ? { file } : {}),
      ...(typeof hint === 'string' ? { hint } : {}),
    };
  }
  return { name: 'Error', message: String(e) };
}

let queue: Promise<void> = Promise.resolve();
/** The provider the host was last told of (by `info` or an `info` event). */
let reportedProvider: string | undefined;

/** Tells the host when the provider changed under a request (a mid-run fallback to the CPU). */
async function reportProviderChange(method: Method): Promise<void> {
  const c = await checker?.catch(() => undefined);
  if (!c) return;
  const info = c.info;
  if (method !== 'info' && reportedProvider !== undefined && info.provider !== reportedProvider) post({ event: 'info', info });
  reportedProvider = info.provider;
}

process.on('message', (req: Request) => {
  queue = queue.then(async () => {
    let res: Response;
    try {
      const handler = handlers[req.method] as (p: unknown) => Promise<unknown>;
      if (!handler) throw new Error(`Unknown worker method: ${String(req.method)}`);
      res = { id: req.id, result: await handler(req.params) };
    } catch (e) {
      res = { id: req.id, error: toWire(e) };
    }
    if (req.method !== 'init') post(res);
    if (req.method !== 'init' && req.method !== 'dispose') await reportProviderChange(req.method);
    if (req.method === 'dispose') process.exit(0);
  });
});

// The host went away (closed or crashed): nothing is left to serve.
process.on('disconnect', () => process.exit(0));

/**
 * The one door to onnxruntime-node: creating sessions on an execution provider (with
 * a single, logged fallback to CPU), building feeds from the session's own input
 * names, running int64 batches and returning float32 logits.
 */
import * as ort from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelError } from './errors';
import type { ProviderName } from './types';

export type ConcreteProvider = Exclude<ProviderName, 'auto'>;

/** A padded batch, row-major `[rows, seq]`: token ids and 1/0 attention mask. */
export interface BatchInput {
  ids: BigInt64Array;
  mask: BigInt64Array;
  rows: number;
  seq: number;
}

/** Output `logits` of a run: row-major data and its dims (`[rows, seq]` or `[rows, seq, vocab]`). */
export interface Logits {
  data: Float32Array;
  dims: readonly number[];
}

/** The onnxruntime-node version this build runs on (for reports). */
export function runtimeVersion(): string {
  return ort.env.versions?.node ?? ort.env.versions?.common ?? 'unknown';
}

/** The GPU provider `auto` tries first on this platform, if onnxruntime-node ships it.
 * WebGPU is never tried implicitly: a failed WebGPU adapter request leaves native
 * threads behind that keep the process alive. */
function platformGpuProvider(): ConcreteProvider | undefined {
  const wanted: ConcreteProvider | undefined =
    process.platform === 'win32' ? 'dml' : process.platform === 'darwin' ? 'coreml' : process.platform === 'linux' ? 'cuda' : undefined;
  return wanted && isListed(wanted) ? wanted : undefined;
}

function isListed(p: ConcreteProvider): boolean {
  if (p === 'cpu') return true;
  return ort.listSupportedBackends().some((b) => b.name === p);
}

/** Session settings a caller may override (benchmarks measure them); defaults are the measured best. */
export interface SessionTuning {
  /** Intra-op threads (default: every available core). */
  threads?: number;
  graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /** onnxruntime's CPU memory arena (default on). */
  cpuMemArena?: boolean;
  /** Memory-pattern planning (default on; it pays off only for repeated shapes). */
  memPattern?: boolean;
  /**
   * Whether idle intra-op threads spin-wait for work (default off: an editor shares the
   * cores with other processes, and spinning threads waiting for a descheduled partner
   * made scoring 1.5–2× slower in BENCHMARKS.md table 5b and its probes).
   */
  spinning?: boolean;
  /**
   * How a session is created on one provider (default `createOrtSession`: onnxruntime-node
   * itself). Fault-injection tests wrap it to make a provider fail at start or mid-run.
   */
  create?: SessionFactory;
}

/** What a `NetworkSession` uses of an onnxruntime session. */
export type OrtSession = Pick<ort.InferenceSession, 'inputNames' | 'outputNames' | 'outputMetadata' | 'run' | 'release'>;
export type OrtSessionOptions = ort.InferenceSession.SessionOptions;
/** Creates a session for the ONNX `file` on `provider`; rejects when the provider cannot start. */
export type SessionFactory = (file: string, provider: ConcreteProvider, options: OrtSessionOptions) => Promise<OrtSession>;

/** A provider this process cannot start, known before asking onnxruntime; `message` completes "provider X …". */
class ProviderUnavailable extends Error {}

/** The default `SessionFactory`: onnxruntime-node, after the checks that keep a doomed provider from being asked. */
export async function createOrtSession(file: string, provider: ConcreteProvider, options: OrtSessionOptions): Promise<OrtSession> {
  if (!isListed(provider)) throw new ProviderUnavailable(`is not available in this build of onnxruntime-node on ${process.platform}`);
  const blocker = provider === 'webgpu' ? webgpuBlocker() : provider === 'cuda' ? cudaBlocker() : undefined;
  if (blocker) throw new ProviderUnavailable(`cannot start: ${blocker}`);
  return ort.InferenceSession.create(file, options);
}

function sessionOptions(provider: ConcreteProvider, tuning: SessionTuning = {}): OrtSessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: tuning.graphOptimization ?? 'all',
    executionMode: 'sequential',
    intraOpNumThreads: Math.max(1, tuning.threads ?? os.availableParallelism()),
    enableCpuMemArena: tuning.cpuMemArena ?? true,
    enableMemPattern: tuning.memPattern ?? true,
    // disable_quant_qdq: int8-stored weights (DequantizeLinear of initializers, models/training/compress.py) are
    // folded to fp32 once at load instead of being dequantized on every run (2.6x slower on a short paragraph).
    extra: {
      'session.disable_quant_qdq': '1',
      ...(tuning.spinning === true ? {} : { 'session.intra_op.allow_spinning': '0', 'session.inter_op.allow_spinning': '0' }),
    },
    // Provider load failures are reported by us, once, through `log`.
    logSeverityLevel: 4,
  };
}

/**
 * Why WebGPU cannot start on this Linux machine, found without asking onnxruntime: there a
 * failed adapter request leaves native threads behind that keep the process from exiting,
 * even through `process.exit`. Dawn needs the Vulkan loader and a GPU device node.
 */
function webgpuBlocker(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const libDirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib64', '/usr/local/lib'];
  if (!libDirs.some((d) => existsSync(path.join(d, 'libvulkan.so.1')))) return 'no Vulkan loader (libvulkan.so.1) on this machine';
  if (!existsSync('/dev/dri') && !existsSync('/dev/nvidia0')) return 'no GPU device (/dev/dri, /dev/nvidia0)';
  return undefined;
}

/**
 * Why CUDA cannot start here, found without asking onnxruntime (a failed attempt costs
 * ~2 s at every worker start, measured in the editor's cold start): its provider library
 * is downloaded by onnxruntime-node's installer next to the native binding, and is not
 * there after an install without internet (`ONNXRUNTIME_NODE_INSTALL=skip`).
 */
function cudaBlocker(): string | undefined {
  const file = process.platform === 'linux' ? 'libonnxruntime_providers_cuda.so' : process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : undefined;
  if (!file) return undefined;
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
  if (!existsSync(dir)) return undefined; // a layout we do not know: let onnxruntime try
  if (existsSync(path.join(dir, file))) return undefined;
  return `its library ${file} is not installed (onnxruntime-node downloads it at install time when it can reach the internet)`;
}

/**
 * Providers that failed in this process, per session factory: not tried again (the first
 * failure was logged). Keyed by factory so that a test's fault-injecting factory has its own memory.
 */
const failedByFactory = new WeakMap<SessionFactory, Set<ConcreteProvider>>();
function failedProviders(tuning: SessionTuning): Set<ConcreteProvider> {
  const factory = factoryOf(tuning);
  let set = failedByFactory.get(factory);
  if (!set) failedByFactory.set(factory, (set = new Set()));
  return set;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function factoryOf(tuning: SessionTuning): SessionFactory {
  return tuning.create ?? createOrtSession;
}

/** A CPU session for `file`; a file onnxruntime cannot load (corrupt, truncated, not ONNX)
 * is a ModelError naming it, not a bare runtime error. */
async function createCpuSession(file: string, tuning: SessionTuning): Promise<OrtSession> {
  try {
    return await factoryOf(tuning)(file, 'cpu', sessionOptions('cpu', tuning));
  } catch (e) {
    throw new ModelError(file, `onnxruntime cannot load it (${firstLine(e)})`,
      'The file is not a valid ONNX model (corrupt, truncated or not ONNX): re-export the model folder or download it again');
  }
}

/** One loaded network on one provider. */
export class NetworkSession {
  /** The switch to the CPU after a GPU provider failed mid-run (at most one per session). */
  private fallback?: Promise<void>;

  private constructor(
    private session: OrtSession,
    private current: ConcreteProvider,
    private readonly file: string,
    private readonly log: (line: string) => void,
    private readonly tuning: SessionTuning,
  ) {}

  /**
   * Creates a session for `file` on `requested` (auto = the platform's GPU provider);
   * when that provider cannot be created, falls back to CPU once and logs why.
   */
  static async open(file: string, requested: ProviderName, log: (line: string) => void, tuning: SessionTuning = {}): Promise<NetworkSession> {
    // onnxruntime prints provider load failures natively; we report them ourselves, in one line.
    ort.env.logLevel = 'fatal';
    const first: ConcreteProvider = requested === 'auto' ? platformGpuProvider() ?? 'cpu' : requested;
    if (first !== 'cpu' && failedProviders(tuning).has(first)) {
      log(`provider ${first} failed earlier in this process; running on cpu`);
    } else if (first !== 'cpu') {
      try {
        return new NetworkSession(await factoryOf(tuning)(file, first, sessionOptions(first, tuning)), first, file, log, tuning);
      } catch (e) {
        failedProviders(tuning).add(first);
        log(e instanceof ProviderUnavailable ? `provider ${first} ${e.message}; running on cpu` : `provider ${first} failed to start (${firstLine(e)}); running on cpu`);
      }
    }
    return new NetworkSession(await createCpuSession(file, tuning), 'cpu', file, log, tuning);
  }

  /** The provider that runs this session now. */
  get provider(): ConcreteProvider {
    return this.current;
  }

  /** Declared dims of output `logits` (symbolic sizes as strings), or undefined if not declared. */
  get declaredLogitsDims(): ReadonlyArray<number | string> | undefined {
    const i = this.session.outputNames.indexOf('logits');
    const meta = this.session.outputMetadata[i < 0 ? 0 : i];
    return meta && meta.isTensor ? meta.shape : undefined;
  }

  /**
   * Runs one padded batch. A GPU provider that fails during a run (device lost, out of
   * memory, an unsupported operator met late) is dropped for the rest of the process: the
   * session is recreated on the CPU, once, and the same batch runs there, so the caller
   * still gets its result. A CPU failure is the caller's.
   */
  async run(batch: BatchInput): Promise<Logits> {
    const provider = this.current;
    try {
      return await this.runOn(this.session, batch);
    } catch (e) {
      if (provider === 'cpu') throw e;
      // Runs in flight together fail together: one fallback, then each re-runs its batch.
      this.fallback ??= this.fallBackToCpu(provider, e);
      await this.fallback;
      return this.runOn(this.session, batch);
    }
  }

  private async fallBackToCpu(failed: ConcreteProvider, error: unknown): Promise<void> {
    failedProviders(this.tuning).add(failed);
    this.log(`provider ${failed} failed during a run (${firstLine(error)}); running on cpu`);
    const old = this.session;
    this.session = await createCpuSession(this.file, this.tuning);
    this.current = 'cpu';
    await old.release().catch(() => undefined);
  }

  private async runOn(session: OrtSession, b: BatchInput): Promise<Logits> {
    const dims = [b.rows, b.seq];
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', b.ids, dims);
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', b.mask, dims);
      else if (name === 'token_type_ids') feeds[name] = new ort.Tensor('int64', new BigInt64Array(b.ids.length), dims);
      else throw new Error(`${this.file}: unexpected model input '${name}' (expected input_ids, attention_mask, token_type_ids)`);
    }
    const results = await session.run(feeds);
    const out = results.logits ?? results[session.outputNames[0]];
    if (!out || out.type !== 'float32') throw new Error(`${this.file}: the model has no float32 'logits' output`);
    return { data: out.data as Float32Array, dims: out.dims };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/**
 * The JSON message protocol between the extension host and the inference worker
 * (`dist/worker.js`, a `child_process.fork` child). One request, one response, matched
 * by `id`; the worker may also send `log` events at any time. Offsets in params and
 * results follow `src/core/types.ts` (UTF-16 units of the text sent).
 */
import type { DocumentFormat, ModelInfo, ProviderName, ScoredText, Suggestion } from '../core/types';

/** Sent once, right after the worker starts, before any other request. */
export interface InitParams {
  /** Absolute path of the model folder. */
  modelDir: string;
  provider: ProviderName;
}

/** Every method: its params and its result. */
export interface Methods {
  init: { params: InitParams; result: null };
  /** Loads the model if needed and describes it. */
  info: { params: Record<string, never>; result: ModelInfo };
  /** Scores independent texts (paragraphs' prose) as plain text, one result per text. */
  scoreBlocks: { params: { texts: string[] }; result: ScoredText[] };
  /** Scores a whole document. */
  score: { params: { source: string; format: DocumentFormat }; result: ScoredText };
  /** Fixes for the flagged word at `[start, end)` of `source`, judged at `threshold` (default: the core's). */
  suggest: {
    params: { source: string; format: DocumentFormat; start: number; end: number; max?: number; threshold?: number };
    result: Suggestion[];
  };
  /** Releases the model; the worker exits after answering. */
  dispose: { params: Record<string, never>; result: null };
}
export type Method = keyof Methods;

export interface Request<M extends Method = Method> {
  id: number;
  method: M;
  params: Methods[M]['params'];
}

/** An error as it crosses the process boundary; `file`/`hint` come from the core's ModelError. */
export interface WireError {
  name: string;
  message: string;
  file?: string;
  hint?: string;
}

export type Response =
  | { id: number; result: unknown }
  | { id: number; error: WireError };

/** Unsolicited messages from the worker. */
export interface LogEvent {
  event: 'log';
  line: string;
}

/** The model's description changed after a request (a GPU provider failed mid-run: now on the CPU). */
export interface InfoEvent {
  event: 'info';
  info: ModelInfo;
}

export type WorkerMessage = Response | LogEvent | InfoEvent;

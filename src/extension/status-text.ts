/**
 * The status bar's words for each model state (pure, so unit-tested).
 */
import { PROVIDER_LABELS } from '../core/providers';
import type { ModelInfo } from '../core/types';

export type StatusState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; info: ModelInfo }
  | { kind: 'error'; message: string };

export function providerLabel(p: ModelInfo['provider']): string {
  return PROVIDER_LABELS[p];
}

/**
 * `flags`: number of flags in the active document, undefined when it was not checked.
 */
export function statusText(state: StatusState, flags: number | undefined): { text: string; tooltip: string } {
  const count = flags === undefined ? '' : `: ${flags} ${flags === 1 ? 'flag' : 'flags'}`;
  switch (state.kind) {
    case 'idle':
      return { text: `$(circle-outline) Electra${count}`, tooltip: 'Electra Feedback: the model loads on the first check. Click for model info.' };
    case 'loading':
      return { text: '$(sync~spin) Electra: loading model', tooltip: 'Electra Feedback: loading the model…' };
    case 'ready':
      return {
        text: `$(check) Electra${count} (${providerLabel(state.info.provider)})`,
        tooltip: `Electra Feedback: ${state.info.name} on ${providerLabel(state.info.provider)}. Click for model info.`,
      };
    case 'error':
      return { text: '$(error) Electra: error', tooltip: `Electra Feedback: ${state.message} Click for model info.` };
  }
}

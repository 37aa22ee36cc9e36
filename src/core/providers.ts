/**
 * The execution providers a user can ask for, in one list: the CLI's `--provider`, the
 * `electraFeedback.executionProvider` setting and its quick pick all read it here.
 */

/** Every provider name a user may give, in the order they are offered. `auto` = the
 * platform's GPU provider when it loads, else the CPU. */
export const PROVIDERS = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;

/** Execution providers a user can ask for. */
export type ProviderName = (typeof PROVIDERS)[number];

/** One line per provider: where it runs (the quick pick's description). */
export const PROVIDER_HINTS: Readonly<Record<ProviderName, string>> = {
  auto: 'the platform GPU provider when it loads, else CPU',
  cpu: 'always works',
  cuda: 'NVIDIA GPU (Linux, Windows)',
  dml: 'DirectML (Windows)',
  coreml: 'Core ML (macOS)',
  webgpu: 'WebGPU',
};

/** Whether `value` names a provider of `PROVIDERS` (the one validation every entry point uses). */
export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

/** Display names of the providers that actually run a model (never `auto`). */
export const PROVIDER_LABELS: Readonly<Record<Exclude<ProviderName, 'auto'>, string>> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
  webgpu: 'WebGPU',
};

/**
 * Every `electraFeedback.*` setting in one table: the runtime reads its defaults from
 * here and a unit test checks that `package.json#contributes.configuration` mirrors it
 * exactly (type, default, enum, scope). Add a setting here first, then in package.json.
 */
import { PROVIDERS, type ProviderName } from '../core/providers';

/** Severities a user can choose for flagged words (VS Code's DiagnosticSeverity names). */
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/** When documents are checked: on every (debounced) edit, or only when saved. */
export const CHECK_ON = ['change', 'save'] as const;
export type CheckOn = (typeof CHECK_ON)[number];

/** The settings' runtime shape. */
export interface Settings {
  /** Probability in [0, 1] at or above which a word is flagged. */
  threshold: number;
  /** VS Code language ids that are checked. */
  languages: string[];
  severity: SeverityName;
  executionProvider: ProviderName;
  /** Absolute path of a model folder; empty = the embedded model. Ignored in untrusted workspaces. */
  modelPath: string;
  /** Documents longer than this many UTF-16 code units are not checked. */
  maxDocumentSize: number;
  checkOn: CheckOn;
  /** Quiet time after the last edit before a document is checked, in milliseconds. */
  debounceMs: number;
  /** Show doubts (flags with no fix, `isDoubt`) like underlines: at `severity`, in the hover and Problems. Off: a Hint. */
  showDoubts: boolean;
}

/** One setting as package.json declares it (the subset of JSON schema we use). */
export interface SettingSpec<T> {
  type: 'number' | 'integer' | 'string' | 'array' | 'boolean';
  default: T;
  description: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  items?: { type: 'string' };
  /** VS Code's configuration scope; `window` when absent. */
  scope?: 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';
}

/** The namespace of every setting. */
export const SECTION = 'electraFeedback';

/**
 * The table. `DEFAULT_THRESHOLD` of the core is the measured default; it is repeated
 * here as a literal because package.json must carry a literal too, and the manifest
 * test compares both against `DEFAULT_THRESHOLD`.
 */
export const SETTINGS: { [K in keyof Settings]: SettingSpec<Settings[K]> } = {
  threshold: {
    type: 'number',
    default: 0.24,
    minimum: 0,
    maximum: 1,
    description: 'Probability (0–1) at or above which a word is flagged as out of place. Lower flags more words.',
    scope: 'resource',
  },
  languages: {
    type: 'array',
    items: { type: 'string' },
    default: ['markdown', 'plaintext', 'latex', 'git-commit'],
    description: 'Language ids of the documents that are checked.',
    scope: 'window',
  },
  severity: {
    type: 'string',
    enum: SEVERITIES,
    default: 'information',
    description: 'Severity of the diagnostics for flagged words.',
    scope: 'window',
  },
  executionProvider: {
    type: 'string',
    enum: PROVIDERS,
    default: 'auto',
    description: 'Where the model runs: auto picks the platform GPU provider when it loads, else the CPU.',
    scope: 'machine',
  },
  modelPath: {
    type: 'string',
    default: '',
    description: 'Absolute path of a model folder (config.json, tokenizer.json, onnx/model.onnx). Empty: the embedded model. Ignored in untrusted workspaces.',
    scope: 'machine',
  },
  maxDocumentSize: {
    type: 'integer',
    default: 200000,
    minimum: 1,
    description: 'Documents longer than this many characters are not checked automatically.',
    scope: 'window',
  },
  checkOn: {
    type: 'string',
    enum: CHECK_ON,
    default: 'change',
    description: 'Check documents as you type (change, debounced) or only when saved (save).',
    scope: 'window',
  },
  debounceMs: {
    type: 'integer',
    default: 500,
    minimum: 0,
    description: 'Milliseconds to wait after the last edit before checking a document.',
    scope: 'window',
  },
  showDoubts: {
    type: 'boolean',
    default: false,
    description: 'Also show doubts (words the model flags but cannot explain: no confident fix, not a mix-up or a repeat) at the chosen severity, in the hover and the Problems panel. Off: they are faint hints.',
    scope: 'window',
  },
};

/** Settings a workspace cannot set while untrusted: they choose code and files that run. */
export const RESTRICTED_IN_UNTRUSTED: ReadonlyArray<keyof Settings> = ['modelPath', 'executionProvider'];

/** The defaults as a `Settings` value. */
export function defaultSettings(): Settings {
  const out = {} as Record<string, unknown>;
  for (const [k, spec] of Object.entries(SETTINGS)) out[k] = structuredClone(spec.default);
  return out as unknown as Settings;
}

/**
 * Builds `Settings` from a getter (VS Code's `WorkspaceConfiguration.get`), replacing a
 * value of the wrong type or outside its enum/range with the default, so a typo in
 * settings.json never reaches the model. `trusted = false` drops the restricted
 * settings to their defaults.
 */
export function readSettings(get: (key: string) => unknown, trusted: boolean): Settings {
  const out = defaultSettings() as unknown as Record<string, unknown>;
  for (const [key, spec] of Object.entries(SETTINGS) as Array<[keyof Settings, SettingSpec<unknown>]>) {
    if (!trusted && RESTRICTED_IN_UNTRUSTED.includes(key)) continue;
    const v = get(key);
    if (isValid(v, spec)) out[key] = v;
  }
  return out as unknown as Settings;
}

function isValid(v: unknown, spec: SettingSpec<unknown>): boolean {
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      if (spec.type === 'integer' && !Number.isInteger(v)) return false;
      if (spec.minimum !== undefined && v < spec.minimum) return false;
      if (spec.maximum !== undefined && v > spec.maximum) return false;
      return true;
    case 'string':
      return typeof v === 'string' && (spec.enum === undefined || spec.enum.includes(v));
    case 'array':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** The result of checking files, as every output format receives it. */
import type { Finding, ModelInfo } from '../core/types';

export interface FileReport {
  /** The path as the user gave it (`-` for standard input). */
  path: string;
  /** Number of real words scored. */
  words: number;
  /** Findings (with `--all`: every word). Offsets are UTF-16 units of the file's text. */
  findings: Finding[];
  /** The text the offsets index (for formats that need end positions). */
  source: string;
}

export interface CheckReport {
  model: ModelInfo;
  files: FileReport[];
  /** With `--suggest`: the threshold at and above which words were given suggestions. */
  suggestedAt?: number;
}

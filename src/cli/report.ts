/** The result of checking files, as every output format receives it. */
import type { Finding, ModelInfo } from '../core/types';

export interface FileReport {
  /** The path as the user gave it (`-` for standard input). */
  path: string;
  /** Number of real words scored. */
  words: number;
  /** Findings (with `--all`: every word). Offsets are UTF-16 units of the file's text. */
  findings: Finding[];
  /** The findings (of `findings`) that are only doubts (`isDoubt`: flagged, no fix, not sure enough to underline). */
  doubts: ReadonlySet<Finding>;
  /** The text the offsets index (for formats that need end positions). */
  source: string;
}

export interface CheckReport {
  model: ModelInfo;
  files: FileReport[];
  /** With `--suggest`: the threshold at and above which words were given suggestions. */
  suggestedAt?: number;
  /** `--doubts`: text output lists doubts too (JSON and SARIF always carry them). */
  showDoubts?: boolean;
  /** Whether doubts were told from underlines (`FileReport.doubts`; JSON and SARIF then mark each finding). */
  doubtsKnown?: boolean;
}

/**
 * The command table of the `electra-feedback` CLI. A command is a name, a one-line
 * summary, its usage text and a `run(argv, io)` returning the exit status; add one
 * here (one file per command) and `main.ts` dispatches and lists it.
 */
import { CHECK_USAGE, runCheck } from './check';
import { GRADE_USAGE, runGrade } from './grade';
import type { CliIO } from './io';
import { MODEL_USAGE, runModel } from './model';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: Command[] = [
  { name: 'check', summary: 'flag words that look out of place (text, JSON or SARIF)', usage: CHECK_USAGE, run: runCheck },
  { name: 'grade', summary: 'grade submissions against a rubric, optionally calibrated', usage: GRADE_USAGE, run: runGrade },
  { name: 'model', summary: 'model download: install a published model folder (HTTPS, sha256-verified, resumable)', usage: MODEL_USAGE, run: runModel },
];

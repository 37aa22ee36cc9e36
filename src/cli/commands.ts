/**
 * The command table of the `electra-feedback` CLI. A command is a name, a one-line
 * summary, its usage text and a `run(argv, io)` returning the exit status; add one
 * here (one file per command) and `main.ts` dispatches and lists it.
 */
import { CHECK_USAGE, runCheck } from './check';
import { GRADE_USAGE, runGrade } from './grade';
import type { CliIO } from './io';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: Command[] = [
  { name: 'check', summary: 'flag words that look out of place (text, JSON or SARIF)', usage: CHECK_USAGE, run: runCheck },
  { name: 'grade', summary: 'grade submissions against a rubric, optionally calibrated', usage: GRADE_USAGE, run: runGrade },
];

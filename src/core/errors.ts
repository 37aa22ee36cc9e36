/**
 * A model folder that cannot be used: a file is missing, truncated, altered, or
 * holds the wrong kind of network. The message says what is wrong; `file` names the
 * file (absolute path) and `hint` says what the user can do about it.
 */
export class ModelError extends Error {
  readonly file: string;
  readonly hint: string;

  constructor(file: string, problem: string, hint: string) {
    super(`${file}: ${problem}. ${hint}`);
    this.name = 'ModelError';
    this.file = file;
    this.hint = hint;
  }
}

/** Input a user gave that cannot be checked (unknown format, binary file, too large). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

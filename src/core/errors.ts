/**
 * A model folder that cannot be used: a file is missing, truncated, altered, or
 * holds the wrong kind of network. The message says what is wrong; `file` names the
 * file (absolute path) and `hint` says what the user can do about it.
 */
export class ModelError extends Error {
  readonly file: string;
  readonly hint: string;

  constructor(file: string, problem: string, hint: string) {
    super(`${file}: ${printable(problem)}. ${hint}`);
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

/**
 * `text` as one printable line of at most `max` characters: a corrupt file's bytes quoted by
 * a parser (JSON.parse quotes the text around the error) must not break a one-line message
 * or write control characters to a terminal.
 */
export function printable(text: string, max = 200): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

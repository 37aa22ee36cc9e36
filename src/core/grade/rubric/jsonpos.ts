/**
 * A strict JSON parser that also records where each value sits, so that validation errors can name
 * the line and column of the offending field. Positions are 1-based lines and UTF-16 columns.
 */

export interface Located { line: number; column: number }

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${line}:${column}: ${message}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Parsed value plus the position of every value, keyed by JSON pointer ("" is the root, "/scale/min" a field). */
export interface ParsedJson { value: unknown; positions: Map<string, Located> }

export function parseJsonWithPositions(text: string): ParsedJson {
  const positions = new Map<string, Located>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;

  const here = (): Located => ({ line, column: i - lineStart + 1 });
  const fail = (msg: string): never => { const p = here(); throw new JsonSyntaxError(msg, p.line, p.column); };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') { line++; i++; lineStart = i; } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else break;
    }
  };
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

  const value = (pointer: string): unknown => {
    ws();
    positions.set(pointer, here());
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a field name in double quotes');
        const key = str();
        ws();
        if (text[i] !== ':') fail(`expected ":" after "${key}"`);
        i++;
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate field "${key}"`);
        obj[key] = value(`${pointer}/${escape(key)}`);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail('expected "," or "}" (a trailing comma or a missing comma?)');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value(`${pointer}/${arr.length}`));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) { i += m[0].length; return Number(m[0]); }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    return fail(i >= text.length ? 'unexpected end of file' : `unexpected character "${c}"`);
  };

  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('unterminated string');
      if (text[i] === '\\') { i += 2; continue; }
      if (text[i] === '"') { i++; break; }
      i++;
    }
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('invalid escape in string');
    }
  };

  const root = value('');
  ws();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
  return { value: root, positions };
}

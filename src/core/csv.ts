/**
 * CSV, one rule for reading and writing (RFC 4180 quoting): the CLI's `grade --format csv`,
 * the editor's Grade Folder export and the calibration file all go through here. Every
 * written text field is defused against spreadsheet formulas.
 */

/** One field: a text starting like a formula (= + - @ tab CR) gets a leading `'` so a
 * spreadsheet shows it instead of running it; quoted when it holds `"`, `,` or a line end.
 * Numbers are written as they are (a negative number is not a formula). */
export function csvField(v: string | number | undefined): string {
  let s = v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record (no line end): the fields through `csvField`, comma-separated. Records are
 * written one per line, ended by `\n`. */
export function csvLine(values: ReadonlyArray<string | number | undefined>): string {
  return values.map(csvField).join(',');
}

/** One field as it stands in the text: its value and its raw span (quotes included), `[start, end)` in UTF-16 units. */
export interface CsvFieldSpan { value: string; start: number; end: number }

/**
 * RFC 4180 CSV records with where each field stands in `text` (offsets into `text` as given,
 * a BOM included), so a caller can replace some fields and keep every other byte as it was.
 */
export function csvRecordSpans(text: string): CsvFieldSpan[][] {
  const records: CsvFieldSpan[][] = [];
  let field = '';
  let record: CsvFieldSpan[] = [];
  let quoted = false;
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let start = from;
  const close = (end: number) => { record.push({ value: field, start, end }); field = ''; };
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { close(i); start = i + 1; } else if (c === '\n' || c === '\r') {
      close(i);
      if (c === '\r' && text[i + 1] === '\n') i++;
      records.push(record);
      record = [];
      start = i + 1;
    } else field += c;
  }
  if (field || record.length) { close(text.length); records.push(record); }
  return records;
}

/** RFC 4180 CSV records: quoted fields may hold commas, doubled quotes and newlines. */
export function splitCsvRecords(text: string): string[][] {
  return csvRecordSpans(text).map((r) => r.map((f) => f.value));
}

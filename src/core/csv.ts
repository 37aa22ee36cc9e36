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

/** RFC 4180 CSV records: quoted fields may hold commas, doubled quotes and newlines. */
export function splitCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  return records;
}

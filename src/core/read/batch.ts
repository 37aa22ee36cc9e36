/**
 * Grading many submissions: finding them (recursive, include/exclude globs, symlink loops
 * skipped; a .zip is read in place, as an LMS's "download all submissions" gives it), grouping
 * them by student when an LMS named them (`lms-names.ts`), naming feedback files safely, and
 * keeping outputs away from the submissions. Streaming is the caller's loop: one file is read,
 * scored and graded at a time (`batchReader`).
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isSubmissionPath, readSubmission, readSubmissionBytes, sizeLimitOf, type ReadOptions, type ReadResult } from './index';
import { zipEntries, zipEntryBytes } from './zip';
import { globToRegExp, matchesAny } from './glob';
import { studentSubmissions, type BatchFile, type Student } from '../grade/lms/lms-names';

/** Folders never entered: version control, dependencies and our own settings. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.electra-feedback']);

export interface Submission {
  /** Absolute path (of the zip, for a file inside one). */
  path: string;
  /** The file's name inside the zip at `path`, when it came out of one. */
  entry?: string;
  /** Path shown to the teacher: relative to the input it came from (its name for a file input;
   * `class.zip/name` inside a zip), forward slashes. */
  display: string;
  /** Whose it is, when an LMS named it. */
  student?: Student;
  /** Which of the student's files this is and why, when they handed in several. */
  note?: string;
}

/** A path that cannot be graded, why, and whose it is when known. */
export interface Skipped { path: string; reason: string; student?: Student }

export interface Collected {
  /** In a stable order: inputs in the order given; within a folder or zip by student (LMS names) or display path. */
  submissions: Submission[];
  /** Paths that were given but cannot be graded, with the reason. */
  skipped: Skipped[];
}

/**
 * Finds the submissions under `inputs` (files or folders). Files given explicitly are always
 * included (the reader will say if it cannot read them); files found in folders must have a
 * submission extension, match an include glob (when any) and no exclude glob.
 */
export async function collectSubmissions(
  inputs: readonly string[], opts: { include?: string[]; exclude?: string[]; /** Folder relative inputs are resolved against (default: process.cwd()). */ cwd?: string } = {},
): Promise<Collected> {
  const include = (opts.include ?? []).map(globToRegExp);
  const exclude = (opts.exclude ?? []).map(globToRegExp);
  const submissions: Submission[] = [];
  const skipped: Collected['skipped'] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const abs = resolve(opts.cwd ?? process.cwd(), input);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      skipped.push({ path: input, reason: `not found (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (st.isFile() && extname(abs).toLowerCase() === '.zip') {
      const fromZip = await zipSubmissions(abs, toSlash(input), include, exclude, opts);
      submissions.push(...fromZip.submissions);
      skipped.push(...fromZip.skipped);
      continue;
    }
    if (st.isFile()) {
      const real = await realpath(abs);
      if (!seen.has(real)) { seen.add(real); submissions.push({ path: abs, display: toSlash(input) }); }
      continue;
    }
    if (!st.isDirectory()) { skipped.push({ path: input, reason: 'not a file or folder' }); continue; }
    const found: Array<Submission & { size: number }> = [];
    const visited = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      let real: string;
      let entries: string[];
      try {
        real = await realpath(dir);
        // A symlink back to an ancestor (or any folder already walked) would loop or duplicate.
        if (visited.has(real)) return;
        visited.add(real);
        entries = (await readdir(dir)).sort();
      } catch (e) {
        // An unreadable (or vanished) folder costs its own files, not the whole batch.
        skipped.push({ path: toSlash(join(input, relative(abs, dir))), reason: `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        return;
      }
      for (const name of entries) {
        const p = join(dir, name);
        let s;
        try {
          s = await stat(p);
        } catch {
          const l = await lstat(p).catch(() => undefined);
          if (l?.isSymbolicLink()) skipped.push({ path: toSlash(join(input, relative(abs, p))), reason: 'broken symbolic link' });
          continue;
        }
        const rel = toSlash(relative(abs, p));
        if (s.isDirectory()) {
          if (!SKIP_DIRS.has(name)) await walk(p);
        } else if (s.isFile() && isSubmissionPath(name)
          && (include.length === 0 || matchesAny(rel, include, opts.include!))
          && !(exclude.length && matchesAny(rel, exclude, opts.exclude!))) {
          const realFile = await realpath(p);
          if (seen.has(realFile)) continue;
          seen.add(realFile);
          found.push({ path: p, display: toSlash(join(input, rel)), size: s.size });
        }
      }
    };
    await walk(abs);
    const byDisplay = new Map(found.map((f) => [f.display, f]));
    const grouped = byStudent(found.map((f) => ({ path: f.display, size: f.size })), (display) => ({ path: byDisplay.get(display)!.path, display }));
    submissions.push(...grouped.submissions);
    skipped.push(...grouped.skipped);
  }
  return { submissions, skipped };
}

/**
 * The submissions of `files` (display paths): by student when an LMS named them (each student's
 * main file, with a note when there were several), else every file in display order.
 */
function byStudent(files: readonly BatchFile[], locate: (display: string) => Pick<Submission, 'path' | 'display' | 'entry'>): { submissions: Submission[]; skipped: Skipped[] } {
  const { lms, submissions: grouped } = studentSubmissions(files);
  const submissions: Submission[] = [];
  const skipped: Skipped[] = [];
  if (!lms) grouped.sort((a, b) => (a.main! < b.main! ? -1 : a.main! > b.main! ? 1 : 0));
  for (const g of grouped) {
    if (g.main === undefined) {
      skipped.push({ path: g.others[0] ?? '', reason: g.note ?? 'nothing to grade', ...(g.student ? { student: g.student } : {}) });
      continue;
    }
    submissions.push({ ...locate(g.main), ...(g.student ? { student: g.student } : {}), ...(g.note ? { note: g.note } : {}) });
  }
  return { submissions, skipped };
}

/** The submissions inside the zip `abs` (given as `input`); a zip that cannot be read is one skipped path. */
async function zipSubmissions(abs: string, input: string, include: RegExp[], exclude: RegExp[], opts: { include?: string[]; exclude?: string[] }): Promise<{ submissions: Submission[]; skipped: Skipped[] }> {
  let entries;
  try {
    entries = zipEntries(await readFile(abs));
  } catch (e) {
    return { submissions: [], skipped: [{ path: input, reason: `not a readable zip archive: ${String((e as Error).message ?? e).split('\n')[0]}` }] };
  }
  const kept = entries.filter((e) => (include.length === 0 || matchesAny(e.name, include, opts.include!)) && !(exclude.length && matchesAny(e.name, exclude, opts.exclude!)));
  const files = kept.map((e) => ({ path: `${input}/${e.name}`, size: e.size }));
  const at = input.length + 1;
  const found = byStudent(files, (display) => ({ path: abs, entry: display.slice(at), display }));
  if (found.submissions.length === 0 && found.skipped.length === 0) found.skipped.push({ path: input, reason: 'no submissions in the zip (.txt .md .tex .docx .pdf)' });
  return found;
}

/**
 * The reader of a batch's submissions: a file from disk, or a file inside a zip (the zip read
 * once and kept while its files follow one another). Never throws for a bad file.
 */
export function batchReader(opts: ReadOptions = {}): (sub: Submission) => Promise<ReadResult> {
  let zip: { path: string; bytes: Promise<Uint8Array> } | undefined;
  return async (sub) => {
    if (sub.entry === undefined) return readSubmission(sub.path, opts);
    if (zip?.path !== sub.path) zip = { path: sub.path, bytes: readFile(sub.path) };
    let bytes: Uint8Array;
    try {
      bytes = zipEntryBytes(await zip.bytes, sub.entry, sizeLimitOf(sub.entry, opts));
    } catch (e) {
      return { ok: false, path: sub.display, reason: `cannot read it from the zip: ${String((e as Error).message ?? e).split('\n')[0]}` };
    }
    return readSubmissionBytes(sub.display, bytes, opts);
  };
}

/**
 * Refuses an output folder that is inside (or is) an input folder or the folder of an input file,
 * so feedback never lands among the submissions. Symlinks are resolved on both sides.
 * Returns a reason, or undefined when `outDir` is safe.
 */
export async function outputConflict(outDir: string, inputs: readonly string[]): Promise<string | undefined> {
  const out = await realpathOfNearest(resolve(outDir));
  for (const input of inputs) {
    const abs = resolve(input);
    const st = await stat(abs).catch(() => undefined);
    if (!st) continue;
    const folder = await realpath(st.isDirectory() ? abs : dirname(abs));
    if (out === folder || out.startsWith(folder.endsWith(sep) ? folder : folder + sep)) {
      return `--out ${outDir} is inside ${st.isDirectory() ? 'the input folder' : 'the folder of the input file'} ${input}; choose a folder outside the submissions (feedback must never be written among them)`;
    }
  }
  return undefined;
}

/** realpath of `p`, or of its nearest existing ancestor joined with the rest (for a folder not created yet). */
async function realpathOfNearest(p: string): Promise<string> {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return join(await realpath(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return p;
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

/**
 * A safe file name for the feedback of `display`: folders become `__`, anything but letters,
 * digits, `.`, `-` and `_` becomes `_`, no leading dots (so never `..` or hidden), at most 150
 * characters, unique within `taken` (which it updates; compare case-insensitively for macOS/Windows).
 */
export function feedbackFileName(display: string, taken: Set<string>, ext = '.md'): string {
  const parts = display.split(/[\\/]+/).filter((p) => p && p !== '.' && p !== '..');
  let base = parts.map((p) => p.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_')).join('__').replace(/^[._]+/, '');
  if (!base) base = 'submission';
  base = base.slice(0, 150);
  let name = `${base}${ext}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

function toSlash(p: string): string {
  return isAbsolute(p) ? p.split(sep).join('/') : p.split(sep).join('/').replace(/^\.\//, '');
}

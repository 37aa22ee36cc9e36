/**
 * Grading many submissions: finding them (recursive, include/exclude globs, symlink loops
 * skipped), naming feedback files safely, and keeping outputs away from the submissions.
 * Streaming is the caller's loop: one file is read, scored and graded at a time.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isSubmissionPath } from '../read';
import { globToRegExp, matchesAny } from './glob';

/** Folders never entered: version control, dependencies and our own settings. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.electra-feedback']);

export interface Submission {
  /** Absolute path. */
  path: string;
  /** Path shown to the teacher: relative to the input it came from (its name for a file input), forward slashes. */
  display: string;
}

export interface Collected {
  /** In a stable order: inputs in the order given, files sorted by display path within each. */
  submissions: Submission[];
  /** Paths that were given but cannot be graded, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
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
    if (st.isFile()) {
      const real = await realpath(abs);
      if (!seen.has(real)) { seen.add(real); submissions.push({ path: abs, display: toSlash(input) }); }
      continue;
    }
    if (!st.isDirectory()) { skipped.push({ path: input, reason: 'not a file or folder' }); continue; }
    const found: Submission[] = [];
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
          found.push({ path: p, display: toSlash(join(input, rel)) });
        }
      }
    };
    await walk(abs);
    submissions.push(...found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0)));
  }
  return { submissions, skipped };
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

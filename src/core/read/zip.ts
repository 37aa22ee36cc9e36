/**
 * Reading a zip archive in memory (fflate): the list of its files and the bytes of one, with
 * nothing written to disk. For an LMS's "download all submissions" zip.
 */
import { unzipSync } from 'fflate';

/** One file of an archive. */
export interface ZipEntry {
  /** Its path inside the archive, `/`-separated, without a leading `/` or `./`. */
  name: string;
  /** Uncompressed size in bytes, as the archive declares it. */
  size: number;
}

/** Folders and files an archiver adds that are no one's submission (macOS resource forks, desktop files). */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._)/i;

const clean = (name: string) => name.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');

/** The files of the zip `bytes` (no folders, no archiver junk), in archive order; throws when it is no zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  // The filter sees every entry's header and decompresses none of them.
  unzipSync(bytes, {
    filter: (f) => {
      const name = clean(f.name);
      if (!name.endsWith('/') && !JUNK.test(name)) entries.push({ name, size: f.originalSize });
      return false;
    },
  });
  return entries;
}

/**
 * The bytes of the entry `name` (as `zipEntries` gives it). Throws when it is not in the archive,
 * declares more than `maxBytes` (a zip bomb is refused before it is inflated) or is corrupt.
 */
export function zipEntryBytes(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array {
  let declared = -1;
  const out = unzipSync(bytes, {
    filter: (f) => {
      if (clean(f.name) !== name) return false;
      declared = f.originalSize;
      return f.originalSize <= maxBytes;
    },
  });
  if (declared < 0) throw new Error(`"${name}" is not in the archive`);
  if (declared > maxBytes) throw new Error(`"${name}" is ${(declared / 1_000_000).toFixed(1)} MB uncompressed, over the ${(maxBytes / 1_000_000).toFixed(1)} MB limit`);
  const found = Object.entries(out).find(([n]) => clean(n) === name);
  if (!found) throw new Error(`"${name}" could not be read from the archive`);
  return found[1];
}

/** Writing a file so that a reader never sees half of it. */
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

/** Writes `content` (UTF-8, or raw bytes) via a temporary file in the same folder and a rename;
 * `mode` (permission bits) is given to the new file when set. The temporary file goes on any error. */
export async function writeAtomic(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content, typeof content === 'string' ? 'utf8' : undefined);
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Replaces an existing file's bytes `expected` by `content`, atomically, keeping its permission
 * bits. Refuses, leaving the file as it is, when the file is read-only (no write bit for anyone:
 * checked from the mode, since a rename would replace it anyway and root passes every access
 * test) or when its bytes are no longer `expected` (changed by someone else since it was read).
 */
export async function replaceFileAtomic(path: string, expected: Uint8Array, content: Uint8Array): Promise<void> {
  const st = await stat(path);
  if ((st.mode & 0o222) === 0) throw new Error('the file is read-only; not changed');
  const now = await readFile(path);
  if (!Buffer.from(expected).equals(now)) throw new Error('the file changed while it was checked; not changed');
  await writeAtomic(path, content, st.mode & 0o7777);
}

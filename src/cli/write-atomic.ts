/** Writing a file so that a reader never sees half of it. */
import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `content` (UTF-8) via a temporary file in the same folder and a rename. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

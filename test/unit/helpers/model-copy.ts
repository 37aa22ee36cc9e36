/** Copies of a model folder for tests that alter one (config fields, damaged files), kept verifiable. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Rewrites manifest.json for the folder as it now is (a consistent, verifiable folder). */
export function rewriteManifest(dir: string): void {
  const files: Array<{ path: string; sha256: string; size: number }> = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else if (r !== 'manifest.json') {
        const bytes = readFileSync(path.join(dir, r));
        files.push({ path: r, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      }
    }
  };
  walk('');
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 1, files }));
}

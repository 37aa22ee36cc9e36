/**
 * Explicit model downloads (`electra-feedback model download`): a model folder published
 * as `manifest.json` (`{"format":1,"files":[{"path","sha256","size"}]}`, the layout of
 * `model-folder.ts`) plus its files, fetched relative to the manifest's URL.
 *
 * Trust: the caller pins the sha256 of manifest.json; every file must then match the
 * manifest's size and sha256 before it is used. HTTPS only (plain http only to
 * 127.0.0.1/localhost/::1, and only with `allowInsecureLocalhost`, for tests and local
 * mirrors), redirects included.
 *
 * Atomicity and resumption: files are fetched into `<out>.partial/` as `<file>.part`
 * (continued with an HTTP Range request after an interruption), renamed to `<file>` once
 * verified, and the whole folder is renamed to `<out>` only when every file is there:
 * `<out>` never exists half-written. Nothing here runs unless a user asks for a download;
 * checking and grading never touch the network.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { printable } from './errors';

/** A download that failed; `file` is the manifest path of the file concerned, when one is. */
export class DownloadError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadProgress {
  /** Manifest path of the file being fetched. */
  file: string;
  /** Bytes present so far over all files (resumed bytes included), and their total. */
  bytes: number;
  total: number;
}

export interface DownloadOptions {
  /** URL of manifest.json, or of the folder holding it (ending in '/'). */
  url: string;
  /** Expected sha256 (hex) of manifest.json itself. */
  sha256: string;
  /** Folder to create; must not exist yet (or be empty). */
  out: string;
  onProgress?: (p: DownloadProgress) => void;
  /** Accept plain http:// to a loopback host (tests, local mirrors). Never other hosts. */
  allowInsecureLocalhost?: boolean;
  /** Abort a request idle for this long (default 30 s). */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  dir: string;
  files: number;
  /** Bytes of all files; `fetched` of them came over the network in this run. */
  bytes: number;
  fetched: number;
}

interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_MANIFEST_BYTES = 1_000_000;
const MAX_REDIRECTS = 5;
/** A path segment of a model file: no traversal, no hidden or odd names. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Downloads and verifies the model folder of `opts.url` into `opts.out`. */
export async function downloadModel(opts: DownloadOptions): Promise<DownloadResult> {
  const manifestUrl = new URL(opts.url.endsWith('/') ? `${opts.url}manifest.json` : opts.url);
  checkUrl(manifestUrl, opts);
  const expected = opts.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new DownloadError(`--sha256 must be 64 hexadecimal digits (got "${opts.sha256}")`);
  const out = path.resolve(opts.out);
  const entries = await fs.readdir(out).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (entries && entries.length > 0) throw new DownloadError(`${out} already exists and is not empty; choose a new folder or remove it first`);
  const staging = `${out}.partial`;
  await fs.mkdir(staging, { recursive: true });

  let manifestBytes: Buffer;
  let files: ManifestFile[];
  try {
    manifestBytes = await fetchSmall(manifestUrl, opts);
    const actual = sha256Hex(manifestBytes);
    if (actual !== expected) {
      throw new DownloadError(`manifest.json from ${manifestUrl.href} has sha256 ${actual}, expected ${expected}: wrong URL or an altered model; nothing was installed`, 'manifest.json');
    }
    files = parseManifest(manifestBytes);
  } catch (e) {
    await fs.rmdir(staging).catch(() => undefined); // only if still empty: keeps an earlier run's files
    throw e;
  }
  const total = files.reduce((a, f) => a + f.size, 0);
  let done = 0;
  let fetched = 0;
  for (const f of files) {
    const target = path.join(staging, ...f.path.split('/'));
    if (await hasContent(target, f)) {
      done += f.size;
      opts.onProgress?.({ file: f.path, bytes: done, total });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const base = done;
    fetched += await fetchFile(new URL(f.path.split('/').map(encodeURIComponent).join('/'), manifestUrl), `${target}.part`, f, opts,
      (bytes) => opts.onProgress?.({ file: f.path, bytes: base + bytes, total }));
    await fs.rename(`${target}.part`, target);
    done += f.size;
  }
  await fs.writeFile(path.join(staging, 'manifest.json'), manifestBytes);
  if (entries) await fs.rmdir(out);
  await fs.rename(staging, out);
  return { dir: out, files: files.length, bytes: total, fetched };
}

function checkUrl(url: URL, opts: DownloadOptions): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && opts.allowInsecureLocalhost && LOOPBACK.has(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new DownloadError(`refusing ${url.href}: models are downloaded over HTTPS only (plain http is allowed for a loopback test server only)`);
  }
  throw new DownloadError(`refusing ${url.href}: not an https:// URL`);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest's file list, every path checked to stay inside the folder. */
function parseManifest(bytes: Buffer): ManifestFile[] {
  let m: { format?: unknown; files?: unknown };
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new DownloadError(`manifest.json is not valid JSON (${printable((e as Error).message)})`, 'manifest.json');
  }
  if (m.format !== 1 || !Array.isArray(m.files)) throw new DownloadError('manifest.json: expected {"format": 1, "files": [...]}', 'manifest.json');
  const seen = new Set<string>();
  return (m.files as Array<Record<string, unknown>>).map((f) => {
    const p = f?.path;
    const ok = typeof p === 'string' && p !== 'manifest.json' && p.split('/').every((s) => SAFE_SEGMENT.test(s))
      && typeof f.sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(f.sha256)
      && typeof f.size === 'number' && Number.isSafeInteger(f.size) && f.size >= 0 && !seen.has(p.toLowerCase());
    if (!ok) throw new DownloadError(`manifest.json: bad or unsafe entry ${JSON.stringify(f)}`, 'manifest.json');
    seen.add(p.toLowerCase());
    return { path: p, sha256: (f.sha256 as string).toLowerCase(), size: f.size as number };
  });
}

/** Whether `file` exists with the manifest's size and sha256 (a file verified by an earlier run). */
async function hasContent(file: string, f: ManifestFile): Promise<boolean> {
  const st = await fs.stat(file).catch(() => undefined);
  return st?.isFile() === true && st.size === f.size && (await hashFile(file)) === f.sha256;
}

async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** GET with redirects (each hop checked like the first); resolves with a 2xx or 416 response. */
function get(url: URL, opts: DownloadOptions, headers: Record<string, string> = {}, hops = 0): Promise<http.IncomingMessage> {
  checkUrl(url, opts);
  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    const req = (url.protocol === 'https:' ? https : http).get(url, { headers: { 'user-agent': 'electra-feedback', ...headers } }, (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hops >= MAX_REDIRECTS) return reject(new DownloadError(`too many redirects from ${url.href}`));
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          return reject(new DownloadError(`bad redirect from ${url.href}`));
        }
        Promise.resolve().then(() => get(next, opts, headers, hops + 1)).then(resolve, reject);
        return;
      }
      if ((status >= 200 && status < 300) || status === 416) return resolve(res);
      res.resume();
      reject(new DownloadError(`${url.href}: HTTP ${status} ${res.statusMessage ?? ''}`.trim()));
    });
    req.setTimeout(opts.idleTimeoutMs ?? 30_000, () => {
      const e = new DownloadError(`no data for ${(opts.idleTimeoutMs ?? 30_000) / 1000} s from ${url.href}`);
      response?.destroy(e); // a body being read fails with this reason
      req.destroy(e);
    });
    req.on('error', (e) => reject(e instanceof DownloadError ? e : new DownloadError(`${url.href}: ${e.message}`)));
  });
}

async function fetchSmall(url: URL, opts: DownloadOptions): Promise<Buffer> {
  const res = await get(url, opts);
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of res) {
      n += (c as Buffer).length;
      if (n > MAX_MANIFEST_BYTES) throw new DownloadError(`${url.href} is larger than ${MAX_MANIFEST_BYTES} bytes: not a manifest`);
      chunks.push(c as Buffer);
    }
  } catch (e) {
    res.destroy();
    throw e instanceof DownloadError ? e : new DownloadError(`${url.href}: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches `f` into `part`, continuing a partial file with a Range request, then checks its
 * size and sha256 (a mismatch deletes the partial file). Returns the bytes received now.
 */
async function fetchFile(url: URL, part: string, f: ManifestFile, opts: DownloadOptions, progress: (bytes: number) => void): Promise<number> {
  let have = (await fs.stat(part).catch(() => undefined))?.size ?? 0;
  if (have > f.size) {
    await fs.rm(part, { force: true });
    have = 0;
  }
  const hash = createHash('sha256');
  let received = 0;
  if (have < f.size || f.size === 0) {
    const res = await get(url, opts, have > 0 ? { range: `bytes=${have}-` } : {});
    const status = res.statusCode;
    if (status === 416) {
      res.resume();
      if (have !== f.size) {
        await fs.rm(part, { force: true });
        throw new DownloadError(`${f.path}: the server refused to resume; run the download again`, f.path);
      }
    } else {
      if (status !== 206) have = 0; // the server sent the whole file: start over
      const resumedAt = Number(/^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? NaN);
      if (status === 206 && resumedAt !== have) {
        res.destroy();
        await fs.rm(part, { force: true });
        throw new DownloadError(`${f.path}: the server resumed at byte ${resumedAt}, not ${have}; the partial file was discarded, run the same command again`, f.path);
      }
      if (have > 0) for await (const c of createReadStream(part)) hash.update(c as Buffer);
      progress(have);
      const sink = createWriteStream(part, { flags: have > 0 ? 'a' : 'w' });
      try {
        for await (const chunk of res) {
          const c = chunk as Buffer;
          if (have + received + c.length > f.size) {
            throw new DownloadError(`${f.path}: the server sent more than the ${f.size} bytes of the manifest`, f.path);
          }
          hash.update(c);
          received += c.length;
          if (!sink.write(c)) await new Promise<void>((r) => sink.once('drain', () => r()));
          progress(have + received);
        }
      } catch (e) {
        res.destroy();
        if (e instanceof DownloadError && e.file === f.path) throw e; // too many bytes: not resumable
        throw new DownloadError(`${f.path}: the transfer broke off after ${have + received} of ${f.size} bytes (${(e as Error).message}); run the same command again to resume`, f.path);
      } finally {
        await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
      }
      if (have + received < f.size) {
        throw new DownloadError(`${f.path}: the connection closed after ${have + received} of ${f.size} bytes; run the same command again to resume`, f.path);
      }
    }
  }
  const digest = received === 0 && have === f.size ? await hashFile(part) : hash.digest('hex');
  if (digest !== f.sha256) {
    await fs.rm(part, { force: true });
    throw new DownloadError(`${f.path}: sha256 ${digest} does not match the manifest (${f.sha256}): the download was corrupted or the file was altered; nothing was installed`, f.path);
  }
  return received;
}

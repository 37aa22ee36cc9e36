/**
 * `electra-feedback model download`: installs a published model folder (an official
 * checkpoint or a release of ours) after verifying every file; see `core/download.ts`.
 * Progress goes to stderr (a bar on a terminal, one line per file otherwise).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadModel, DownloadError } from '../core/download';
import type { CliIO } from './io';

export const MODEL_USAGE = `Usage: electra-feedback model download --url URL --sha256 HEX --out DIR

Downloads a model folder over HTTPS: manifest.json at URL (or URL/manifest.json for a
URL ending in /), whose sha256 must be HEX, then every file it lists, each checked
against its size and sha256 before it is installed. An interrupted download resumes
when the same command is run again. DIR appears only once everything is verified;
use it with --model DIR or the electraFeedback.modelPath setting.

Options:
  --url URL                   manifest.json of the model folder (https:// only)
  --sha256 HEX                sha256 of that manifest.json, from the publisher
  --out DIR                   folder to create (must not exist or be empty)
  --allow-insecure-localhost  accept http:// to 127.0.0.1/localhost (a local mirror)
  -h, --help                  this help

Exit status: 0 installed, 2 usage or download error (nothing installed).`;

/** Runs `model <subcommand>`; returns the exit status. */
export async function runModel(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    io[sub === undefined ? 'stderr' : 'stdout'](`${MODEL_USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'download') {
    io.stderr(`electra-feedback model: unknown subcommand '${sub}'\n\n${MODEL_USAGE}\n`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' }, sha256: { type: 'string' }, out: { type: 'string' },
        'allow-insecure-localhost': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.stderr(`electra-feedback model download: ${(e as Error).message}\n\n${MODEL_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${MODEL_USAGE}\n`);
    return 0;
  }
  const missing = (['url', 'sha256', 'out'] as const).filter((k) => !values[k]);
  if (missing.length) {
    io.stderr(`electra-feedback model download: ${missing.map((k) => `--${k}`).join(', ')} required\n\n${MODEL_USAGE}\n`);
    return 2;
  }
  const out = path.resolve(io.cwd, values.out!);
  const bar = progressLine(io);
  try {
    const r = await downloadModel({
      url: values.url!, sha256: values.sha256!, out,
      allowInsecureLocalhost: values['allow-insecure-localhost'] === true,
      onProgress: bar.update,
    });
    bar.done();
    io.stderr(`Installed ${r.files} files (${mb(r.bytes)}, ${mb(r.fetched)} downloaded now) in ${r.dir}\nUse it with --model ${r.dir}\n`);
    return 0;
  } catch (e) {
    bar.done();
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`electra-feedback model download: ${message}\n`);
    if (!(e instanceof DownloadError) && e instanceof Error && e.stack && rest.includes('--verbose')) io.stderr(`${e.stack}\n`);
    return 2;
  }
}

const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;

/** A redrawn progress bar on a terminal; otherwise one line per file when it completes. */
function progressLine(io: CliIO): { update: (p: { file: string; bytes: number; total: number }) => void; done: () => void } {
  let drawn = false;
  let lastFile = '';
  let lastPercent = -1;
  return {
    update({ file, bytes, total }) {
      const percent = total > 0 ? Math.floor((bytes / total) * 100) : 100;
      if (io.stderrIsTTY) {
        if (percent === lastPercent && file === lastFile) return;
        const filled = Math.round((percent / 100) * 24);
        io.stderr(`\r\x1b[2K[${'#'.repeat(filled)}${' '.repeat(24 - filled)}] ${percent}% ${mb(bytes)}/${mb(total)} ${file}`);
        drawn = true;
      } else if (file !== lastFile && lastFile !== '') {
        io.stderr(`${lastFile} done (${lastPercent}% of ${mb(total)})\n`);
      }
      lastFile = file;
      lastPercent = percent;
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}

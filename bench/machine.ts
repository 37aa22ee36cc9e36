/** The hardware and software a benchmark ran on, printed above every table. */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { runtimeVersion } from '../src/core/runtime';

export interface Machine {
  cpu: string;
  logicalCores: number;
  physicalCores: number;
  memoryGiB: number;
  os: string;
  node: string;
  onnxruntime: string;
  load: string;
}

/** Physical cores from /proc/cpuinfo (Linux), else the logical count. */
function physicalCores(): number {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const cores = new Set<string>();
    let phys = '';
    for (const line of info.split('\n')) {
      const [k, v] = line.split(':').map((x) => x?.trim());
      if (k === 'physical id') phys = v;
      if (k === 'core id') cores.add(`${phys}/${v}`);
    }
    return cores.size || os.cpus().length;
  } catch {
    return os.cpus().length;
  }
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    logicalCores: os.availableParallelism(),
    physicalCores: physicalCores(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    onnxruntime: runtimeVersion(),
    load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
  };
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    try {
      return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  }
}

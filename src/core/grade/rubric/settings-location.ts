/**
 * Where grading finds its rubric and calibration, for the CLI and the editor alike: they live
 * together in one `.electra-feedback/` folder, the nearest one (from a starting folder up) that
 * holds a rubric or a calibration, else the starting folder's own (where a calibration will be saved).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CALIBRATION_FILE, RUBRIC_DIR, RUBRIC_FILE } from './rubric';

export interface SettingsLocation {
  /** Absolute path of the rubric (it may not exist: the defaults apply). */
  rubricPath: string;
  /** Absolute path where the calibration is read from and saved to. */
  calibrationPath: string;
}

/**
 * The settings of `from` (a folder): the nearest `.electra-feedback/` from `from` up, never above
 * `stopAt` (the editor's workspace folder; the CLI has none), that holds a rubric or a calibration.
 */
export function locateGradingSettings(from: string, stopAt?: string): SettingsLocation {
  const start = resolve(from);
  const top = stopAt === undefined ? undefined : resolve(stopAt);
  const inside = (dir: string): boolean => top === undefined || dir === top || !relative(top, dir).split(sep).includes('..');
  for (let dir = start; inside(dir); dir = dirname(dir)) {
    const settings = join(dir, RUBRIC_DIR);
    if (existsSync(join(settings, RUBRIC_FILE)) || existsSync(join(settings, CALIBRATION_FILE))) return at(settings);
    if (dirname(dir) === dir || dir === top) break;
  }
  return at(join(start, RUBRIC_DIR));
}

const at = (settings: string): SettingsLocation => ({ rubricPath: join(settings, RUBRIC_FILE), calibrationPath: join(settings, CALIBRATION_FILE) });

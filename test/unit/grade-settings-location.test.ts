// One rubric lookup for the CLI and the editor: the nearest .electra-feedback/ (from a folder up)
// holding a rubric or a calibration, never above the editor's workspace folder; else the folder's own.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateGradingSettings } from '../../src/core/grade';

describe('grade: where the rubric and calibration are found', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ef-settings-'));
    mkdirSync(join(root, 'class', 'essays', 'week1'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the nearest settings folder from a submission folder up, rubric and calibration together', () => {
    mkdirSync(join(root, 'class', '.electra-feedback'));
    writeFileSync(join(root, 'class', '.electra-feedback', 'calibration.json'), '{}');
    const at = locateGradingSettings(join(root, 'class', 'essays', 'week1'));
    assert.equal(at.rubricPath, join(root, 'class', '.electra-feedback', 'rubric.json'));
    assert.equal(at.calibrationPath, join(root, 'class', '.electra-feedback', 'calibration.json'));
  });

  it('never looks above the workspace folder it is given, and falls back to the starting folder\'s own', () => {
    mkdirSync(join(root, '.electra-feedback'));
    writeFileSync(join(root, '.electra-feedback', 'rubric.json'), '{}');
    const start = join(root, 'class', 'essays');
    assert.equal(locateGradingSettings(start).rubricPath, join(root, '.electra-feedback', 'rubric.json'));
    assert.equal(locateGradingSettings(start, join(root, 'class')).rubricPath, join(start, '.electra-feedback', 'rubric.json'));
  });
});

// Settings are read with their declared types; bad values fall back to the defaults.
import { strict as assert } from 'node:assert';
import { DEFAULT_THRESHOLD, MAX_DOCUMENT_SIZE } from '../../src/core/defaults';
import { defaultSettings, readSettings, SETTINGS } from '../../src/extension/config';

describe('extension settings', () => {
  it('uses the user value when it has the declared type and range', () => {
    const user: Record<string, unknown> = { threshold: 0.7, severity: 'warning', checkOn: 'save', languages: ['markdown'], debounceMs: 0 };
    const s = readSettings((k) => user[k], true);
    assert.equal(s.threshold, 0.7);
    assert.equal(s.severity, 'warning');
    assert.equal(s.checkOn, 'save');
    assert.deepEqual(s.languages, ['markdown']);
    assert.equal(s.debounceMs, 0);
  });

  it('replaces wrong types, values outside enums and out-of-range numbers with the defaults', () => {
    const user: Record<string, unknown> = { threshold: 1.5, severity: 'loud', checkOn: 42, languages: ['markdown', 3], maxDocumentSize: 10.5, debounceMs: -1 };
    assert.deepEqual(readSettings((k) => user[k], true), defaultSettings());
  });

  it('ignores modelPath and executionProvider in an untrusted workspace', () => {
    const user: Record<string, unknown> = { modelPath: '/evil/model', executionProvider: 'cuda', threshold: 0.6 };
    const untrusted = readSettings((k) => user[k], false);
    assert.equal(untrusted.modelPath, '');
    assert.equal(untrusted.executionProvider, 'auto');
    assert.equal(untrusted.threshold, 0.6);
    const trusted = readSettings((k) => user[k], true);
    assert.equal(trusted.modelPath, '/evil/model');
    assert.equal(trusted.executionProvider, 'cuda');
  });

  it('hands out fresh copies of array defaults', () => {
    const a = defaultSettings();
    a.languages.push('rust');
    assert.ok(!defaultSettings().languages.includes('rust'));
  });
  it('defaults agree with the core: the measured threshold, and a size limit the core accepts', () => {
    assert.equal(SETTINGS.threshold.default, DEFAULT_THRESHOLD);
    assert.ok(SETTINGS.maxDocumentSize.default <= MAX_DOCUMENT_SIZE);
  });
});

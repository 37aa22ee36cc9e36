// package.json's contributions mirror the settings and command tables of the extension.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { CATEGORY, COMMANDS, publicCommands } from '../../src/extension/commands';
import { RESTRICTED_IN_UNTRUSTED, SECTION, SETTINGS } from '../../src/extension/config';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('declares exactly the settings of the table, with the same type, default, enum, range, scope and description', () => {
    const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props).sort(), Object.keys(SETTINGS).map((k) => `${SECTION}.${k}`).sort());
    for (const [key, spec] of Object.entries(SETTINGS)) {
      assert.deepEqual(props[`${SECTION}.${key}`], JSON.parse(JSON.stringify(spec)), `setting ${key}`);
    }
  });

  it('contributes exactly the public commands, in table order, under one category', () => {
    assert.deepEqual(
      pkg.contributes.commands,
      publicCommands().map((c) => ({ command: c.id, title: c.title, category: CATEGORY })),
    );
  });

  it('has unique command ids, all in the electraFeedback namespace', () => {
    const ids = COMMANDS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^electraFeedback\.[a-zA-Z]+$/);
  });

  it('restricts the model-choosing settings in untrusted workspaces', () => {
    const cap = pkg.capabilities.untrustedWorkspaces;
    assert.equal(cap.supported, 'limited');
    assert.deepEqual(cap.restrictedConfigurations, RESTRICTED_IN_UNTRUSTED.map((k) => `${SECTION}.${k}`));
    for (const k of RESTRICTED_IN_UNTRUSTED) assert.equal(SETTINGS[k].scope, 'machine', `${k} is machine-scoped`);
    assert.ok(pkg.capabilities.virtualWorkspaces, 'virtual workspace support is declared');
  });

  it('activates for every default language and runs dist/extension.js', () => {
    for (const lang of SETTINGS.languages.default) assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), lang);
    assert.equal(pkg.main, './dist/extension.js');
    assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
  });

  it('has a 128x128 PNG icon that decodes', () => {
    const png = readFileSync(join(__dirname, '../..', pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    // Concatenated IDAT data inflates to 128 rows of (1 filter byte + 128 * 4 RGBA bytes).
    const idat: Buffer[] = [];
    for (let at = 8; at < png.length; ) {
      const len = png.readUInt32BE(at);
      if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
      at += 12 + len;
    }
    assert.equal(inflateSync(Buffer.concat(idat)).length, 128 * (1 + 128 * 4));
  });
  it('menus name only contributed commands, and the rubric schema it validates with exists', () => {
    const ids = new Set(publicCommands().map((c) => c.id));
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string }>>)) {
      for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
    }
    for (const v of pkg.contributes.jsonValidation as Array<{ url: string }>) {
      assert.ok(existsSync(join(__dirname, '../..', v.url)), v.url);
    }
  });

  it('.vscodeignore is an allow-list that ships the bundles, the model, media/ and no native code of its own', () => {
    const lines = readFileSync(join(__dirname, '../../.vscodeignore'), 'utf8').split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    for (const need of ['!dist/extension.js', '!dist/worker.js', '!models/electra-feedback/**', '!media/icon.png', '!media/report.js', '!media/report.css']) {
      assert.ok(lines.includes(need), need);
    }
    // scripts/package.mjs adds exactly one platform's binaries per VSIX; a `!` here would add them to every VSIX.
    assert.ok(!lines.some((l) => /onnxruntime-node\/bin|\.node$/.test(l)), 'no native binaries in the base list');
  });
});

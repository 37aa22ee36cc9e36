import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { actionsAt, flagEveryWordInSuite, hoverText, flags, open, percentOf, quotedWord, scratchFile, waitForDiagnostics, where, withSettings } from '../helpers';

const TEXT = 'The library opens early on weekdays so that students can study before their classes begin.\n';

describe('hover and quick fixes', () => {
  flagEveryWordInSuite();

  it('hovering a flagged word shows its probability in words, matching the diagnostic', async () => {
    const uri = await scratchFile('hover.md', TEXT);
    const { document: doc } = await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length > 3, 'flags at threshold 0');
    for (const d of diags.slice(0, 3)) {
      const percent = percentOf(d.message);
      assert.ok(percent !== undefined, `no percentage in "${d.message}"`);
      const inside = d.range.start.translate(0, 1);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, inside)) ?? [];
      const text = hoverText(hovers);
      assert.match(text, new RegExp(`${percent}% likely out of place`), `hover at ${where(d)} on "${doc.getText(d.range)}": ${text}`);
      assert.ok(text.includes(doc.getText(d.range)), 'the hover names the word');
      assert.match(text, /Fixes|No confident fix/, `the hover lists fixes (or says there is no confident one): ${text}`);
    }
  });

  it('no hover from the extension where nothing is flagged', async () => {
    const uri = await scratchFile('hover-none.md', TEXT);
    await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'flags at threshold 0');
    await withSettings({ threshold: 1 }, async () => {
      await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no flags at threshold 1');
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5))) ?? [];
      assert.doesNotMatch(hoverText(hovers), /likely out of place/);
    });
  });

  it('quick fixes offer ignore, word list and disable', async () => {
    const uri = await scratchFile('fix.md', TEXT);
    const { document: doc } = await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length > 3, 'flags at threshold 0');

    const first = await actionsAt(uri, diags[0]);
    const word = doc.getText(diags[0].range);
    const titles = first.map((a) => a.title);
    assert.ok(titles.includes(`Ignore '${word}' in this document`), `titles: ${titles.join(' | ')}`);
    assert.ok(titles.includes(`Add '${word}' to workspace word list`), `titles: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /^Disable .* for this file$/.test(t)), `titles: ${titles.join(' | ')}`);
  });

  it('"Ignore in this document" removes that word\'s flags and keeps the others', async () => {
    const uri = await scratchFile('ignore.md', 'Students study and students rest.\n');
    const { document: doc } = await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length === 5, 'five flags');
    const target = diags.find((d) => doc.getText(d.range) === 'students');
    assert.ok(target);
    const ignore = (await actionsAt(uri, target)).find((a) => a.title === "Ignore 'students' in this document");
    assert.ok(ignore?.command, 'ignore action runs a command');
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    const after = await waitForDiagnostics(uri, (ds) => ds.length === 3, 'both "students"/"Students" flags gone (case-insensitive), three left');
    assert.deepEqual(after.map((d) => quotedWord(d.message)), ['study', 'and', 'rest']);
  });

  it('"Add to workspace word list" writes .electra-feedback/words.txt and removes the flag', async () => {
    const uri = await scratchFile('wordlist.md', 'Our zymurgy club brews cider.\n');
    const { document: doc } = await open(uri);
    const diags = await waitForDiagnostics(uri, (ds) => ds.length === 5, 'five flags');
    const target = diags.find((d) => doc.getText(d.range) === 'zymurgy');
    assert.ok(target);
    const add = (await actionsAt(uri, target)).find((a) => a.title === "Add 'zymurgy' to workspace word list");
    assert.ok(add?.command);
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    await waitForDiagnostics(uri, (ds) => ds.length === 4 && !ds.some((d) => doc.getText(d.range) === 'zymurgy'), '"zymurgy" no longer flagged');
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    assert.ok(folder);
    const list = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.electra-feedback/words.txt')));
    assert.ok(list.split(/\r?\n/).includes('zymurgy'), `words.txt: ${JSON.stringify(list)}`);
    assert.equal(flags(uri).length, 4);
  });
});

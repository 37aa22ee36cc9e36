import * as assert from 'node:assert/strict';
import { matchesText, randomEdit } from '../edits';
import { activate, assertRangesSliceWords, closeAll, flagEveryWordInSuite, flags, open, prng, scratchFile, snapshot, waitForDiagnostics } from '../helpers';

describe('stale results and closing', () => {
  flagEveryWordInSuite();

  it('after 60 rapid edits the diagnostics match the final text, and no published set was for an older version', async () => {
    const api = await activate();
    const uri = await scratchFile('stale.txt', 'The garden was quiet in the morning light.\n\nA letter waited by the window.\n');
    const editor = await open(uri);
    const doc = editor.document;
    await waitForDiagnostics(uri, matchesText(doc), 'initial flags');

    // Each time the extension publishes, what it published must fit the document as it is then.
    const mismatches: string[] = [];
    const sub = api.diagnostics.onDidCheck(({ uri: u, outcome }) => {
      if (u.toString() !== uri.toString() || outcome.status !== 'published') return;
      if (!matchesText(doc)(flags(uri))) mismatches.push(`v${doc.version}: ${snapshot(flags(uri)).slice(0, 3).join('; ')}`);
    });
    try {
      const rnd = prng(60);
      for (let i = 0; i < 60; i++) {
        const edit = randomEdit(doc, rnd);
        assert.ok(await editor.edit((b) => (edit.newText ? b.replace(edit.range, edit.newText) : b.delete(edit.range))));
      }
      const final = await waitForDiagnostics(uri, matchesText(doc), 'diagnostics of the final text');
      assertRangesSliceWords(doc, final);
    } finally {
      sub.dispose();
    }
    assert.deepEqual(mismatches, [], 'published diagnostics for a stale version');
  });

  it('closing a document clears its diagnostics', async () => {
    const uri = await scratchFile('close-me.md', 'Closing this note should leave nothing behind.\n');
    const { document: doc } = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'flags before closing');
    const cleared = waitForDiagnostics(uri, (ds) => ds.length === 0, 'no flags after closing');
    await closeAll(doc);
    await cleared;
  });
});

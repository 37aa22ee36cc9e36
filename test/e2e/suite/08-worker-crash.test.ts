/**
 * The inference worker dying (issue 7): killed between checks, or in the middle of a scoring
 * request, it is restarted and the document still ends up checked; the extension host (this
 * process) keeps running the suite. Linux: the worker is found through /proc.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { matchesText } from '../edits';
import { activate, flagEveryWordInSuite, open, scratchFile, waitForDiagnostics } from '../helpers';

/** Pids of this extension host's children running dist/worker.js. */
function workerPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('worker.js')) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

describe('worker crash', function () {
  before(function () {
    if (process.platform !== 'linux') this.skip();
  });
  flagEveryWordInSuite();

  it('a worker killed between checks is restarted on the next check', async () => {
    const uri = await scratchFile('crash-between.txt', 'The worker will be killed now.\n');
    const editor = await open(uri);
    await waitForDiagnostics(uri, matchesText(editor.document), 'flags before the kill');
    const [pid] = workerPids();
    assert.ok(pid, 'no worker process found among the extension host\'s children');
    process.kill(pid, 'SIGKILL');
    assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), 'And then revived.\n')));
    await waitForDiagnostics(uri, matchesText(editor.document), 'flags of the edited text from a new worker');
    const now = workerPids();
    assert.ok(now.length === 1 && now[0] !== pid, `worker pids after the kill: ${now.join(', ') || 'none'} (killed ${pid})`);
  });

  it('a worker killed in the middle of a scoring request: the check is retried and the document checked', async () => {
    const api = await activate();
    const uri = await scratchFile('crash-during.txt', 'Scoring is interrupted here.\n');
    const editor = await open(uri);
    await waitForDiagnostics(uri, matchesText(editor.document), 'flags before the kill');
    const model = api.model;
    const original = model.scoreBlocks;
    let killed: number | undefined;
    model.scoreBlocks = (texts: string[]) => {
      const pending = original.call(model, texts); // the request is on its way to the worker
      if (killed === undefined) {
        killed = workerPids()[0];
        if (killed) process.kill(killed, 'SIGKILL');
      }
      return pending;
    };
    try {
      assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(0), 'Suddenly, ')));
      await waitForDiagnostics(uri, matchesText(editor.document), 'flags of the edited text after the crash');
    } finally {
      model.scoreBlocks = original;
    }
    assert.ok(killed, 'the worker was not killed (no scoring request after the edit?)');
    const now = workerPids();
    assert.ok(now.length === 1 && now[0] !== killed, `worker pids after the kill: ${now.join(', ') || 'none'} (killed ${killed})`);
    assert.notEqual(model.state.kind, 'error', `model state after one crash: ${JSON.stringify(model.state)}`);
  });
});

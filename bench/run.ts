/**
 * `npm run bench`: every benchmark of BENCHMARKS.md, side by side in one run, printed as
 * Markdown tables with the machine, provider, model and versions, and written into
 * BENCHMARKS.md between the `bench:results` markers (the analysis around them is kept).
 *
 *   tsx bench/run.ts [--model DIR] [--provider cpu|webgpu|cuda|...] [--runs N] [--quick] [--only extraction,throughput,suggest,edit,cold,memory,scaling,grading,class,variants] [--no-write]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Checker } from '../src/core/checker';
import { DEFAULT_THRESHOLD } from '../src/core/defaults';
import type { ProviderName } from '../src/core/types';
import { byConfig, byLength, grading } from './scaling';
import { coldStart } from './cold-start';
import { gradingClass } from './grading-class';
import { loadParagraphs, makeDocument, makeDocuments } from './docs';
import { editLatency } from './edit-latency';
import { extraction } from './extraction';
import { machine, packageVersion } from './machine';
import { memory } from './memory';
import { loadPeer } from './peer';
import { fmt, table } from './stats';
import { suggestBench } from './suggest';
import { throughput } from './throughput';
import { variants } from './variants';
import { workerBuilt } from './worker-process';

const SECTIONS = ['extraction', 'throughput', 'suggest', 'edit', 'cold', 'memory', 'scaling', 'grading', 'class', 'variants'] as const;
type Section = (typeof SECTIONS)[number];

function args(): { model: string; provider: ProviderName; int8: string; runs: number; quick: boolean; only: Set<Section>; write: boolean } {
  const a = process.argv.slice(2);
  const val = (k: string): string | undefined => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const model = val('--model') ?? (existsSync('models/electra-feedback/config.json') ? 'models/electra-feedback' : 'test/.cache/bench-model');
  if (!existsSync(`${model}/config.json`)) {
    throw new Error(`no model at ${model}: pass --model DIR, or export the random benchmark model with /usr/bin/python3 bench/export-random-model.py`);
  }
  const only = val('--only');
  const wanted = only ? only.split(',') : [...SECTIONS];
  for (const s of wanted) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section '${s}' (known: ${SECTIONS.join(', ')})`);
  const int8 = val('--int8') ?? `test/.cache/${model.replace(/\/+$/, '').split('/').pop()}-int8`;
  return { model, provider: (val('--provider') ?? 'cpu') as ProviderName, int8, runs: Number(val('--runs') ?? (a.includes('--quick') ? 1 : 3)), quick: a.includes('--quick'), only: new Set(wanted as Section[]), write: !a.includes('--no-write') && !a.includes('--quick') };
}

async function main(): Promise<void> {
  const opt = args();
  const out: string[] = [];
  const emit = (s: string): void => {
    out.push(s);
    console.log(s);
  };
  const scale = opt.quick ? 0.1 : 1;
  const src = loadParagraphs(Math.max(60_000, 120_000 * scale));
  const checker = await Checker.create({ modelDir: opt.model, provider: opt.provider, trustUnverified: true, log: (line) => console.error(line) });
  const m = machine();
  const modelConfig = JSON.parse(readFileSync(`${opt.model}/config.json`, 'utf8')) as Record<string, number>;
  emit(`Run ${new Date().toISOString()} — ${m.cpu}, ${m.physicalCores} physical / ${m.logicalCores} logical cores, ${m.memoryGiB} GiB, ${m.os}; load average at start ${m.load}`);
  emit(`Node ${m.node}, onnxruntime-node ${m.onnxruntime}, tokenizers ${packageVersion('tokenizers')}, transformers.js ${packageVersion('@huggingface/transformers')}; provider ${checker.info.provider}`);
  emit(`Model ${opt.model} (${checker.info.name}): ${modelConfig.num_hidden_layers} layers, hidden ${modelConfig.hidden_size}, embedding ${modelConfig.embedding_size ?? modelConfig.hidden_size}, max length ${checker.info.maxLength}; text: ${src.name}; medians of ${opt.runs} run(s)`);
  emit('');

  if (opt.only.has('extraction')) {
    const big = makeDocument(src, opt.quick ? 20_000 : 160_000, 11);
    const r = await extraction(big, opt.runs);
    emit(`### 0. Markdown extraction of a ${fmt(r.kib)} KiB document`);
    emit('');
    emit(table(['case', 'ms', 'KiB/s'], [
      ['from scratch (parse cache empty)', fmt(r.coldMs), fmt((r.kib / r.coldMs) * 1000)],
      ['after a one-word edit (one chunk parsed again)', fmt(r.editMs), fmt((r.kib / r.editMs) * 1000)],
    ]));
    emit('');
  }

  if (opt.only.has('throughput')) {
    const docs = makeDocuments(src, Math.round(20 * scale) || 2, 2500);
    let peer;
    try {
      peer = await loadPeer(opt.model);
    } catch (e) {
      emit(`(peer not measured: ${(e as Error).message.split('\n')[0]})`);
    }
    const plain = await Checker.create({ modelDir: opt.model, provider: opt.provider, trustUnverified: true, homophoneCheck: false });
    const r = await throughput(checker, plain, docs, opt.runs, peer).finally(() => plain.dispose());
    const row = (name: string, ms: number | undefined, tokens: number): Array<string | number> =>
      ms === undefined ? [name, 'n/a', 'n/a', 'n/a'] : [name, fmt(ms), fmt((r.words / ms) * 1000), fmt((tokens / ms) * 1000)];
    emit(`### 1. Throughput: ${r.docs} Markdown documents, ${fmt(r.words)} words, ${fmt(r.tokens)} tokens`);
    emit('');
    emit(table(['engine', 'ms (median)', 'words/s', 'tokens/s'], [
      row('Checker.score as users run it (+ the homophone check)', r.checkerMs, r.tokens),
      row('Checker.score without the homophone check (extract + tokenize + window + run + map)', r.plainMs, r.tokens),
      row('ceiling: session.run on the same planned batches', r.ceilingMs, r.tokens),
      row(`peer: transformers.js ${peer?.version ?? ''} on onnxruntime-node ${peer?.runtime ?? ''} (tokenize + run + sigmoid, batches of 16 paragraphs)`, r.peerMs, r.peerTokens ?? r.tokens),
    ]));
    emit('');
    emit(`Checker (without the homophone check, which the ceiling and the peer do not do) / ceiling: **${fmt(r.ofCeiling, 2)}** of the ceiling (target ≥ 0.85); vs peer: **${r.vsPeer === undefined ? 'n/a' : fmt(r.vsPeer, 2)}×** faster (target ≥ 1.3×). The homophone check takes the checker to **${fmt(r.homophoneCost, 2)}×** its time. Ratios are medians of per-round ratios.`);
    emit('');
  }

  if (opt.only.has('suggest')) {
    const docs = makeDocuments(src, Math.round(8 * scale) || 2, 2500);
    const r = await suggestBench(checker, docs, makeDocument(src, 1000, 3), opt.runs, opt.quick ? 5 : 20);
    const wps = (ms: number): string => fmt((r.words / ms) * 1000);
    emit(`### 1b. Suggestions: ${docs.length} Markdown documents, ${fmt(r.words)} words, ${fmt(r.flagged)} flagged at ${DEFAULT_THRESHOLD}`);
    emit('');
    emit(table(['path', 'ms (median)', 'words/s', 'relative to check'], [
      ['check (score + findings)', fmt(r.checkMs), wps(r.checkMs), '1.00'],
      ['check --suggest (+ every flagged word\'s fixes, one batched suggestMany per document)', fmt(r.suggestMs), wps(r.suggestMs), fmt(1 / r.slowdown, 2)],
    ]));
    emit('');
    emit(`\`check --suggest\`: **${wps(r.suggestMs)} words/s** (target ≥ 2,000), ${fmt(r.slowdown, 1)}× the time of plain \`check\`. Hover: fixes for one flagged word of a ${fmt(r.hover.words)}-word document (its paragraph, as the editor asks): median **${fmt(r.hover.medianMs)} ms**, p90 ${fmt(r.hover.p90Ms)} ms over ${r.hover.samples} words (target ≤ 150 ms); ${r.hover.withFix} of them had a confident fix.`);
    emit('');
  }

  if (opt.only.has('edit')) {
    const doc = makeDocument(src, opt.quick ? 5000 : 20_000, 7);
    const edits = opt.quick ? 5 : 20;
    const rows: Array<Array<string | number>> = [];
    const inProcess = await editLatency(doc, edits, (texts) => checker.scoreMany(texts.map((source) => ({ source, format: 'plaintext' as const }))));
    const rowOf = (name: string, r: typeof inProcess): Array<string | number> => [name, fmt(r.medianMs), fmt(r.p90Ms), fmt(r.extractMs), fmt(r.scoreMs), fmt(r.selectMs), `${r.blocksRescored} of ${r.totalBlocks}`, fmt(r.firstCheckMs), r.flags];
    rows.push(rowOf('Checker in the same process (`scoreMany`: one batched pass)', inProcess));
    const oneByOne = await editLatency(makeDocument(src, opt.quick ? 5000 : 20_000, 400), opt.quick ? 2 : 5, async (texts) => {
      const out = [];
      for (const t of texts) out.push(await checker.score(t, 'plaintext'));
      return out;
    });
    rows.push(rowOf('Checker, one session run per paragraph (how the worker scored before)', oneByOne));
    if (workerBuilt()) {
      const { startWorker } = await import('./worker-process');
      const client = startWorker(opt.model);
      try {
        // Another document of the same size, so that nothing is cached from the row above.
        const other = makeDocument(src, opt.quick ? 5000 : 20_000, 900);
        rows.push(rowOf('real worker (dist/worker.js, IPC)', await editLatency(other, edits, (texts) => client.request('scoreBlocks', { texts }, 600_000))));
      } finally {
        await client.dispose();
      }
    }
    emit(`### 2. Edit latency: one word changed in a ${fmt(inProcess.words)}-word Markdown document already checked (${edits} edits)`);
    emit('');
    emit(table(['scorer', 'median ms', 'p90 ms', 'extract ms', 'score ms', 'flags ms', 'paragraphs re-scored', 'first full check ms', 'flags'], rows));
    emit('');
    emit('Target: median ≤ 100 ms. The path is the extension\'s own: `extractProse` of the whole document, `scoreIncrementally` with the paragraph cache, `selectFlags`.');
    emit('');
  }

  if (opt.only.has('cold')) {
    if (!workerBuilt()) emit('### 3. Cold start: skipped (run `npm run build` first: it measures dist/worker.js)');
    else {
      // `auto` is what the extension asks for by default (it may try a GPU provider first).
      const doc = makeDocument(src, 1000, 3);
      const rows = [await coldStart(opt.model, doc, opt.runs, opt.provider), ...(opt.provider === 'auto' ? [] : [await coldStart(opt.model, doc, opt.runs, 'auto')])];
      emit('### 3. Cold start: worker spawn → model load → first flags of a 1,000-word Markdown document');
      emit('');
      emit(table(['provider asked for', 'runs', 'spawn + model load ms', 'first check ms', 'total ms (target ≤ 2000)'], rows.map((r) => [r.provider, r.runs, fmt(r.loadMs), fmt(r.firstCheckMs), fmt(r.totalMs)])));
      emit('');
    }
  }

  if (opt.only.has('memory')) {
    if (!workerBuilt()) emit('### 4. Memory: skipped (run `npm run build` first)');
    else {
      const checks = opt.quick ? 200 : 4000; // growth is read over the second half, after the heaps have settled
      const docs = src.paragraphs.slice(0, 400).map((p, i) => `# Note ${i}\n\n${p}\n\n${src.paragraphs[(i + 1) % src.paragraphs.length]}\n`);
      // MALLOC_ARENA_MAX=0 is glibc's default (8 arenas per core); the shipped worker sets 2
      // and caps V8's semi-spaces at 1 MiB (src/extension/worker-client.ts).
      const runs = [
        await memory('as shipped (MALLOC_ARENA_MAX=2, --max-semi-space-size=1)', opt.model, docs, checks),
        await memory('MALLOC_ARENA_MAX=2, V8 default young generation', opt.model, docs, checks, {}, []),
        await memory('glibc and V8 defaults', opt.model, docs, checks, { MALLOC_ARENA_MAX: '0' }, []),
      ];
      emit(`### 4. Memory of the inference process (real worker) over ${fmt(checks)} checks cycling ${fmt(docs.length)} different 2-paragraph documents; growth over the last ${fmt(checks / 2)}`);
      emit('');
      const tenths = runs[0].samplesMiB.map((_, i) => fmt(Math.round(((i + 1) * checks) / runs[0].samplesMiB.length)));
      emit(table(['worker', 'RSS after load MiB', `RSS after ${tenths.join(' / ')} checks MiB`, 'peak RSS MiB', `growth ${tenths[Math.floor(tenths.length / 2) - 1]} → ${tenths.at(-1)} MiB`, 'median check ms'],
        runs.map((r) => [r.label, fmt(r.afterLoadMiB), r.samplesMiB.map((x) => fmt(x)).join(' / '), fmt(r.peakMiB), fmt(r.growthMiB, 1), fmt(r.medianCheckMs)])));
      emit('');
    }
  }

  if (opt.only.has('scaling')) {
    const sizes = opt.quick ? [1000, 5000] : [1000, 5000, 20_000, 100_000];
    const pts = await byLength(checker, sizes.map((w, i) => ({ words: w, source: makeDocument(src, w, i * 50) })), opt.runs);
    emit('### 5a. Scaling with document length (one document, `Checker.score`)');
    emit('');
    emit(table(['words', 'ms', 'words/s'], pts.map((p) => [fmt(p.words), fmt(p.ms), fmt(p.wordsPerSec)])));
    emit('');
    const docs = makeDocuments(src, opt.quick ? 1 : 4, 2500);
    const cores = m.physicalCores;
    const configs = [
      { label: `default (batch 8, ${m.logicalCores} threads, no spinning, arena + mem pattern, graph 'all')`, options: {} },
      ...[1, 4, 16, 32, 64].map((b) => ({ label: `batch ${b}`, options: { batchSize: b } })),
      { label: 'spinning threads', options: { session: { spinning: true } } },
      ...[...new Set([1, cores, m.logicalCores])].filter((t) => t !== m.logicalCores).map((t) => ({ label: `${t} intra-op thread(s)`, options: { session: { threads: t } } })),
      { label: 'no CPU memory arena', options: { session: { cpuMemArena: false } } },
      { label: 'no memory pattern', options: { session: { memPattern: false } } },
      { label: 'graph optimisation basic', options: { session: { graphOptimization: 'basic' as const } } },
    ];
    const cfg = await byConfig(opt.model, opt.quick ? configs.slice(0, 3) : configs, docs, opt.runs);
    emit(`### 5b. Session settings and batch size (${docs.length} documents of 2,500 words, configurations taking turns)`);
    emit('');
    emit(table(['configuration', 'words/s', 'relative to default'], cfg.map((c) => [c.label, fmt(c.wordsPerSec), fmt(c.relative, 2)])));
    emit('');
  }

  if (opt.only.has('grading')) {
    const n = opt.quick ? 50 : 500;
    const essays = Array.from({ length: n }, (_, i) => {
      const k = (i * 3) % src.paragraphs.length;
      return `# Essay ${i}\n\n${src.paragraphs[k]}\n\n${src.paragraphs[(k + 1) % src.paragraphs.length]}\n`;
    });
    const r = await grading(checker, essays);
    emit(`### 5c. Grading ${fmt(r.essays)} essays (${fmt(r.words)} words): sequential loop vs batched scoring`);
    emit('');
    emit(table(['way', 'ms', 'essays/s'], [
      ['loop: `score` then `grade`, one essay at a time', fmt(r.sequentialMs), fmt((r.essays / r.sequentialMs) * 1000, 1)],
      [`batched: \`scoreMany\` ${r.group} essays per call, then \`grade\``, fmt(r.batchedMs), fmt((r.essays / r.batchedMs) * 1000, 1)],
    ]));
    emit('');
    emit(`Batched / loop speed-up: **${fmt(r.sequentialMs / r.batchedMs, 2)}×**; largest difference in the weighted score: ${fmt(r.maxWeightedDiff, 4)} (padding rounding).`);
    emit('');
  }
  if (opt.only.has('class')) {
    const n = opt.quick ? 5 : 30;
    const r = await gradingClass(opt.model, opt.provider, src, n);
    emit(`### 5d. A class of ${r.essays} .docx essays (${fmt(r.words)} words) through \`grade --out\` (model load included)`);
    emit('');
    emit(table(['run', 's', 'essays/s'], [
      ['`grade --out DIR --no-fixes`', fmt(r.plainMs / 1000, 1), fmt((r.essays / r.plainMs) * 1000, 1)],
      ['`grade --out DIR` (fixes in the students\' copies)', fmt(r.fixesMs / 1000, 1), fmt((r.essays / r.fixesMs) * 1000, 1)],
    ]));
    emit('');
    emit(`Essays: ${r.source}. Targets (issue 22, for 30 essays): under 30 s, under 90 s with fixes; ${r.files} students' copies written, ${r.points} points to check, ${r.fixes} of them with a fix.`);
    emit('');
  }
  if (opt.only.has('variants')) {
    if (!existsSync(`${opt.int8}/config.json`)) {
      emit(`### 6. Model variants: skipped (no int8 copy at ${opt.int8}; make one with \`.venv/bin/python models/training/quantize.py ${opt.model} ${opt.int8}\`)`);
    } else {
      const r = await variants(opt.model, opt.int8, makeDocuments(src, opt.quick ? 1 : 4, 2500), opt.runs);
      emit(`### 6. Model variants: fp32 vs int8 dynamic quantization (${fmt(r.words)} words, taking turns per document)`);
      emit('');
      emit(table(['variant', 'model MiB', 'words/s', 'flagged words'], [
        ['fp32', fmt(r.fp32.mib, 1), fmt(r.fp32.wordsPerSec), r.flaggedFp32],
        ['int8 (MatMul weights, per-column scales)', fmt(r.int8.mib, 1), fmt(r.int8.wordsPerSec), r.flaggedInt8],
      ]));
      emit('');
      emit(`int8 / fp32 speed: **${fmt(r.speedup, 2)}×**; mean |score difference| ${fmt(r.meanAbsDiff, 4)} (max ${fmt(r.maxAbsDiff, 3)}); flags in common (Jaccard, default threshold): ${fmt(r.flagJaccard, 3)}; of fp32's top 1% words, ${fmt(100 * r.top1Overlap, 1)}% are in int8's top 1%.`);
      emit('');
    }
  }
  await checker.dispose();

  if (opt.write) {
    const file = 'BENCHMARKS.md';
    const begin = '<!-- bench:results:begin -->';
    const end = '<!-- bench:results:end -->';
    const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${begin}\n${end}\n`;
    const i = text.indexOf(begin);
    const j = text.indexOf(end);
    if (i < 0 || j < i) throw new Error(`${file} lacks the ${begin} … ${end} markers`);
    writeFileSync(file, `${text.slice(0, i + begin.length)}\n${out.join('\n')}\n${text.slice(j)}`);
    console.log(`\nwrote ${file}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

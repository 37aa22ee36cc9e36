/**
 * The padded batches `Checker.scoreMany(docs)` runs through the discriminator, in order
 * (extraction, tokenization and windowing done), built from the same core functions the
 * checker uses. For tests and benchmarks only: running exactly these inputs is the ceiling
 * of scoring; the product never needs them.
 */
import { openModelFolder } from '../../../src/core/model-folder';
import { batchOptions, blockTokens, defaultBatchSize, prepareTexts, scoringWindow } from '../../../src/core/prepare';
import type { BatchInput } from '../../../src/core/runtime';
import { WordPieceTokenizer } from '../../../src/core/tokenizer';
import type { DocumentFormat } from '../../../src/core/types';
import { planBatches } from '../../../src/core/windows';

/** `batchSize`: windows per run, as given to `Checker.create` (default: the checker's for the CPU). */
export async function plannedBatches(modelDir: string, docs: ReadonlyArray<{ source: string; format: DocumentFormat }>, batchSize = defaultBatchSize('cpu')): Promise<BatchInput[]> {
  const folder = await openModelFolder(modelDir, { trustUnverified: true }); // bench folders may lack a manifest
  const tokenizer = WordPieceTokenizer.load(folder);
  const prepared = await prepareTexts(tokenizer, scoringWindow(folder.config), docs);
  return planBatches(blockTokens(prepared), batchOptions(tokenizer, batchSize)).map((b) => b.input);
}

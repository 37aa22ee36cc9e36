/**
 * Markdown extraction speed: a large document extracted from scratch (parse cache
 * emptied), and again after a one-word edit (only the edited chunk is parsed again).
 */
import { clearMarkdownParseCache } from '../src/core/extract/markdown';
import { extractProse } from '../src/core/extract';
import { median, timed } from './stats';

export interface ExtractionResult {
  kib: number;
  coldMs: number;
  editMs: number;
}

export async function extraction(source: string, runs: number): Promise<ExtractionResult> {
  const cold: number[] = [];
  const edit: number[] = [];
  for (let r = 0; r < runs; r++) {
    clearMarkdownParseCache();
    cold.push((await timed(() => extractProse(source, 'markdown'))).ms);
    for (let e = 0; e < 5; e++) {
      const at = source.indexOf(' the ', Math.floor(((e + 1) / 6) * source.length));
      const edited = `${source.slice(0, at)} a${String(r)}${String(e)} ${source.slice(at + 5)}`;
      edit.push((await timed(() => extractProse(edited, 'markdown'))).ms);
      extractProse(source, 'markdown'); // back to the original (cached), for the next edit
    }
  }
  return { kib: source.length / 1024, coldMs: median(cold), editMs: median(edit) };
}

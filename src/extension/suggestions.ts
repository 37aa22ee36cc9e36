/**
 * Fixes for flags, fetched lazily from the worker for the word under the hover or the cursor
 * (never for every flag while typing) and cached by (paragraph text, word span), so the hover
 * and the quick fix of one flag run the model once. Computed on the paragraph's prose as plain
 * text, the same text the flag was scored in. An empty list means "no confident fix".
 */
import type { DocumentFormat, Suggestion } from '../core/types';
import type { Flag } from './flags';
import { contentHash } from './paragraph-cache';

export type SuggestFn = (text: string, format: DocumentFormat, start: number, end: number) => Promise<Suggestion[]>;

export class SuggestionService {
  private readonly pending = new Map<string, Promise<Suggestion[]>>();
  private readonly done = new Map<string, Suggestion[]>();

  constructor(
    private readonly suggest: SuggestFn,
    private readonly capacity = 2000,
  ) {}

  /** Suggestions already fetched for `flag`, if any. */
  known(flag: Flag): Suggestion[] | undefined {
    return this.done.get(key(flag));
  }

  /** Suggestions for `flag`, best first; `[]` when no candidate fixes it (the word tables work
   * without a generator; the generator only adds candidates). */
  async get(flag: Flag): Promise<Suggestion[]> {
    const k = key(flag);
    const hit = this.done.get(k);
    if (hit) return hit;
    let p = this.pending.get(k);
    if (!p) {
      p = this.suggest(flag.blockText, flag.blockFormat, flag.blockStart, flag.blockEnd);
      this.pending.set(k, p);
      p.then(
        (v) => {
          this.pending.delete(k);
          this.done.set(k, v);
          if (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value as string);
        },
        () => this.pending.delete(k),
      );
    }
    return p;
  }

  clear(): void {
    this.pending.clear();
    this.done.clear();
  }
}

function key(f: Pick<Flag, 'blockText' | 'blockFormat' | 'blockStart' | 'blockEnd'>): string {
  return `${f.blockFormat}:${contentHash(f.blockText)}:${f.blockStart}:${f.blockEnd}`;
}

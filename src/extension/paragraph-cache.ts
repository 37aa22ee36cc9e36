/**
 * Scores of paragraphs keyed by a hash of their text, so an edit re-scores only the
 * paragraphs it changed. Least-recently-used entries are evicted beyond `capacity`.
 * Values are in the paragraph's own coordinates (UTF-16 offsets into its text), so one
 * entry serves every document and position where the same paragraph text appears.
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

export class ParagraphCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity = 5000) {}

  get size(): number {
    return this.map.size;
  }

  get(text: string): V | undefined {
    const key = contentHash(text);
    const v = this.map.get(key);
    if (v !== undefined) {
      // Re-insert: Map iteration order is insertion order, so the first key is the LRU.
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(text: string, value: V): void {
    const key = contentHash(text);
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }
}

import BTree from 'sorted-btree';
import { compareKeys } from '../protocol';

/** One stored record, as RANGE returns it. */
export interface StoredRecord {
  key: string;
  value: string;
}

/** A page of a range read. */
export interface RangePage {
  records: StoredRecord[];
  /** True when more keys exist in the range past the last one returned. */
  truncated: boolean;
}

/**
 * The server's key space: a B+ tree ordered by the UTF-8 bytes of the keys (HPKV's order), so
 * writes cost O(log n) and a range read O(log n + k) however large the store grows.
 */
export class RecordStore {
  private readonly tree = new BTree<string, string>(undefined, compareKeys);

  get size(): number {
    return this.tree.size;
  }

  get(key: string): string | undefined {
    return this.tree.get(key);
  }

  set(key: string, value: string): void {
    this.tree.set(key, value, true);
  }

  /** @returns false when the key did not exist. */
  delete(key: string): boolean {
    return this.tree.delete(key);
  }

  /** Records with `start <= key <= end` in key order, at most `limit` of them. */
  range(start: string, end: string, limit: number): RangePage {
    if (compareKeys(start, end) > 0) return { records: [], truncated: false };
    // One record past the limit tells whether more keys exist, without a second lookup.
    const pairs = this.tree.getRange(start, end, true, limit + 1);
    const truncated = pairs.length > limit;
    const count = truncated ? limit : pairs.length;
    const records = new Array<StoredRecord>(count);
    for (let i = 0; i < count; i++) records[i] = { key: pairs[i][0], value: pairs[i][1] };
    return { records, truncated };
  }

  /** Every record in key order (for persistence). */
  *entries(): IterableIterator<[string, string]> {
    yield* this.tree.entries();
  }

  clear(): void {
    this.tree.clear();
  }
}

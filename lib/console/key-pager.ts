import { prefixRange } from './key-range';

/** Appended to a page's last key to start the next page just after it (the smallest character). */
const NEXT_KEY_SUFFIX = '\u0000';

/**
 * Where each page of a prefix starts: forward from the last key shown, back along the starts
 * already visited. No key count is needed, so 10 keys or 10 million page alike.
 */
export class KeyPager {
  readonly range: { start: string; end: string };
  private readonly starts: string[];

  constructor(
    readonly prefix: string,
    readonly pageSize: number,
  ) {
    this.range = prefixRange(prefix);
    this.starts = [this.range.start];
  }

  /** First key (inclusive) the current page may show. */
  get start(): string {
    return this.starts[this.starts.length - 1];
  }

  /** 1-based. */
  get pageNumber(): number {
    return this.starts.length;
  }

  /** Moves to the page after the one whose last key is `lastKey`. */
  forward(lastKey: string): void {
    this.starts.push(lastKey + NEXT_KEY_SUFFIX);
  }

  /** Moves to the previous page; false on the first. */
  back(): boolean {
    if (this.starts.length === 1) return false;
    this.starts.pop();
    return true;
  }

  /**
   * The keys the current page is responsible for: from its start to its last key, or to the end
   * of the prefix on the last page (so a key created after the last one shows up there).
   */
  bounds(lastKey: string | undefined, hasMore: boolean): { start: string; end: string } {
    return { start: this.start, end: hasMore && lastKey !== undefined ? lastKey : this.range.end };
  }
}

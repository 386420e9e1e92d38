import { EMPTY, expand, map, takeWhile, type Observable } from 'rxjs';
import { MAX_RANGE_LIMIT, RANGE_NEXT_PAGE_SUFFIX, type HPKVRangeRecord, type HPKVRangeResponse } from '../../protocol';

/** Options of `scan$`. */
export interface ScanOptions {
  /** Records per RANGE request (the server clamps to `MAX_RANGE_LIMIT`, 1000). @default 1000 */
  pageSize?: number;
}

/** What `scan$` needs from a client. */
export interface RangeReader {
  range$(key: string, endKey: string, options?: { limit?: number }): Observable<HPKVRangeResponse>;
}

/**
 * Every record of `[start, end]`, page by page: one RANGE per page, the next one requested only
 * after the previous page has been emitted to (and taken by) the subscriber, so a consumer that
 * stops early (`take`, unsubscribe) stops the reads. Pages continue from last key + "\0".
 */
export function scanRange$(reader: RangeReader, start: string, end: string, options: ScanOptions = {}): Observable<HPKVRangeRecord[]> {
  const limit = options.pageSize ?? MAX_RANGE_LIMIT;
  return reader.range$(start, end, { limit }).pipe(
    expand((page) => {
      const last = page.records[page.records.length - 1];
      if (!page.truncated || last === undefined) return EMPTY;
      return reader.range$(last.key + RANGE_NEXT_PAGE_SUFFIX, end, { limit });
    }, 1),
    takeWhile((page) => page.records.length > 0 || page.truncated),
    map((page) => page.records),
  );
}

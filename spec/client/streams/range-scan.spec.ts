import { Observable, take, toArray } from 'rxjs';
import { scanRange$, type RangeReader } from '../../../lib/client/streams/range-scan';

function reader(keys: string[], log: string[]): RangeReader {
  return {
    range$(key, endKey, options) {
      // Cold and closed-aware, like the client's: the request goes out on subscribe.
      return new Observable((subscriber) => {
        if (subscriber.closed) return;
        log.push(key);
        const inRange = keys.filter((k) => k >= key && k <= endKey);
        const records = inRange.slice(0, options!.limit).map((k) => ({ key: k, value: k }));
        subscriber.next({ code: 200, records, count: records.length, truncated: inRange.length > options!.limit! });
        subscriber.complete();
      });
    },
  };
}

describe('scanRange$', () => {
  it('emits every page, continuing from the last key + "\\0"', () => {
    const log: string[] = [];
    const pages: string[][] = [];
    scanRange$(reader(['a', 'b', 'c', 'd', 'e'], log), 'a', 'z', { pageSize: 2 }).subscribe((page) => pages.push(page.map((r) => r.key)));
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(log).toEqual(['a', 'b\u0000', 'd\u0000']);
  });

  it('reads no further than the consumer takes', () => {
    const log: string[] = [];
    let pages: unknown[] = [];
    scanRange$(reader(['a', 'b', 'c', 'd', 'e'], log), 'a', 'z', { pageSize: 2 })
      .pipe(take(1), toArray())
      .subscribe((all) => (pages = all));
    expect(pages).toHaveLength(1);
    expect(log).toEqual(['a']);
  });

  it('emits nothing for an empty range', () => {
    const pages: unknown[] = [];
    scanRange$(reader([], []), 'a', 'z').subscribe((page) => pages.push(page));
    expect(pages).toEqual([]);
  });
});

import { catchError, defaultIfEmpty, filter, map, of, Subject, switchMap, take, type Observable } from 'rxjs';
import { isWatchNotification, type HPKVSubscriptionClient } from '../client';
import { describeError } from './describe-error';
import { KeyPager } from './key-pager';
import { watchPatternFor } from './key-range';
import { KeyTable } from './key-table';
import { type ConsoleViews } from './views';

type PageResult = { pager: KeyPager; records: { key: string; value: string }[] } | { pager: KeyPager; error: unknown };

/** Reads one page (one more record than shown, to know whether another page follows). */
function readPage$(client: HPKVSubscriptionClient, pager: KeyPager): Observable<PageResult> {
  // scan$ asks for its next page only once this one is taken: take(1) makes it one RANGE.
  return client.scan$(pager.start, pager.range.end, { pageSize: pager.pageSize + 1 }).pipe(
    take(1),
    defaultIfEmpty([]),
    map((records): PageResult => ({ pager, records })),
    catchError((error: unknown) => of<PageResult>({ pager, error })),
  );
}

/**
 * Browse by prefix, page by page (`scan$`), kept current by `watch$` on the prefix: a change
 * touches one row. Page loads are `switchMap`ped, so a quick double "Next" shows the last page
 * asked for, never an older reply.
 */
export class KeyBrowser {
  readonly table: KeyTable;
  private pager = new KeyPager('', 50);
  private lastKey: string | undefined;
  private readonly prefixes = new Subject<string>();
  private readonly loads = new Subject<KeyPager>();

  constructor(
    client: HPKVSubscriptionClient,
    private readonly view: ConsoleViews['keys'],
    open: (key: string) => void,
  ) {
    this.table = new KeyTable(view.body, open);
    // The watch for a prefix starts before its first page is read, so no change falls between.
    // Both live as long as the page: the client is destroyed with it (pagehide). Its gaps are
    // not needed here: the page is read again after every reconnect (main.ts).
    this.prefixes
      .pipe(switchMap((prefix) => client.watch$(watchPatternFor(prefix)).pipe(filter(isWatchNotification))))
      .subscribe((notification) => this.table.apply(notification.key, notification.value));
    this.loads.pipe(switchMap((pager) => readPage$(client, pager))).subscribe((result) => this.render(result));
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.browse(view.prefix.value, Number(view.pageSize.value));
    });
    view.next.addEventListener('click', () => {
      if (this.lastKey === undefined) return;
      this.pager.forward(this.lastKey);
      this.loads.next(this.pager);
    });
    view.previous.addEventListener('click', () => {
      if (this.pager.back()) this.loads.next(this.pager);
    });
  }

  /** Shows the first page of `prefix`. */
  browse(prefix: string, pageSize: number): void {
    this.pager = new KeyPager(prefix, pageSize);
    this.prefixes.next(prefix);
    this.loads.next(this.pager);
  }

  /** Reads the current page again (after a reconnect: notifications are not replayed). */
  reload(): void {
    this.loads.next(this.pager);
  }

  private render(result: PageResult): void {
    const { pager } = result;
    const { view } = this;
    if ('error' in result) {
      view.info.textContent = `Could not read the keys: ${describeError(result.error)}`;
      return;
    }
    const hasMore = result.records.length > pager.pageSize;
    const shown = result.records.slice(0, pager.pageSize);
    this.lastKey = shown[shown.length - 1]?.key;
    this.table.show({ prefix: pager.prefix, records: shown, bounds: pager.bounds(this.lastKey, hasMore) });
    const first = (pager.pageNumber - 1) * pager.pageSize + 1;
    const under = pager.prefix === '' ? '' : ` starting with "${pager.prefix}"`;
    view.info.textContent =
      shown.length === 0
        ? `No keys${under}`
        : `Page ${pager.pageNumber}: keys${under}, ${first}–${first + shown.length - 1}${hasMore ? '' : ' (last page)'}`;
    view.previous.disabled = pager.pageNumber === 1;
    view.next.disabled = !hasMore;
  }
}

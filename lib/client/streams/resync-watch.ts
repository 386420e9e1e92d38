import { concat, defer, filter, map, merge, of, reduce, type Observable } from 'rxjs';
import { type HPKVRangeRecord } from '../../protocol';
import { type ConnectionState } from '../connection/connection-state';
import { prefixRange } from './prefix-range';
import { scanRange$, type RangeReader, type ScanOptions } from './range-scan';
import { readOnEachOpen, type Down } from './read-on-each-open';
import { isWatchNotification, type WatchEvent, type WatchNotification } from './watch-event';

/** What a resynced watch needs from a client. */
export interface ResyncSource extends RangeReader {
  readonly state$: Observable<ConnectionState>;
  /** The client's clock (its scheduler): gap times and resynced timestamps. */
  now(): number;
}

/** One step of a resynced watch: what it emits now, and whether what it delivered may be behind the server. */
export interface ResyncStep {
  readonly events: WatchEvent[];
  readonly stale: boolean;
}

type ResyncEvent = WatchNotification | Down | { type: 'open' } | { type: 'snapshot'; records: HPKVRangeRecord[] };

/** One subscription's memory: the last value delivered per key, and the connection as it saw it. */
class Resync {
  /** Last value delivered per key (as text, the form RANGE reads give); deleted keys are absent. */
  private delivered = new Map<string, string>();
  private reading = false;
  /** Notifications delivered while a read was in progress: newer than the part of it already read. */
  private duringRead: WatchNotification[] = [];
  private lostAt: number | undefined;
  private everOpen = false;
  private stale = true;

  constructor(private readonly now: () => number) {}

  step(event: ResyncEvent): ResyncStep {
    if (event.type === 'down') {
      if (this.everOpen) this.lostAt ??= this.now();
      this.stale = true;
      this.reading = false;
      return { events: [], stale: true };
    }
    if (event.type === 'open') {
      const events: WatchEvent[] = this.lostAt === undefined ? [] : [{ type: 'gap', since: this.lostAt, until: this.now() }];
      this.lostAt = undefined;
      this.everOpen = true;
      this.reading = true;
      this.duringRead = [];
      return { events, stale: this.stale };
    }
    if (event.type === 'snapshot') return { events: this.resync(event.records), stale: (this.stale = false) };
    if (event.value === null) this.delivered.delete(event.key);
    else this.delivered.set(event.key, String(event.value));
    if (this.reading) this.duringRead.push(event);
    return { events: [event], stale: this.stale };
  }

  /** The differences between what was delivered and the server's state (the read, then what was notified during it). */
  private resync(records: HPKVRangeRecord[]): WatchNotification[] {
    const server = new Map(records.map((record): [string, string] => [record.key, record.value]));
    for (const change of this.duringRead) {
      if (change.value === null) server.delete(change.key);
      else server.set(change.key, String(change.value));
    }
    const timestamp = this.now();
    const differences: WatchNotification[] = [];
    for (const [key, value] of server) {
      if (this.delivered.get(key) !== value) differences.push({ type: 'notification', key, value, timestamp, resynced: true });
    }
    for (const key of this.delivered.keys()) {
      if (!server.has(key)) differences.push({ type: 'notification', key, value: null, timestamp, resynced: true });
    }
    this.delivered = server;
    this.reading = false;
    this.duringRead = [];
    return differences;
  }
}

/**
 * `watch$(prefix + '*', { resync: true })`: the prefix's records as they are when first read
 * (marked `resynced`), then its notifications; after every reconnect a gap, then the differences
 * between what was delivered and a re-read of the prefix (changed, created, and deleted keys as
 * `null`, marked `resynced`), so folding the stream gives the server's state. Reads page through
 * any number of records. Each subscription reads and remembers on its own.
 */
export function resyncWatch$(source: ResyncSource, watch$: Observable<WatchEvent>, prefix: string, options?: ScanOptions): Observable<ResyncStep> {
  const { start, end } = prefixRange(prefix);
  const read$ = (): Observable<ResyncEvent> =>
    concat(
      of<ResyncEvent>({ type: 'open' }),
      scanRange$(source, start, end, options).pipe(
        reduce((all, page) => all.concat(page), [] as HPKVRangeRecord[]),
        map((records): ResyncEvent => ({ type: 'snapshot', records })),
      ),
    );
  return defer(() => {
    const resync = new Resync(() => source.now());
    // The watch's own gaps are left out: this stream reports its own, in order with its reads.
    // merge subscribes to the notifications first: listening starts before the read is sent.
    return merge(watch$.pipe(filter(isWatchNotification)), readOnEachOpen(source.state$, read$)).pipe(map((event) => resync.step(event)));
  });
}

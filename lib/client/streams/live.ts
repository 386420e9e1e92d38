import { catchError, concat, defer, filter, map, merge, distinctUntilChanged, of, reduce, scan, switchMap, throwError, type Observable } from 'rxjs';
import { compareKeys, type HPKVGetResponse, type HPKVNotificationResponse, type HPKVRangeRecord, type HPKVRangeResponse } from '../../protocol';
import { ConnectionState } from '../connection/connection-state';
import { HPKVError } from '../errors';
import { scanRange$, type ScanOptions } from './range-scan';

/** What the live streams need from a client. */
export interface LiveSource {
  readonly state$: Observable<ConnectionState>;
  readonly notifications$: Observable<HPKVNotificationResponse>;
  get$(key: string): Observable<HPKVGetResponse>;
  range$(key: string, endKey: string, options?: { limit?: number }): Observable<HPKVRangeResponse>;
}

/** A key's value: a string (or a number for counters on some servers), null when missing. */
export type LiveValue = string | number | null;

/** Each time the connection (re)opens: notifications are not replayed, so state must be re-read. */
const whenConnected$ = (source: LiveSource): Observable<unknown> => source.state$.pipe(filter((state) => state === ConnectionState.CONNECTED));

/**
 * The key's current value, then every change (null when missing or deleted). It listens before
 * it reads, so no change between the GET and the first notification is lost; it re-reads after
 * every reconnect; repeats are suppressed. The token's patterns must include the key.
 */
export function live$(source: LiveSource, key: string): Observable<LiveValue> {
  const changes$ = source.notifications$.pipe(
    filter((notification) => notification.key === key),
    map((notification) => notification.value),
  );
  const reads$ = whenConnected$(source).pipe(
    switchMap(() =>
      source.get$(key).pipe(
        map((reply): LiveValue => reply.value),
        catchError((error: unknown) => (error instanceof HPKVError && error.code === 404 ? of(null) : throwError(() => error))),
      ),
    ),
  );
  // merge subscribes to changes$ first: listening starts before the read is sent.
  return merge(changes$, reads$).pipe(distinctUntilChanged());
}

type RangeEvent = { type: 'reading' } | { type: 'snapshot'; records: HPKVRangeRecord[] } | { type: 'change'; key: string; value: LiveValue };

interface RangeState {
  records: Map<string, string>;
  reading: boolean;
  /** Changes seen while a read was in progress, re-applied on top of its snapshot. */
  duringRead: { key: string; value: LiveValue }[];
  ready: boolean;
  changed: boolean;
}

function apply(records: Map<string, string>, key: string, value: LiveValue): void {
  if (value === null) records.delete(key);
  else records.set(key, String(value));
}

/**
 * The records of `[start, end]`, kept current from notifications (insert, update, delete) and
 * re-read after every reconnect, in UTF-8 byte order. Reads page through ranges larger than
 * the server's 1000-record limit. Changes that arrive during a read are re-applied on top of
 * its snapshot, so a page read before a change cannot bring back an old value.
 */
export function liveRange$(source: LiveSource, start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
  const inRange = (key: string): boolean => compareKeys(start, key) <= 0 && compareKeys(key, end) <= 0;
  const changes$ = source.notifications$.pipe(
    filter((notification) => inRange(notification.key)),
    map((notification): RangeEvent => ({ type: 'change', key: notification.key, value: notification.value })),
  );
  const reads$ = whenConnected$(source).pipe(
    switchMap(() =>
      concat(
        of<RangeEvent>({ type: 'reading' }),
        scanRange$(source, start, end, options).pipe(
          reduce((all, page) => all.concat(page), [] as HPKVRangeRecord[]),
          map((records): RangeEvent => ({ type: 'snapshot', records })),
        ),
      ),
    ),
  );
  // defer: each subscriber gets its own state.
  return defer(() => merge(changes$, reads$).pipe(
    scan(
      (state: RangeState, event: RangeEvent): RangeState => {
        state.changed = false;
        if (event.type === 'reading') {
          state.reading = true;
          state.duringRead = [];
        } else if (event.type === 'snapshot') {
          state.records = new Map(event.records.map((record) => [record.key, record.value]));
          for (const change of state.duringRead) apply(state.records, change.key, change.value);
          state.reading = false;
          state.duringRead = [];
          state.ready = true;
          state.changed = true;
        } else {
          if (state.reading) state.duringRead.push(event);
          apply(state.records, event.key, event.value);
          state.changed = state.ready;
        }
        return state;
      },
      { records: new Map(), reading: false, duringRead: [], ready: false, changed: false },
    ),
    filter((state) => state.changed),
    map((state) => [...state.records].sort(([a], [b]) => compareKeys(a, b)).map(([key, value]) => ({ key, value }))),
  ));
}

import { catchError, distinctUntilChanged, filter, map, merge, of, scan, startWith, throwError, type Observable } from 'rxjs';
import { type HPKVGetResponse, type HPKVNotificationResponse, type HPKVRangeResponse } from '../../protocol';
import { type ConnectionState } from '../connection/connection-state';
import { HPKVError } from '../errors';
import { type LiveState } from './live-state';
import { readOnEachOpen, type Down } from './read-on-each-open';

/** What the live streams need from a client. */
export interface LiveSource {
  readonly state$: Observable<ConnectionState>;
  readonly notifications$: Observable<HPKVNotificationResponse>;
  get$(key: string): Observable<HPKVGetResponse>;
  range$(key: string, endKey: string, options?: { limit?: number }): Observable<HPKVRangeResponse>;
}

/** A key's value: a string (or a number for counters on some servers), null when missing. */
export type LiveValue = string | number | null;

type KeyEvent = { type: 'read' | 'change'; value: LiveValue } | Down;

const UNREAD: LiveState<never> = { value: undefined, stale: true };

/**
 * The key's value with whether it is current: `{ value: undefined, stale: true }` at once, then
 * the value read and each change. It listens before it reads, so no change between the GET and
 * the first notification is lost; it turns stale when the connection stops being open and fresh
 * again once the re-read after the reopen has answered. The token's patterns must include the key.
 */
export function liveState$(source: LiveSource, key: string): Observable<LiveState<LiveValue>> {
  const changes$ = source.notifications$.pipe(
    filter((notification) => notification.key === key),
    map((notification): KeyEvent => ({ type: 'change', value: notification.value })),
  );
  const reads$ = readOnEachOpen(source.state$, () =>
    source.get$(key).pipe(
      map((reply): KeyEvent => ({ type: 'read', value: reply.value })),
      catchError((error: unknown) => (error instanceof HPKVError && error.code === 404 ? of<KeyEvent>({ type: 'read', value: null }) : throwError(() => error))),
    ),
  );
  // merge subscribes to changes$ first: listening starts before the read is sent.
  return merge(changes$, reads$).pipe(
    scan((state: LiveState<LiveValue>, event: KeyEvent): LiveState<LiveValue> => {
      if (event.type === 'down') return { value: state.value, stale: true };
      return { value: event.value, stale: event.type === 'read' ? false : state.stale };
    }, UNREAD),
    startWith(UNREAD),
    distinctUntilChanged((a, b) => a.value === b.value && a.stale === b.stale),
  );
}

/** The values of a state form: each value once known, repeats suppressed. */
export function liveValues<T>(): (states: Observable<LiveState<T>>) => Observable<T> {
  return (states) =>
    states.pipe(
      filter((state) => state.value !== undefined),
      map((state) => state.value as T),
      distinctUntilChanged(),
    );
}

/**
 * The key's current value, then every change (null when missing or deleted): `liveState$`'s
 * values. It re-reads after every reconnect; repeats are suppressed. The token's patterns must
 * include the key.
 */
export function live$(source: LiveSource, key: string): Observable<LiveValue> {
  return liveState$(source, key).pipe(liveValues());
}

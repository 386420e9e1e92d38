import { BehaviorSubject, defer, map, of, Subject, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { ConnectionState } from '../../lib/client/connection/connection-state';
import { HPKVError } from '../../lib/client/errors';
import { type LiveSource } from '../../lib/client/streams/live';
import { compareKeys, type HPKVGetResponse, type HPKVNotificationResponse, type HPKVRangeResponse } from '../../lib/protocol';

/**
 * A scripted client for the live streams: the spec sets the connection state, writes to the
 * store (with or without a notification) and decides how replies come back. Replies read the
 * store when they are sent, as a server does: with `replyAfter` they come that many frames later
 * on `scheduler` (marble time), otherwise at once.
 */
export function fakeLiveSource(options: { scheduler?: SchedulerLike; replyAfter?: number; state?: ConnectionState } = {}) {
  const state$ = new BehaviorSubject<ConnectionState>(options.state ?? ConnectionState.CONNECTED);
  const notifications$ = new Subject<HPKVNotificationResponse>();
  const store = new Map<string, string>();
  const log: string[] = [];
  /** Replaces the next replies with these errors, in order. */
  const failures: Error[] = [];
  let pendingGet: Subject<HPKVGetResponse> | undefined;
  /** A cold reply: each subscription is one request, as with a real client. */
  const later = <T>(request: string, reply: () => T): Observable<T> =>
    defer(() => {
      log.push(request);
      const failure = failures.shift();
      if (failure !== undefined) return throwError(() => failure);
      if (options.scheduler === undefined || options.replyAfter === undefined) return of(reply());
      return timer(options.replyAfter, options.scheduler).pipe(map(reply));
    });
  const source: LiveSource & { holdGets: boolean } = {
    holdGets: false,
    state$,
    notifications$,
    get$(key): Observable<HPKVGetResponse> {
      if (source.holdGets) {
        log.push(`GET ${key}`);
        return (pendingGet = new Subject<HPKVGetResponse>());
      }
      return later(`GET ${key}`, () => store.get(key)).pipe(
        map((value) => {
          if (value === undefined) throw new HPKVError('Record not found', 404);
          return { code: 200, key, value };
        }),
      );
    },
    range$(key, endKey, rangeOptions): Observable<HPKVRangeResponse> {
      return later(`RANGE ${key}..${endKey}`, () => {
        const keys = [...store.keys()].filter((k) => compareKeys(k, key) >= 0 && compareKeys(k, endKey) <= 0).sort(compareKeys);
        const limit = rangeOptions?.limit ?? 100;
        const records = keys.slice(0, limit).map((k) => ({ key: k, value: store.get(k)! }));
        return { code: 200, records, count: records.length, truncated: keys.length > limit };
      });
    },
  };
  /** A write seen by the subscriber: stored, then notified. */
  const notify = (key: string, value: string | null): void => {
    write(key, value);
    notifications$.next({ type: 'notification', key, value, timestamp: 0 });
  };
  /** A write the subscriber does not see (it was disconnected): stored only. */
  const write = (key: string, value: string | null): void => {
    if (value === null) store.delete(key);
    else store.set(key, value);
  };
  return { source, state$, store, log, failures, notify, write, releaseGet: (reply: HPKVGetResponse) => pendingGet!.next(reply) };
}

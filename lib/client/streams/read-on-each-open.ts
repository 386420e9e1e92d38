import { catchError, distinctUntilChanged, EMPTY, map, of, retry, switchMap, throwError, type Observable } from 'rxjs';
import { ConnectionState } from '../connection/connection-state';
import { ConnectionError, TimeoutError } from '../errors';

/** The connection stopped being open: what a live stream held may now be behind the server. */
export const DOWN = { type: 'down' } as const;
export type Down = typeof DOWN;

/** True while the connection is open, false otherwise; once per change. */
export function connected$(state$: Observable<ConnectionState>): Observable<boolean> {
  return state$.pipe(
    map((state) => state === ConnectionState.CONNECTED),
    distinctUntilChanged(),
  );
}

/**
 * `read$()` each time the connection opens (notifications are not replayed, so state must be
 * re-read), switched off when it closes; `DOWN` whenever it is not open, at once when subscribed
 * to a client that is not connected. A read that fails because the connection went away waits
 * for the next open (the stream stays stale, and says so); one that timed out is tried again
 * while the connection stays open. Anything else (403, a bad pattern) is the stream's error.
 */
export function readOnEachOpen<T>(state$: Observable<ConnectionState>, read$: () => Observable<T>): Observable<T | Down> {
  return connected$(state$).pipe(
    switchMap((open) =>
      open
        ? read$().pipe(
            retry({ delay: (error: unknown) => (error instanceof TimeoutError ? of(undefined) : throwError(() => error)) }),
            catchError((error: unknown) => (error instanceof ConnectionError ? EMPTY : throwError(() => error))),
          )
        : of(DOWN),
    ),
  );
}

import { filter, finalize, share, throwError, type Observable } from 'rxjs';
import { compileSubscriptionPattern, type HPKVNotificationResponse } from '../protocol';
import { GuardedObservable } from './guarded-observable';

/**
 * `watch$(pattern)` streams: one per pattern, shared and ref-counted, dropped from the cache
 * when the last subscriber leaves. They are built on the connection-wide `notifications$`,
 * which outlives reconnects, so watchers need not do anything when the connection drops.
 */
export class Watchers {
  private readonly byPattern = new Map<string, Observable<HPKVNotificationResponse>>();

  constructor(
    private readonly notifications$: Observable<HPKVNotificationResponse>,
    private readonly report: (error: Error) => void,
  ) {}

  /**
   * Notifications whose key matches `pattern` by HPKV's rules (exact, `*` glob, `^regex`).
   * The token decides what the server sends; this narrows it down client-side.
   * An invalid `^regex` gives a stream that errors with `KeyPatternError` (code 400).
   */
  watch$(pattern: string): Observable<HPKVNotificationResponse> {
    let stream = this.byPattern.get(pattern);
    if (stream === undefined) {
      let matches: (key: string) => boolean;
      try {
        matches = compileSubscriptionPattern(pattern);
      } catch (error) {
        return throwError(() => error);
      }
      stream = new GuardedObservable(
        this.notifications$.pipe(
          filter((notification) => matches(notification.key)),
          finalize(() => this.byPattern.delete(pattern)),
          share({ resetOnRefCountZero: true }),
        ),
        this.report,
      );
      this.byPattern.set(pattern, stream);
    }
    return stream;
  }
}

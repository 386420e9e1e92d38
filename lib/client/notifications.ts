import { filter, finalize, share, throwError, type Observable } from 'rxjs';
import { compileSubscriptionPattern, type HPKVNotificationResponse } from '../protocol';

/**
 * `watch$(pattern)` streams: one per pattern, shared and ref-counted, dropped from the cache
 * when the last subscriber leaves (directly or through any operator: they are plain RxJS
 * compositions, so an operator's unsubscribe reaches them). They are built on the
 * connection-wide `notifications$`, which outlives reconnects, so watchers need not do anything
 * when the connection drops.
 */
export class Watchers {
  private readonly byPattern = new Map<string, Observable<HPKVNotificationResponse>>();

  constructor(private readonly notifications$: Observable<HPKVNotificationResponse>) {}

  /**
   * Notifications whose key matches `pattern` by HPKV's rules (exact, `*` glob, `^regex`).
   * The token decides what the server sends; this narrows it down client-side.
   * An invalid `^regex` gives a stream that errors with `KeyPatternError` (code 400).
   */
  watch$(pattern: string): Observable<HPKVNotificationResponse> {
    const cached = this.byPattern.get(pattern);
    if (cached !== undefined) return cached;
    let matches: (key: string) => boolean;
    try {
      matches = compileSubscriptionPattern(pattern);
    } catch (error) {
      return throwError(() => error);
    }
    const stream = this.notifications$.pipe(
      filter((notification) => matches(notification.key)),
      // A caller may still hold a stream that was dropped and re-subscribe to it: it works, but
      // its end must not evict the stream now cached for the same pattern.
      finalize(() => this.byPattern.get(pattern) === stream && this.byPattern.delete(pattern)),
      share({ resetOnRefCountZero: true }),
    );
    this.byPattern.set(pattern, stream);
    return stream;
  }
}

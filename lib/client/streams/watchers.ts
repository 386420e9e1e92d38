import { Observable, throwError, type Subscription } from 'rxjs';
import { compileSubscriptionPattern, type HPKVNotificationResponse, type KeyMatcher } from '../../protocol';
import { FanOut } from '../fan-out';

/** One pattern's stream: its subscribers share one fan-out fed by `Watchers`. */
interface Watch {
  readonly pattern: string;
  readonly matches: KeyMatcher;
  readonly fanOut: FanOut<HPKVNotificationResponse>;
  readonly stream$: Observable<HPKVNotificationResponse>;
  subscribers: number;
}

/**
 * `watch$(pattern)` streams, shared and ref-counted per pattern: the one primitive that owns
 * listener add and remove (rxfire's shape). It listens to the connection-wide `notifications$`
 * (which outlives reconnects) only while some pattern is watched, and hands each notification
 * to the matching patterns' subscribers directly: one subscription upstream, one `next` per
 * matching pattern, rather than a `filter`/`finalize`/`share` chain per pattern run for every
 * notification. Each stream is `new Observable(subscriber => … return teardown)`, so the last
 * subscriber leaving, directly or through any operator, drops the pattern.
 */
export class Watchers {
  /** The stream handed out for each pattern (the same one while it has subscribers). */
  private readonly byPattern = new Map<string, Watch>();
  /** Streams with subscribers: what notifications are routed to. */
  private readonly active = new Set<Watch>();
  private upstream: Subscription | undefined;

  constructor(private readonly notifications$: Observable<HPKVNotificationResponse>) {}

  /**
   * Notifications whose key matches `pattern` by HPKV's rules (exact, `*` glob, `^regex`).
   * The token decides what the server sends; this narrows it down client-side.
   * An invalid `^regex` gives a stream that errors with `KeyPatternError` (code 400).
   */
  watch$(pattern: string): Observable<HPKVNotificationResponse> {
    const cached = this.byPattern.get(pattern);
    if (cached !== undefined) return cached.stream$;
    let matches: KeyMatcher;
    try {
      matches = compileSubscriptionPattern(pattern);
    } catch (error) {
      return throwError(() => error);
    }
    const fanOut = new FanOut<HPKVNotificationResponse>();
    const stream$ = new Observable<HPKVNotificationResponse>((subscriber) => {
      this.join(watch);
      // Subscribing the subscriber itself registers the fan-out's teardown on it: leaving
      // removes it from the fan-out, then from the pattern.
      fanOut.stream$.subscribe(subscriber);
      return () => this.leave(watch);
    });
    const watch: Watch = { pattern, matches, fanOut, stream$, subscribers: 0 };
    this.byPattern.set(pattern, watch);
    return stream$;
  }

  private join(watch: Watch): void {
    if (watch.subscribers++ === 0) {
      this.active.add(watch);
      // A stream dropped earlier and subscribed again is cached again, unless another is now.
      if (!this.byPattern.has(watch.pattern)) this.byPattern.set(watch.pattern, watch);
    }
    this.upstream ??= this.notifications$.subscribe((notification) => this.route(notification));
  }

  private leave(watch: Watch): void {
    if (--watch.subscribers > 0) return;
    this.active.delete(watch);
    // A caller may still hold a stream that was dropped and re-subscribe to it: its end must
    // not evict the stream now cached for the same pattern.
    if (this.byPattern.get(watch.pattern) === watch) this.byPattern.delete(watch.pattern);
    if (this.active.size === 0) {
      this.upstream?.unsubscribe();
      this.upstream = undefined;
    }
  }

  private route(notification: HPKVNotificationResponse): void {
    for (const watch of this.active) if (watch.matches(notification.key)) watch.fanOut.next(notification);
  }
}

import { Observable, skip, Subscription, throwError } from 'rxjs';
import { compileSubscriptionPattern, type HPKVNotificationResponse, type KeyMatcher } from '../../protocol';
import { type ConnectionState } from '../connection/connection-state';
import { FanOut } from '../fan-out';
import { connected$ } from './read-on-each-open';
import { type WatchEvent } from './watch-event';

/** One pattern's stream: its subscribers share one fan-out fed by `Watchers`. */
interface Watch {
  readonly pattern: string;
  readonly matches: KeyMatcher;
  readonly fanOut: FanOut<WatchEvent>;
  readonly stream$: Observable<WatchEvent>;
  subscribers: number;
  /** When the connection was lost while this pattern was watched: a gap is reported when it reopens. */
  lostAt: number | undefined;
}

/** What `Watchers` listens to. */
export interface WatchSource {
  /** Every notification of the connection. */
  readonly notifications$: Observable<HPKVNotificationResponse>;
  /** The connection state: a gap is the time between losing the connection and having it again. */
  readonly state$: Observable<ConnectionState>;
  /** The clock gaps are measured on (the client's scheduler). */
  now(): number;
}

/**
 * `watch$(pattern)` streams, shared and ref-counted per pattern: the one primitive that owns
 * listener add and remove (rxfire's shape). It listens to the connection-wide `notifications$`
 * (which outlives reconnects) only while some pattern is watched, and hands each notification
 * to the matching patterns' subscribers directly: one subscription upstream, one `next` per
 * matching pattern, rather than a `filter`/`finalize`/`share` chain per pattern run for every
 * notification. Each stream is `new Observable(subscriber => … return teardown)`, so the last
 * subscriber leaving, directly or through any operator, drops the pattern.
 *
 * Gaps: while a pattern is watched and the connection is lost, it remembers when; when the
 * connection is open again it emits a `WatchGap` before any newer notification. A pattern first
 * watched while the connection was down has missed nothing it was watching for, so it gets none.
 */
export class Watchers {
  /** The stream handed out for each pattern (the same one while it has subscribers). */
  private readonly byPattern = new Map<string, Watch>();
  /** Streams with subscribers: what notifications are routed to (an array, copied on change, so a route allocates nothing). */
  private active: readonly Watch[] = [];
  private upstream: Subscription | undefined;

  constructor(private readonly source: WatchSource) {}

  /**
   * Notifications whose key matches `pattern` by HPKV's rules (exact, `*` glob, `^regex`).
   * The token decides what the server sends; this narrows it down client-side.
   * An invalid `^regex` gives a stream that errors with `KeyPatternError` (code 400).
   */
  watch$(pattern: string): Observable<WatchEvent> {
    const cached = this.byPattern.get(pattern);
    if (cached !== undefined) return cached.stream$;
    let matches: KeyMatcher;
    try {
      matches = compileSubscriptionPattern(pattern);
    } catch (error) {
      return throwError(() => error);
    }
    const fanOut = new FanOut<WatchEvent>();
    const stream$ = new Observable<WatchEvent>((subscriber) => {
      this.join(watch);
      // Subscribing the subscriber itself registers the fan-out's teardown on it: leaving
      // removes it from the fan-out, then from the pattern.
      fanOut.stream$.subscribe(subscriber);
      return () => this.leave(watch);
    });
    const watch: Watch = { pattern, matches, fanOut, stream$, subscribers: 0, lostAt: undefined };
    this.byPattern.set(pattern, watch);
    return stream$;
  }

  private join(watch: Watch): void {
    if (watch.subscribers++ === 0) {
      this.active = [...this.active, watch];
      // A stream dropped earlier and subscribed again is cached again, unless another is now.
      if (!this.byPattern.has(watch.pattern)) this.byPattern.set(watch.pattern, watch);
    }
    if (this.upstream === undefined) {
      this.upstream = new Subscription();
      this.upstream.add(this.source.notifications$.subscribe((notification) => this.route(notification)));
      // skip(1): the state at this moment is no change; a watch starting while down missed nothing.
      this.upstream.add(connected$(this.source.state$).pipe(skip(1)).subscribe((open) => this.link(open)));
    }
  }

  private leave(watch: Watch): void {
    if (--watch.subscribers > 0) return;
    this.active = this.active.filter((each) => each !== watch);
    watch.lostAt = undefined;
    // A caller may still hold a stream that was dropped and re-subscribe to it: its end must
    // not evict the stream now cached for the same pattern.
    if (this.byPattern.get(watch.pattern) === watch) this.byPattern.delete(watch.pattern);
    if (this.active.length === 0) {
      this.upstream?.unsubscribe();
      this.upstream = undefined;
    }
  }

  private route(notification: HPKVNotificationResponse): void {
    const active = this.active;
    for (let i = 0; i < active.length; i++) if (active[i].matches(notification.key)) active[i].fanOut.next(notification);
  }

  /** The connection opened or was lost: gaps are measured from the loss to the reopening. */
  private link(open: boolean): void {
    const now = this.source.now();
    for (const watch of this.active) {
      if (!open) watch.lostAt ??= now;
      else if (watch.lostAt !== undefined) {
        const since = watch.lostAt;
        watch.lostAt = undefined;
        watch.fanOut.next({ type: 'gap', since, until: now });
      }
    }
  }
}

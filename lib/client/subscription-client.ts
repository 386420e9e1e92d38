import { map, mergeMap, throwError, type Observable, type Subscription } from 'rxjs';
import { type HPKVNotificationResponse, type HPKVRangeRecord } from '../protocol';
import { liveState$, liveValues, type LiveValue } from './streams/live';
import { liveRangeState$ } from './streams/live-range';
import { type LiveState } from './streams/live-state';
import { patternPrefix } from './streams/prefix-range';
import { type ScanOptions } from './streams/range-scan';
import { resyncWatch$, type ResyncSource } from './streams/resync-watch';
import { SyncTracker } from './streams/sync-tracker';
import { type WatchEvent } from './streams/watch-event';
import { BaseClient } from './base-client';
import { parseBaseUrl, webSocketUrl } from './base-url';
import { type ConnectionConfig } from './config';
import { destroyedError, HPKVError } from './errors';
import { isolate } from './isolate';
import { Watchers } from './streams/watchers';
import { tokenSource, type TokenProvider } from './connection/token-source';

export { type TokenProvider };

/** Callback of `subscribe()`, as the official SDK's `HPKVEventHandler`. */
export type HPKVEventHandler = (notification: HPKVNotificationResponse) => void;

/** Options of `watch$`. */
export interface WatchOptions {
  /**
   * Close the gaps: start with the prefix's records, and after every reconnect emit what changed
   * meanwhile (changed, created, deleted as `null`), each marked `resynced: true`, so that folding
   * the stream gives the server's state. Prefix patterns only (`product:*`); costs a read of the
   * prefix at subscribe and after each reconnect, and memory for its values.
   * @default false
   */
  resync?: boolean;
}

/**
 * A client authenticated with a subscription token: every operation (within the token's
 * `accessPattern`) plus the notifications its patterns select, as callbacks (`subscribe`) or
 * Observables (`notifications$`, `watch$`).
 */
export class HPKVSubscriptionClient extends BaseClient {
  private readonly callbacks = new Map<string, HPKVEventHandler>();
  /** The callbacks as an array, rebuilt on (un)subscribe, so a delivery allocates nothing. */
  private callbackList: HPKVEventHandler[] = [];
  private readonly watchers: Watchers;
  private readonly sync = new SyncTracker();
  private readonly resyncSource: ResyncSource;
  private nextCallbackId = 1;
  /** Listening for the callbacks, only while there are some. */
  private delivering: Subscription | undefined;

  /**
   * @param token a token, or a provider called on every (re)connect, so a long-lived client
   * outlives HPKV's two-hour token expiry
   */
  constructor(token: string | TokenProvider, baseUrl: string, config?: ConnectionConfig) {
    const base = parseBaseUrl(baseUrl); // a bad URL fails here, not at connect()
    const token$ = tokenSource(token);
    super(() => token$().pipe(map((value) => webSocketUrl(base, { token: value }))), config);
    const now = (): number => this.config.scheduler.now();
    this.watchers = new Watchers({ notifications$: this.notifications$, state$: this.state$, now });
    this.resyncSource = { state$: this.state$, now, range$: (key, endKey, options) => this.range$(key, endKey, options) };
    this.synced$ = this.sync.synced$(this.state$);
  }

  /**
   * True only while connected and every live stream (`live$`, `liveRange$`, their state forms and
   * resynced `watch$`) has read what it missed: false from the moment the connection stops being
   * open until the re-reads after the reconnect are done. One "reconnecting, data may be stale"
   * banner for the whole app. Completes when the client is destroyed.
   */
  readonly synced$: Observable<boolean>;

  override destroy(): void {
    super.destroy();
    this.sync.close();
  }

  /** Calls `callback` with every notification; returns the id for `unsubscribe`. */
  subscribe(callback: HPKVEventHandler): string {
    if (this.connection.isDestroyed) throw destroyedError();
    const id = `sub-${this.nextCallbackId++}`;
    this.callbacks.set(id, callback);
    this.callbackList = [...this.callbacks.values()];
    this.delivering ??= this.notifications$.subscribe((notification) => this.deliver(notification));
    return id;
  }

  unsubscribe(callbackId: string): void {
    this.callbacks.delete(callbackId);
    this.callbackList = [...this.callbacks.values()];
    if (this.callbacks.size > 0) return;
    this.delivering?.unsubscribe();
    this.delivering = undefined;
  }

  /**
   * Notifications whose key matches `pattern` (exact key, `*` glob or `^regex`), and a `WatchGap`
   * after every reconnect (notifications sent while the connection was down are lost: HPKV
   * replays none). With `{ resync: true }` (prefix patterns) the gaps are closed: see `WatchOptions`.
   */
  watch$(pattern: string, options?: WatchOptions): Observable<WatchEvent> {
    return this.unlessDestroyed(() => {
      if (options !== undefined && (typeof options !== 'object' || options === null || !['undefined', 'boolean'].includes(typeof options.resync))) {
        return throwError(() => new HPKVError('Invalid watch$ options: give { resync?: boolean }', 400));
      }
      if (options?.resync !== true) return this.watchers.watch$(pattern);
      const prefix = patternPrefix(pattern);
      if (prefix === undefined) {
        return throwError(
          () =>
            new HPKVError(
              `watch$(${JSON.stringify(pattern)}, { resync: true }) needs a prefix pattern such as 'product:*' (one '*', at the end): only a prefix can be re-read with RANGE. Watch it without resync, or use liveRange$`,
              400,
            ),
        );
      }
      return resyncWatch$(this.resyncSource, this.watchers.watch$(pattern), prefix).pipe(
        this.sync.track(),
        mergeMap((step) => step.events),
      );
    });
  }

  /**
   * The key's value now, then every change (null when missing or deleted); re-read after each
   * reconnect. The token's patterns must include the key. While the client is not connected it
   * waits (and resumes after `connect()`): `liveState$` and `synced$` say when it is stale.
   */
  live$(key: string): Observable<LiveValue> {
    return this.liveState$(key).pipe(liveValues());
  }

  /**
   * `live$` with whether the value is current: `{ value, stale }`, at once on subscribe
   * (`value` undefined until the first read), `stale` from the moment the connection stops
   * being open until the re-read after it reopens has answered.
   */
  liveState$(key: string): Observable<LiveState<LiveValue>> {
    return this.unlessDestroyed(() => liveState$(this, key).pipe(this.sync.track()));
  }

  /** The records of `[start, end]` in key order, kept current; re-read after each reconnect. */
  liveRange$(start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
    return this.liveRangeState$(start, end, options).pipe(liveValues());
  }

  /** `liveRange$` with whether the records are current (see `liveState$`). */
  liveRangeState$(start: string, end: string, options?: ScanOptions): Observable<LiveState<HPKVRangeRecord[]>> {
    return this.unlessDestroyed(() => liveRangeState$(this, start, end, options).pipe(this.sync.track()));
  }

  private deliver(notification: HPKVNotificationResponse): void {
    const callbacks = this.callbackList;
    for (let i = 0; i < callbacks.length; i++) isolate(callbacks[i], notification, 'A subscribe() callback', this.report);
  }

  private readonly report = (error: Error): void => this.events.report(error);
}

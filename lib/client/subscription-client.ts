import { map, type Observable, type Subscription } from 'rxjs';
import { type HPKVNotificationResponse, type HPKVRangeRecord } from '../protocol';
import { live$, liveRange$, type LiveValue } from './streams/live';
import { type ScanOptions } from './streams/range-scan';
import { BaseClient } from './base-client';
import { parseBaseUrl, webSocketUrl } from './base-url';
import { type ConnectionConfig } from './config';
import { destroyedError } from './errors';
import { isolate } from './isolate';
import { Watchers } from './streams/watchers';
import { tokenSource, type TokenProvider } from './connection/token-source';

export { type TokenProvider };

/** Callback of `subscribe()`, as the official SDK's `HPKVEventHandler`. */
export type HPKVEventHandler = (notification: HPKVNotificationResponse) => void;

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
    this.watchers = new Watchers(this.notifications$);
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

  /** Notifications whose key matches `pattern` (exact key, `*` glob or `^regex`). */
  watch$(pattern: string): Observable<HPKVNotificationResponse> {
    return this.unlessDestroyed(() => this.watchers.watch$(pattern));
  }

  /**
   * The key's value now, then every change (null when missing or deleted); re-read after each
   * reconnect. The token's patterns must include the key.
   */
  live$(key: string): Observable<LiveValue> {
    return this.unlessDestroyed(() => live$(this, key));
  }

  /** The records of `[start, end]` in key order, kept current; re-read after each reconnect. */
  liveRange$(start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
    return this.unlessDestroyed(() => liveRange$(this, start, end, options));
  }

  private deliver(notification: HPKVNotificationResponse): void {
    const callbacks = this.callbackList;
    for (let i = 0; i < callbacks.length; i++) isolate(callbacks[i], notification, 'A subscribe() callback', this.report);
  }

  private readonly report = (error: Error): void => this.events.report(error);
}

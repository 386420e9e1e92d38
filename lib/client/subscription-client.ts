import { defer, from, isObservable, map, of, take, type Observable } from 'rxjs';
import { type HPKVNotificationResponse, type HPKVRangeRecord } from '../protocol';
import { live$, liveRange$, type LiveValue } from './live';
import { type ScanOptions } from './range-scan';
import { BaseClient } from './base-client';
import { webSocketUrl } from './base-url';
import { type ConnectionConfig } from './config';
import { Watchers } from './notifications';

/** Something that yields a subscription token; asked on every (re)connect. */
export type TokenProvider = () => string | Promise<string> | Observable<string>;

/** Callback of `subscribe()`, as the official SDK's `HPKVEventHandler`. */
export type HPKVEventHandler = (notification: HPKVNotificationResponse) => void;

/**
 * A client authenticated with a subscription token: every operation (within the token's
 * `accessPattern`) plus the notifications its patterns select, as callbacks (`subscribe`) or
 * Observables (`notifications$`, `watch$`).
 */
export class HPKVSubscriptionClient extends BaseClient {
  private readonly callbacks = new Map<string, HPKVEventHandler>();
  private readonly watchers: Watchers;
  private nextCallbackId = 1;

  /**
   * @param token a token, or a provider called on every (re)connect, so a long-lived client
   * outlives HPKV's two-hour token expiry
   */
  constructor(token: string | TokenProvider, baseUrl: string, config?: ConnectionConfig) {
    const token$ = (): Observable<string> => {
      if (typeof token === 'string') return of(token);
      return defer(() => {
        const result = token();
        return typeof result === 'string' ? of(result) : isObservable(result) ? result : from(result);
      }).pipe(take(1));
    };
    super(() => token$().pipe(map((value) => webSocketUrl(baseUrl, { token: value }))), config);
    this.watchers = new Watchers(this.notifications$);
    this.notifications$.subscribe((notification) => this.deliver(notification));
  }

  /** Calls `callback` with every notification; returns the id for `unsubscribe`. */
  subscribe(callback: HPKVEventHandler): string {
    const id = `sub-${this.nextCallbackId++}`;
    this.callbacks.set(id, callback);
    return id;
  }

  unsubscribe(callbackId: string): void {
    this.callbacks.delete(callbackId);
  }

  /** Notifications whose key matches `pattern` (exact key, `*` glob or `^regex`). */
  watch$(pattern: string): Observable<HPKVNotificationResponse> {
    return this.watchers.watch$(pattern);
  }

  /**
   * The key's value now, then every change (null when missing or deleted); re-read after each
   * reconnect. The token's patterns must include the key.
   */
  live$(key: string): Observable<LiveValue> {
    return live$(this, key);
  }

  /** The records of `[start, end]` in key order, kept current; re-read after each reconnect. */
  liveRange$(start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
    return liveRange$(this, start, end, options);
  }

  private deliver(notification: HPKVNotificationResponse): void {
    if (this.callbacks.size === 0) return;
    for (const callback of [...this.callbacks.values()]) {
      try {
        callback(notification);
      } catch (error) {
        this.connection.emitError(new Error(`A subscribe() callback threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      }
    }
  }
}

import { defer, firstValueFrom, Subject, throwError, type Observable } from 'rxjs';
import { HPKVOperation, type HPKVAtomicResponse, type HPKVDeleteResponse, type HPKVGetResponse, type HPKVNotificationResponse, type HPKVPatchResponse, type HPKVRangeRecord, type HPKVRangeResponse, type HPKVSetResponse } from '../protocol';
import { type ConnectionConfig, resolveConnectionConfig, type ResolvedConnectionConfig } from './config';
import { Connection } from './connection';
import { type ConnectionEvent, type ConnectionEventMap, type ConnectionEventName } from './connection-events';
import { type ConnectionState } from './connection-state';
import { destroyedError, HPKVError, TimeoutError } from './errors';
import { Multiplexer, type OutboundRequest } from './multiplexer';
import { validateRequest, validateTimeout } from './request-validation';
import { RequestThrottle } from './throttle';
import { scanRange$, type ScanOptions } from './range-scan';
import { type ThrottlingConfig, type ThrottlingMetrics } from './throttling-config';

/** Options of `range`, as the official SDK. */
export interface RangeQueryOptions {
  /** At most this many records (server default 100, clamped to 1000). */
  limit?: number;
}

/** What `getConnectionStats()` returns, as the official SDK. */
export interface ConnectionStats {
  isConnected: boolean;
  reconnectAttempts: number;
  /** Requests waiting for a reply or for the connection. */
  messagesPending: number;
  connectionState?: ConnectionState;
  throttling?: ThrottlingMetrics | null;
}

/**
 * Everything both clients share: the connection, the multiplexer, the throttle, and every
 * operation in Observable form (`get$`…) and Promise form (`get`… = `firstValueFrom(get$…)`).
 */
export abstract class BaseClient {
  protected readonly config: ResolvedConnectionConfig;
  protected readonly connection: Connection;
  protected readonly multiplexer: Multiplexer;
  protected readonly throttle: RequestThrottle;
  private readonly notificationSubject = new Subject<HPKVNotificationResponse>();

  /** Connection state changes, starting with the current state. */
  readonly state$: Observable<ConnectionState>;
  /** Connection events (`connected`, `disconnected`, `reconnecting`, `reconnectFailed`, `error`). */
  readonly events$: Observable<ConnectionEvent>;
  /** Throttling `{ currentRate, queueLength }` changes. */
  readonly throttling$: Observable<ThrottlingMetrics>;
  /** Every valid notification of this connection (hot; token connections only receive any). */
  readonly notifications$: Observable<HPKVNotificationResponse>;

  protected constructor(url$: () => Observable<string>, config?: ConnectionConfig) {
    this.config = resolveConnectionConfig(config);
    this.multiplexer = new Multiplexer({
      scheduler: this.config.scheduler,
      maxQueuedRequests: this.config.maxQueuedRequests,
      onError: (error) => this.connection.emitError(error),
      onNotification: (notification) => this.notificationSubject.next(notification),
    });
    const mux = this.multiplexer;
    this.connection = new Connection(this.config, url$, {
      frame: (text) => mux.dispatch(text),
      waiting: () => mux.waiting(),
      opened: (send) => mux.opened(send),
      dropped: () => mux.dropped(),
      closed: (error) => mux.closed(error),
    });
    this.throttle = new RequestThrottle(this.config.throttling, this.config.scheduler);
    this.notifications$ = this.notificationSubject.asObservable();
    this.state$ = this.connection.state$;
    this.events$ = this.connection.events$;
    this.throttling$ = this.throttle.metrics$;
  }

  /** Opens the connection. Idempotent; concurrent calls share one attempt. */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /**
   * Closes the connection gracefully. With `cancelPendingRequests` false, waits for the
   * replies in flight first (each is still bound by its own timeout).
   */
  async disconnect(cancelPendingRequests = true): Promise<void> {
    if (!cancelPendingRequests) await this.multiplexer.whenIdle();
    this.connection.disconnect();
  }

  /** Disconnects and releases every timer, socket and listener. */
  destroy(): void {
    this.connection.destroy();
    this.throttle.destroy();
    this.notificationSubject.complete();
  }

  /** Listens to a connection event; the listener gets the event's typed arguments. */
  on<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void;
  /** The official SDK's signature, so code written against it (`(info) => …`, a loop over event names) compiles unchanged. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official typings' listener type
  on(event: ConnectionEventName, listener: (...args: any[]) => void): void;
  on(event: ConnectionEventName, listener: (...args: ConnectionEventMap[ConnectionEventName]) => void): void {
    this.connection.on(event, listener);
  }

  off<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official typings' listener type
  off(event: ConnectionEventName, listener: (...args: any[]) => void): void;
  off(event: ConnectionEventName, listener: (...args: ConnectionEventMap[ConnectionEventName]) => void): void {
    this.connection.off(event, listener);
  }

  getConnectionState(): ConnectionState {
    return this.connection.state;
  }

  getConnectionStats(): ConnectionStats {
    return {
      isConnected: this.connection.state === 'CONNECTED',
      reconnectAttempts: this.connection.reconnectAttempts,
      messagesPending: this.multiplexer.size,
      connectionState: this.connection.state,
      throttling: this.throttle.enabled ? this.throttle.getMetrics() : null,
    };
  }

  getThrottlingStatus(): { enabled: boolean; config: ThrottlingConfig; metrics: ThrottlingMetrics } {
    return { enabled: this.throttle.enabled, config: this.throttle.config, metrics: this.throttle.getMetrics() };
  }

  updateThrottlingConfig(config: Partial<ThrottlingConfig>): void {
    this.throttle.updateConfig(config);
  }

  get$(key: string, timeoutMs?: number): Observable<HPKVGetResponse> {
    return this.request$<HPKVGetResponse>({ op: HPKVOperation.GET, key }, timeoutMs);
  }

  /** SET, or PATCH when `partialUpdate`. Non-string values are stored as their JSON. */
  set$(key: string, value: unknown, partialUpdate = false, timeoutMs?: number): Observable<HPKVSetResponse | HPKVPatchResponse> {
    const op = partialUpdate ? HPKVOperation.PATCH : HPKVOperation.SET;
    let text: string | undefined;
    try {
      text = typeof value === 'string' ? value : (JSON.stringify(value) as string | undefined);
    } catch (error) {
      // Circular structures and BigInts: a typed 400, never a synchronous throw from a Promise method.
      const reason = error instanceof Error ? error.message : String(error);
      return throwError(() => new HPKVError(`Invalid ${op === HPKVOperation.PATCH ? 'PATCH' : 'SET'} request: value cannot be stored as JSON (${reason})`, 400));
    }
    return this.request$<HPKVSetResponse>({ op, key, value: text }, timeoutMs);
  }

  /** PATCH: JSON objects merge deeply, non-JSON appends, other JSON replaces; creates missing keys. */
  patch$(key: string, value: unknown, timeoutMs?: number): Observable<HPKVPatchResponse> {
    return this.set$(key, value, true, timeoutMs);
  }

  delete$(key: string, timeoutMs?: number): Observable<HPKVDeleteResponse> {
    return this.request$<HPKVDeleteResponse>({ op: HPKVOperation.DELETE, key }, timeoutMs);
  }

  /** Records with `key <= k <= endKey`, in UTF-8 byte order. */
  range$(key: string, endKey: string, options?: RangeQueryOptions, timeoutMs?: number): Observable<HPKVRangeResponse> {
    const request: OutboundRequest = { op: HPKVOperation.RANGE, key, endKey };
    if (options?.limit !== undefined) request.limit = options.limit;
    return this.request$<HPKVRangeResponse>(request, timeoutMs);
  }

  /** Adds `increment` (an integer, may be negative) to a counter that starts at 0. */
  atomicIncrement$(key: string, increment: number, timeoutMs?: number): Observable<HPKVAtomicResponse> {
    return this.request$<HPKVAtomicResponse>({ op: HPKVOperation.ATOMIC, key, value: increment }, timeoutMs);
  }

  /**
   * Every record of `[start, end]`, page by page (one RANGE per page, the next one only after
   * the previous page was taken), for ranges beyond the server's 1000-record limit.
   */
  scan$(start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
    return scanRange$(this, start, end, options);
  }

  get(key: string, timeoutMs?: number): Promise<HPKVGetResponse> {
    return firstValueFrom(this.get$(key, timeoutMs));
  }

  set(key: string, value: unknown, partialUpdate = false, timeoutMs?: number): Promise<HPKVSetResponse | HPKVPatchResponse> {
    return firstValueFrom(this.set$(key, value, partialUpdate, timeoutMs));
  }

  patch(key: string, value: unknown, timeoutMs?: number): Promise<HPKVPatchResponse> {
    return firstValueFrom(this.patch$(key, value, timeoutMs));
  }

  delete(key: string, timeoutMs?: number): Promise<HPKVDeleteResponse> {
    return firstValueFrom(this.delete$(key, timeoutMs));
  }

  range(key: string, endKey: string, options?: RangeQueryOptions, timeoutMs?: number): Promise<HPKVRangeResponse> {
    return firstValueFrom(this.range$(key, endKey, options, timeoutMs));
  }

  atomicIncrement(key: string, increment: number, timeoutMs?: number): Promise<HPKVAtomicResponse> {
    return firstValueFrom(this.atomicIncrement$(key, increment, timeoutMs));
  }

  /** `stream()`, or an error saying the client was destroyed: what every method of a destroyed client gives. */
  protected unlessDestroyed<T>(stream: () => Observable<T>): Observable<T> {
    return this.connection.isDestroyed ? throwError(destroyedError) : stream();
  }

  /** Validates, throttles (when on), and multiplexes one request; its timeout counts from subscription. */
  protected request$<T>(request: OutboundRequest, timeoutMs?: number): Observable<T> {
    const invalid = validateRequest(request) ?? validateTimeout(request.op, timeoutMs);
    if (invalid !== undefined) return throwError(() => invalid);
    if (this.connection.isDestroyed) return throwError(destroyedError);
    const timeout = timeoutMs ?? this.config.operationTimeout;
    if (!this.throttle.enabled) return this.multiplexer.request$(request, timeout) as unknown as Observable<T>;
    // The deadline counts from each subscription (the Promise form subscribes at the call), so
    // queueing for a throttling slot uses up the same budget, and re-subscribing gets a fresh one.
    return defer(() => {
      const deadline = this.config.scheduler.now() + timeout;
      return this.throttle.gate(this.multiplexer.request$(request, timeout, deadline) as unknown as Observable<T>, {
        deadline,
        timeoutError: () => new TimeoutError(`Request for '${request.key}' waited ${timeout} ms for a throttling slot and timed out`),
      });
    });
  }
}

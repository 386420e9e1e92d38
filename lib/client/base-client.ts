import { throwError, type Observable } from 'rxjs';
import {
  HPKVOperation,
  type HPKVAtomicResponse,
  type HPKVDeleteResponse,
  type HPKVGetResponse,
  type HPKVNotificationResponse,
  type HPKVPatchResponse,
  type HPKVRangeRecord,
  type HPKVRangeResponse,
  type HPKVSetResponse,
} from '../protocol';
import { type ConnectionConfig, HEARTBEAT_PROBE_KEY, resolveConnectionConfig, type ResolvedConnectionConfig } from './config';
import { Connection } from './connection/connection';
import { type ConnectionEvent, type ConnectionEventMap, type ConnectionEventName } from './connection/connection-events';
import { type ConnectionState } from './connection/connection-state';
import { EventChannel } from './connection/event-channel';
import { destroyedError, HPKVError } from './errors';
import { RequestPipeline } from './requests/request-pipeline';
import { type ThrottlingConfig, type ThrottlingMetrics } from './requests/throttling-config';
import { scanRange$, type ScanOptions } from './streams/range-scan';

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
 * Everything both clients share: the connection, the request pipeline, the events, and every
 * operation in Observable form (`get$`…, cold: one request per subscription) and Promise form
 * (`get`…, settled straight from the request record: the two behave the same).
 */
export abstract class BaseClient {
  protected readonly config: ResolvedConnectionConfig;
  protected readonly events: EventChannel;
  protected readonly connection: Connection;
  protected readonly requests: RequestPipeline;
  /** A heartbeat probe is on its way: never two at once. */
  private probing = false;

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
    this.events = new EventChannel();
    this.connection = new Connection(this.config, url$, this.events, {
      awaitingReplies: () => this.requests.multiplexer.inFlight > 0,
      probe: () => this.probe(),
    });
    this.requests = new RequestPipeline(this.config, this.connection, (error) => this.events.report(error));
    this.notifications$ = this.requests.multiplexer.notifications.stream$;
    this.state$ = this.connection.state$;
    this.events$ = this.events.events$;
    this.throttling$ = this.requests.throttle.metrics$;
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
    if (!cancelPendingRequests) await this.requests.whenIdle();
    this.connection.disconnect();
  }

  /** Disconnects and releases every timer, socket and listener. Idempotent. */
  destroy(): void {
    this.connection.destroy();
    this.requests.destroy(destroyedError());
    this.events.close();
  }

  /** Listens to a connection event; the listener gets the event's typed arguments. */
  on<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void;
  /** The official SDK's signature, so code written against it (`(info) => …`, a loop over event names) compiles unchanged. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official typings' listener type
  on(event: ConnectionEventName, listener: (...args: any[]) => void): void;
  on(event: ConnectionEventName, listener: (...args: ConnectionEventMap[ConnectionEventName]) => void): void {
    this.events.on(event, listener);
  }

  off<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official typings' listener type
  off(event: ConnectionEventName, listener: (...args: any[]) => void): void;
  off(event: ConnectionEventName, listener: (...args: ConnectionEventMap[ConnectionEventName]) => void): void {
    this.events.off(event, listener);
  }

  getConnectionState(): ConnectionState {
    return this.connection.state;
  }

  getConnectionStats(): ConnectionStats {
    const { throttle } = this.requests;
    return {
      isConnected: this.connection.state === 'CONNECTED',
      reconnectAttempts: this.connection.reconnectAttempts,
      messagesPending: this.requests.size,
      connectionState: this.connection.state,
      throttling: throttle.enabled ? throttle.getMetrics() : null,
    };
  }

  getThrottlingStatus(): { enabled: boolean; config: ThrottlingConfig; metrics: ThrottlingMetrics } {
    const { throttle } = this.requests;
    return { enabled: throttle.enabled, config: throttle.config, metrics: throttle.getMetrics() };
  }

  updateThrottlingConfig(config: Partial<ThrottlingConfig>): void {
    this.requests.throttle.updateConfig(config);
  }

  get$(key: string, timeoutMs?: number): Observable<HPKVGetResponse> {
    return this.requests.observable(HPKVOperation.GET, key, undefined, undefined, undefined, timeoutMs);
  }

  /** SET, or PATCH when `partialUpdate`. Non-string values are stored as their JSON. */
  set$(key: string, value: unknown, partialUpdate = false, timeoutMs?: number): Observable<HPKVSetResponse | HPKVPatchResponse> {
    const op = partialUpdate ? HPKVOperation.PATCH : HPKVOperation.SET;
    const text = storedText(op, value);
    if (text instanceof HPKVError) return throwError(() => text);
    return this.requests.observable(op, key, text, undefined, undefined, timeoutMs);
  }

  /** PATCH: JSON objects merge deeply, non-JSON appends, other JSON replaces; creates missing keys. */
  patch$(key: string, value: unknown, timeoutMs?: number): Observable<HPKVPatchResponse> {
    return this.set$(key, value, true, timeoutMs);
  }

  delete$(key: string, timeoutMs?: number): Observable<HPKVDeleteResponse> {
    return this.requests.observable(HPKVOperation.DELETE, key, undefined, undefined, undefined, timeoutMs);
  }

  /** Records with `key <= k <= endKey`, in UTF-8 byte order. */
  range$(key: string, endKey: string, options?: RangeQueryOptions, timeoutMs?: number): Observable<HPKVRangeResponse> {
    return this.requests.observable(HPKVOperation.RANGE, key, undefined, endKey, options?.limit, timeoutMs);
  }

  /** Adds `increment` (an integer, may be negative) to a counter that starts at 0. */
  atomicIncrement$(key: string, increment: number, timeoutMs?: number): Observable<HPKVAtomicResponse> {
    return this.requests.observable(HPKVOperation.ATOMIC, key, increment, undefined, undefined, timeoutMs);
  }

  /**
   * Every record of `[start, end]`, page by page (one RANGE per page, the next one only after
   * the previous page was taken), for ranges beyond the server's 1000-record limit.
   */
  scan$(start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
    return this.unlessDestroyed(() => scanRange$(this, start, end, options));
  }

  get(key: string, timeoutMs?: number): Promise<HPKVGetResponse> {
    return this.requests.promise(HPKVOperation.GET, key, undefined, undefined, undefined, timeoutMs);
  }

  set(key: string, value: unknown, partialUpdate = false, timeoutMs?: number): Promise<HPKVSetResponse | HPKVPatchResponse> {
    const op = partialUpdate ? HPKVOperation.PATCH : HPKVOperation.SET;
    const text = storedText(op, value);
    if (text instanceof HPKVError) return Promise.reject(text);
    return this.requests.promise(op, key, text, undefined, undefined, timeoutMs);
  }

  patch(key: string, value: unknown, timeoutMs?: number): Promise<HPKVPatchResponse> {
    return this.set(key, value, true, timeoutMs);
  }

  delete(key: string, timeoutMs?: number): Promise<HPKVDeleteResponse> {
    return this.requests.promise(HPKVOperation.DELETE, key, undefined, undefined, undefined, timeoutMs);
  }

  range(key: string, endKey: string, options?: RangeQueryOptions, timeoutMs?: number): Promise<HPKVRangeResponse> {
    return this.requests.promise(HPKVOperation.RANGE, key, undefined, endKey, options?.limit, timeoutMs);
  }

  atomicIncrement(key: string, increment: number, timeoutMs?: number): Promise<HPKVAtomicResponse> {
    return this.requests.promise(HPKVOperation.ATOMIC, key, increment, undefined, undefined, timeoutMs);
  }

  /**
   * The heartbeat's probe (browsers, `heartbeat.probe`): one GET through the throttle, whatever it
   * answers (a 404, a 403 outside the token's `accessPattern`): any reply shows the socket is alive.
   */
  private probe(): void {
    if (this.probing) return;
    this.probing = true;
    const done = (): void => {
      this.probing = false;
    };
    this.requests.promise(HPKVOperation.GET, HEARTBEAT_PROBE_KEY).then(done, done);
  }

  /** `stream()`, or an error saying the client was destroyed: what every method of a destroyed client gives. */
  protected unlessDestroyed<T>(stream: () => Observable<T>): Observable<T> {
    return this.connection.isDestroyed ? throwError(destroyedError) : stream();
  }
}

/**
 * A SET or PATCH value as stored: strings verbatim, anything else as its JSON. A value JSON
 * cannot hold (circular, BigInt, undefined) is a typed 400, never a synchronous throw.
 */
function storedText(op: HPKVOperation, value: unknown): string | undefined | HPKVError {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) as string | undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new HPKVError(`Invalid ${op === HPKVOperation.PATCH ? 'PATCH' : 'SET'} request: value cannot be stored as JSON (${reason})`, 400);
  }
}

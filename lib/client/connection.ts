import { BehaviorSubject, defer, retry, Subject, switchMap, throwError, timeout, type Observable, type Subscription } from 'rxjs';
import { fatalConnectionError, reconnectDelay } from './backoff';
import { type ResolvedConnectionConfig } from './config';
import { type ConnectionEvent, type ConnectionEventMap, type ConnectionEventName } from './connection-events';
import { ConnectionState } from './connection-state';
import { defaultWebSocketFactory } from './default-web-socket-factory';
import { AuthenticationError, ConnectionError, destroyedError, type ProtocolError, TimeoutError } from './errors';
import { EventListeners } from './event-listeners';
import { redact, SocketClosedError, SocketOpened, webSocket$ } from './web-socket';

/** What the connection drives: the multiplexer, seen through the hooks it needs. */
export interface ConnectionSink {
  /** Each inbound text frame. */
  frame(text: string): void;
  /** Connecting or reconnecting: requests should queue. */
  waiting(): void;
  /** Open: send through `send`, which returns false when the socket can no longer take a frame. */
  opened(send: (frame: string) => boolean): void;
  /** Dropped; a reconnect follows. */
  dropped(): void;
  /** Over; nothing follows until the next `connect()`. */
  closed(error: Error): void;
}

/**
 * The connection state machine. One `connect()` subscribes to the session stream:
 * `webSocket$` (a URL per attempt, so a token provider is asked again on every reconnect),
 * guarded by a first-event `timeout`, reconnected by `retry({ count, delay, resetOnSuccess })`
 * with the backoff schedule. The first `connect()` makes one attempt and reports its failure;
 * reconnection applies once a connection has been established and then drops.
 */
export class Connection {
  private readonly stateSubject = new BehaviorSubject<ConnectionState>(ConnectionState.DISCONNECTED);
  private readonly eventSubject = new Subject<ConnectionEvent>();
  private readonly listeners = new EventListeners((error, event) => this.emitError(new Error(`A '${event}' listener threw: ${error.message}`, { cause: error })));
  private session: Subscription | undefined;
  private opening: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | undefined;
  private destroyed = false;
  /** Reconnect attempts since the connection was last open. */
  reconnectAttempts = 0;

  /** Every state change, starting with the current state. */
  readonly state$: Observable<ConnectionState> = this.stateSubject.asObservable();
  /** Every event, as `on()` listeners receive them. */
  readonly events$: Observable<ConnectionEvent> = this.eventSubject.asObservable();

  constructor(
    private readonly config: ResolvedConnectionConfig,
    private readonly url$: () => Observable<string>,
    private readonly sink: ConnectionSink,
  ) {}

  get state(): ConnectionState {
    return this.stateSubject.value;
  }

  on<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void {
    this.listeners.on(event, listener);
  }

  off<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void {
    this.listeners.off(event, listener);
  }

  /** Idempotent; concurrent calls share one attempt. Resolves when open. */
  connect(): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    if (this.state === ConnectionState.CONNECTED) return Promise.resolve();
    const opening = this.opening ?? this.newOpening();
    if (this.session === undefined) this.startSession();
    return opening.promise;
  }

  /** Closes the connection (code 1000). Pending requests fail with `ConnectionError`. */
  disconnect(): void {
    this.end(new ConnectionError('Disconnected by the client. Call connect() to connect again.'));
  }

  /** Disconnects and releases everything: no timer or socket remains. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const error = destroyedError();
    // Without a session there is nothing to close, but what comes next must still say why.
    if (!this.end(error)) this.sink.closed(error);
    this.listeners.clear();
    this.stateSubject.complete();
    this.eventSubject.complete();
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Ends the session, if any, failing what is pending with `error`. */
  private end(error: ConnectionError): boolean {
    if (this.session === undefined) return false;
    const previousState = this.state;
    this.setState(ConnectionState.DISCONNECTING);
    const session = this.session;
    this.session = undefined;

    session.unsubscribe();
    this.setState(ConnectionState.DISCONNECTED);
    this.sink.closed(error);
    this.settleOpening(error);
    this.emit('disconnected', { code: 1000, reason: 'client disconnect', previousState, gracefully: true });
    return true;
  }

  /** Reports an error on the `error` event (never thrown, never unhandled). */
  emitError(error: Error): void {
    this.emit('error', error);
  }

  private startSession(): void {
    const { config } = this;
    const scheduler = config.scheduler;
    const factory = config.webSocketFactory ?? defaultWebSocketFactory;
    let everOpened = false;
    /** The current attempt's URL; undefined until the URL (a token provider's answer) is known. */
    let url: string | undefined;
    const attempt$ = defer(() => {
      url = undefined;
      return this.url$();
    }).pipe(
      switchMap((next) => {
        url = next;
        return webSocket$(next, factory);
      }),
      // The whole attempt, token included: a provider that never answers must not hang connect().
      timeout({
        first: config.connectionTimeout,
        scheduler,
        with: () => throwError(() => new TimeoutError(`${url === undefined ? 'Getting the connection URL (token provider)' : `Connection attempt to ${redact(url)}`} timed out after ${config.connectionTimeout} ms`)),
      }),
    );
    const backoff = reconnectDelay(config, scheduler, (attempt, delay) => {
      this.reconnectAttempts = attempt;
      this.emit('reconnecting', { attempt, maxAttempts: config.maxReconnectAttempts, delay });
    });
    this.setState(ConnectionState.CONNECTING);
    this.sink.waiting();
    this.session = attempt$
      .pipe(
        retry({
          count: config.maxReconnectAttempts,
          resetOnSuccess: true,
          delay: (error: unknown, retryCount: number) => {
            // The first connect() reports its one failure instead of retrying behind the caller's back.
            if (!everOpened) return throwError(() => error);
            if (this.state === ConnectionState.CONNECTED) this.dropped(error);
            return backoff(error, retryCount);
          },
        }),
      )
      .subscribe({
        next: (event) => {
          if (typeof event === 'string') this.sink.frame(event);
          else if (event instanceof SocketOpened) {
            everOpened = true;
            this.opened(event);
          } else this.emitError(event as ProtocolError);
        },
        error: (error: unknown) => this.ended(error, everOpened, url),
      });
  }

  private opened(socket: SocketOpened): void {
    this.reconnectAttempts = 0;
    this.setState(ConnectionState.CONNECTED);
    // send() reports a closing socket instead of dropping the frame, so nothing is lost silently.
    this.sink.opened((frame) => socket.send(frame));
    this.emit('connected');
    this.settleOpening();
  }

  private dropped(error: unknown): void {
    this.setState(ConnectionState.RECONNECTING);
    this.sink.dropped();
    const closed = error instanceof SocketClosedError ? error : undefined;
    this.emit('disconnected', {
      code: closed?.closeCode ?? 1006,
      reason: closed?.closeReason || (error instanceof Error ? error.message : String(error)),
      previousState: ConnectionState.CONNECTED,
      gracefully: false,
    });
  }

  /** The session stream ended with an error: the first attempt failed, or reconnecting gave up. */
  private ended(error: unknown, everOpened: boolean, url: string | undefined): void {
    this.session = undefined;
    if (this.state === ConnectionState.CONNECTED) this.dropped(error);
    const fatal = fatalConnectionError(error);
    const cause = fatal ?? (error instanceof Error ? error : new Error(String(error)));
    const failure = everOpened ? this.gaveUp(cause, fatal !== undefined) : firstConnectFailure(cause, url);
    this.setState(ConnectionState.DISCONNECTED);
    this.sink.closed(failure);
    this.settleOpening(failure);
    // The official SDK reports a failed connect() on `error` as well as by rejecting.
    if (everOpened) this.emit('reconnectFailed', failure as ConnectionError);
    else this.emit('error', failure);
  }

  /** Reconnecting gave up: says how many attempts were really made, and one thing to do. */
  private gaveUp(cause: Error, fatal: boolean): ConnectionError {
    const attempts = this.reconnectAttempts;
    const what =
      attempts === 0
        ? 'Connection lost and reconnecting is off (maxReconnectAttempts is 0)'
        : `Connection lost and ${attempts} reconnect attempt${attempts === 1 ? '' : 's'} failed`;
    // A fatal cause carries its own advice; retrying later is the advice for a transient one.
    return new ConnectionError(`${what}: ${cause.message}${fatal ? '' : '. Call connect() to try again.'}`, { cause });
  }

  private newOpening(): NonNullable<Connection['opening']> {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.opening = { promise, resolve, reject };
    return this.opening;
  }

  private settleOpening(error?: Error): void {
    const opening = this.opening;
    this.opening = undefined;
    if (opening === undefined) return;
    if (error === undefined) opening.resolve();
    else opening.reject(error);
  }

  private setState(state: ConnectionState): void {
    if (this.state !== state && !this.stateSubject.closed) this.stateSubject.next(state);
  }

  private emit<E extends ConnectionEventName>(event: E, ...args: ConnectionEventMap[E]): void {
    if (!this.eventSubject.closed) {
      const payload = args[0];
      const value =
        event === 'reconnectFailed' || event === 'error'
          ? { type: event, error: payload }
          : { type: event, ...(payload as object | undefined) };
      this.eventSubject.next(value as ConnectionEvent);
    }
    this.listeners.emit(event, ...args);
  }
}

/** Why the first connect() failed, and what to do about it. */
function firstConnectFailure(cause: Error, url: string | undefined): Error {
  if (cause instanceof AuthenticationError) return cause;
  if (cause instanceof TimeoutError) {
    const check = url === undefined ? 'check the token provider' : 'check the URL and the network';
    return new TimeoutError(`${cause.message}: ${check}, or raise connectionTimeout`, { cause });
  }
  if (url === undefined) return new ConnectionError(`Could not connect: ${cause.message}. Call connect() to try again.`, { cause });
  const where = `Could not connect to ${redact(url)}: ${cause.message}`;
  if (cause instanceof SocketClosedError && !cause.opened && cause.status === undefined && cause.detail === undefined) {
    // A browser: a refused upgrade (bad API key, expired token) looks exactly like a network
    // failure, so name both likely causes without claiming either.
    return new ConnectionError(
      `${where}. The runtime did not say why (browsers hide the HTTP status of a refused connection): ` +
        'check the URL and that the server is reachable, then the API key or the token (an invalid or expired one is refused this way)',
      { cause },
    );
  }
  return new ConnectionError(`${where}. Check the URL and that the server is reachable.`, { cause });
}

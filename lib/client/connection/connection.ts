import { BehaviorSubject, defer, filter, retry, share, switchMap, take, throwError, timeout, type Observable, type Subscription } from 'rxjs';
import { type ResolvedConnectionConfig } from '../config';
import { FanOut } from '../fan-out';
import { ConnectionError, destroyedError, type ProtocolError, SocketClosedError, TimeoutError } from '../errors';
import { fatalConnectionError, reconnectDelay } from './backoff';
import { firstConnectFailure, gaveUpError } from './connection-failures';
import { ConnectionState } from './connection-state';
import { defaultWebSocketFactory } from './default-web-socket-factory';
import { type EventChannel } from './event-channel';
import { type Heartbeat, type HeartbeatRequests } from './heartbeat';
import { type Link } from './link';
import { runtimeNetworkCues, type NetworkCue } from './network-cues';
import { watchSocket } from './socket-liveness';
import { redact, SocketOpened, webSocket$ } from './web-socket';

/**
 * The connection state machine. One `connect()` subscribes to the session stream:
 * `webSocket$` (a URL per attempt, so a token provider is asked again on every reconnect),
 * guarded by a first-event `timeout`, reconnected by `retry({ count, delay, resetOnSuccess })`
 * with the backoff schedule. The first `connect()` makes one attempt and reports its failure;
 * reconnection applies once a connection has been established and then drops.
 *
 * What it offers the rest of the client are streams, never callbacks: `state$`, `link$` (a way
 * to send, or why there is none) and `frames$` (every inbound text frame); its events go to the
 * client's `EventChannel`.
 *
 * Liveness: while a socket is open a `Heartbeat` watches it (fed by the socket's activity and
 * the link's sends) and fails the socket's stream when it is dead, which is then a drop like any
 * other. The network cues (see `NetworkCue`) are followed while a session runs: `offline` fails
 * the open socket, and the reconnect delay waits for `online` instead of spending attempts.
 */
export class Connection {
  private readonly stateSubject = new BehaviorSubject<ConnectionState>(ConnectionState.DISCONNECTED);
  private readonly linkSubject = new BehaviorSubject<Link>({ kind: 'closed' });
  private readonly frameFanOut = new FanOut<string>();
  private session: Subscription | undefined;
  private opening: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | undefined;
  private destroyed = false;
  /** The open socket and its heartbeat, while there is one. */
  private current: { socket: SocketOpened; heartbeat: Heartbeat | undefined } | undefined;
  private offline = false;
  /** Reconnect attempts since the connection was last open. */
  reconnectAttempts = 0;

  /** Every state change, starting with the current state. */
  readonly state$: Observable<ConnectionState> = this.stateSubject.asObservable();
  /** The current link, then each change. */
  readonly link$: Observable<Link> = this.linkSubject.asObservable();
  /** Every inbound text frame, in order. */
  readonly frames$: Observable<string> = this.frameFanOut.stream$;

  constructor(
    private readonly config: ResolvedConnectionConfig,
    private readonly url$: () => Observable<string>,
    private readonly events: EventChannel,
    /** What the heartbeat asks of the request side; none: it only watches the socket. */
    private readonly requests?: HeartbeatRequests,
  ) {}

  get state(): ConnectionState {
    return this.stateSubject.value;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
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
    if (!this.end(error)) this.linkSubject.next({ kind: 'closed', error });
    this.stateSubject.complete();
    this.linkSubject.complete();
    this.frameFanOut.complete();
  }

  /** Ends the session, if any, failing what is pending with `error`. */
  private end(error: ConnectionError): boolean {
    if (this.session === undefined) return false;
    const previousState = this.state;
    this.setState(ConnectionState.DISCONNECTING);
    const session = this.session;
    this.session = undefined;

    this.lostSocket();
    session.unsubscribe();
    this.setState(ConnectionState.DISCONNECTED);
    this.linkSubject.next({ kind: 'closed', error });
    this.settleOpening(error);
    this.events.emit('disconnected', { code: 1000, reason: 'client disconnect', previousState, gracefully: true });
    return true;
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
        with: () =>
          throwError(
            () =>
              new TimeoutError(
                `${url === undefined ? 'Getting the connection URL (token provider)' : `Connection attempt to ${redact(url)}`} timed out after ${config.connectionTimeout} ms`,
              ),
          ),
      }),
    );
    const cues$ = (config.networkCues ?? runtimeNetworkCues()).pipe(share());
    const network = {
      offline: () => this.offline,
      resumed$: cues$.pipe(
        filter((cue) => cue !== 'offline'),
        take(1),
      ),
    };
    const backoff = reconnectDelay(
      config,
      scheduler,
      (attempt, delay) => {
        this.reconnectAttempts = attempt;
        this.events.emit('reconnecting', { attempt, maxAttempts: config.maxReconnectAttempts, delay });
      },
      network,
    );
    this.setState(ConnectionState.CONNECTING);
    this.linkSubject.next({ kind: 'waiting' });
    this.offline = false;
    const session = cues$.subscribe((cue) => this.cue(cue));
    this.session = session;
    session.add(attempt$
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
          if (typeof event === 'string') this.frameFanOut.next(event);
          else if (event instanceof SocketOpened) {
            everOpened = true;
            this.opened(event);
          } else this.events.report(event as ProtocolError);
        },
        error: (error: unknown) => this.ended(error, everOpened, url),
      }));
  }

  private opened(socket: SocketOpened): void {
    const { heartbeat, send } = watchSocket(socket, this.config, this.requests, this.frame);
    this.current = { socket, heartbeat };
    this.reconnectAttempts = 0;
    this.setState(ConnectionState.CONNECTED);
    // send() reports a closing socket instead of dropping the frame, so nothing is lost silently.
    this.linkSubject.next({ kind: 'open', send });
    this.events.emit('connected');
    this.settleOpening();
  }

  /** What the runtime says about the network, while a session runs. */
  private cue(cue: NetworkCue): void {
    if (cue === 'offline') {
      this.offline = true;
      // No network: the socket cannot be trusted, and with no way to reach the server it cannot
      // be checked either. Closing it is the check; reconnecting waits for `online`.
      this.current?.socket.fail(new SocketClosedError('The network went offline (the runtime said so): reconnecting once it is back', 1006, 'offline', true));
      return;
    }
    if (cue === 'online') this.offline = false;
    this.current?.heartbeat?.check();
  }

  /** The open socket is gone (dropped, closed or ended): its heartbeat stops with it. */
  private lostSocket(): void {
    this.current?.heartbeat?.stop();
    this.current = undefined;
  }

  private dropped(error: unknown): void {
    this.lostSocket();
    this.setState(ConnectionState.RECONNECTING);
    this.linkSubject.next({ kind: 'waiting' });
    const closed = error instanceof SocketClosedError ? error : undefined;
    this.events.emit('disconnected', {
      code: closed?.closeCode ?? 1006,
      reason: closed?.closeReason || (error instanceof Error ? error.message : String(error)),
      previousState: ConnectionState.CONNECTED,
      gracefully: false,
    });
  }

  /** The session stream ended with an error: the first attempt failed, or reconnecting gave up. */
  private ended(error: unknown, everOpened: boolean, url: string | undefined): void {
    this.session?.unsubscribe(); // the network cues
    this.session = undefined;
    if (this.state === ConnectionState.CONNECTED) this.dropped(error);
    const fatal = fatalConnectionError(error);
    const cause = fatal ?? (error instanceof Error ? error : new ConnectionError(String(error)));
    const failure = everOpened ? gaveUpError(cause, this.reconnectAttempts, fatal !== undefined) : firstConnectFailure(cause, url);
    this.setState(ConnectionState.DISCONNECTED);
    this.linkSubject.next({ kind: 'closed', error: failure });
    this.settleOpening(failure);
    // The official SDK reports a failed connect() on `error` as well as by rejecting.
    if (everOpened) this.events.emit('reconnectFailed', failure as ConnectionError);
    else this.events.report(failure);
  }

  /** Each inbound text frame, straight from the socket (see `SocketOpened.onFrame`). */
  private readonly frame = (text: string): void => this.frameFanOut.next(text);

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
}

/**
 * The error classes of the official SDK (same names, same `name` values, same constructor
 * arguments, so `instanceof` checks and `err.name` comparisons keep working after switching),
 * plus `ProtocolError` for frames that break the wire contract.
 *
 * Messages say what happened and what to do about it.
 */

/** Base class: every error this library throws or emits is an `HPKVError`. */
export class HPKVError extends Error {
  constructor(
    message: string,
    /** The reply's status code (404, 429…) for server errors; the HTTP status for handshake failures. */
    public code?: number,
  ) {
    super(message);
    this.name = 'HPKVError';
  }
}

/** Options for `ConnectionError` and `TimeoutError`. */
export interface ConnectionErrorOptions {
  /**
   * True when a write was sent but no reply came back (the connection dropped, or the request
   * timed out): the server may or may not have applied it. Read it back (or make the write
   * idempotent) before retrying.
   * @default false
   */
  outcomeUnknown?: boolean;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** Sets `cause` the way `Error` does (not enumerable), for runtimes whose `Error` ignores the option. */
function setCause(error: Error, cause: unknown): void {
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
}

/** The connection is not usable: never opened, dropped, closed, or gave up reconnecting. */
export class ConnectionError extends HPKVError {
  /** See `ConnectionErrorOptions.outcomeUnknown`. */
  readonly outcomeUnknown: boolean;

  constructor(message: string, options: ConnectionErrorOptions = {}) {
    super(message);
    this.name = 'ConnectionError';
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    setCause(this, options.cause);
  }
}

/**
 * The socket closed, or never opened: what `webSocket$` errors with. Named `ConnectionError`
 * (it is one) so users matching on `name` see the class they know.
 */
export class SocketClosedError extends ConnectionError {
  constructor(
    message: string,
    /** WebSocket close code (1006 for an abnormal close). */
    readonly closeCode: number,
    readonly closeReason: string,
    /** Whether the socket had opened before it closed. */
    readonly opened: boolean,
    /** HTTP status of a refused upgrade, when the runtime tells (Node's `ws` does, browsers do not). */
    readonly status?: number,
    /** What the runtime said went wrong, if anything (browsers say nothing, by design). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** A request (or a connection attempt) did not complete in time. */
export class TimeoutError extends HPKVError {
  /** See `ConnectionErrorOptions.outcomeUnknown`: a write that was sent and timed out may have been applied. */
  readonly outcomeUnknown: boolean;

  constructor(message: string, options: ConnectionErrorOptions = {}) {
    super(message);
    this.name = 'TimeoutError';
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    setCause(this, options.cause);
  }
}

/**
 * The server refused the credentials (HTTP 401/403 at the WebSocket upgrade or the token
 * endpoint). A `ConnectionError`, as the official SDK reports a refused connection, so code
 * written for it (`instanceof ConnectionError`) keeps catching it.
 */
export class AuthenticationError extends ConnectionError {
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'AuthenticationError';
    this.code = status;
  }
}

/** A frame from the server broke the wire contract (not JSON, wrong field types, unknown shape). */
export class ProtocolError extends HPKVError {
  constructor(
    message: string,
    /** The offending frame, truncated to 200 characters, for logs. */
    readonly frame?: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** User code the client called (an event listener, a `subscribe()` callback) threw; reported on `error`. */
export class ListenerError extends HPKVError {
  constructor(
    /** What threw, e.g. "A 'connected' listener". */
    readonly source: string,
    cause: unknown,
  ) {
    super(`${source} threw: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ListenerError';
    setCause(this, cause);
  }
}

/** What every method of a destroyed client fails with. */
export function destroyedError(): ConnectionError {
  return new ConnectionError('The client was destroyed: create a new client');
}

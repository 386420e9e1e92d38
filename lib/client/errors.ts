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

/** Options for `ConnectionError`. */
export interface ConnectionErrorOptions {
  /**
   * True when a write was sent but the connection dropped before its reply: the server may or
   * may not have applied it. Read it back (or make the write idempotent) before retrying.
   * @default false
   */
  outcomeUnknown?: boolean;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** The connection is not usable: never opened, dropped, closed, or gave up reconnecting. */
export class ConnectionError extends HPKVError {
  /** See `ConnectionErrorOptions.outcomeUnknown`. */
  readonly outcomeUnknown: boolean;

  constructor(message: string, options: ConnectionErrorOptions = {}) {
    super(message);
    this.name = 'ConnectionError';
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

/** A request (or a connection attempt) did not complete in time. */
export class TimeoutError extends HPKVError {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** The server refused the credentials (HTTP 401/403 at the WebSocket upgrade or the token endpoint). */
export class AuthenticationError extends HPKVError {
  constructor(message: string, status?: number) {
    super(message, status);
    this.name = 'AuthenticationError';
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

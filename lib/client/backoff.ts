import { throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { AuthenticationError, ConnectionError, TimeoutError } from './errors';
import { SocketClosedError } from './web-socket';

/** The reconnect settings `backoffDelay` needs. */
export interface BackoffConfig {
  initialDelayBetweenReconnects: number;
  maxDelayBetweenReconnects: number;
  jitterMs: number;
  random: () => number;
}

/** Delay before reconnect attempt `attempt` (1-based): `min(initial·2^(attempt−1), max) + random·jitter`. */
export function backoffDelay(attempt: number, config: BackoffConfig): number {
  const exponential = Math.min(config.initialDelayBetweenReconnects * 2 ** (attempt - 1), config.maxDelayBetweenReconnects);
  return exponential + Math.floor(config.random() * config.jitterMs);
}

/**
 * The one place that decides whether a failed connection is worth retrying. Returns the error
 * to give up with, or `undefined` to retry.
 */
export function fatalConnectionError(error: unknown): Error | undefined {
  if (error instanceof SocketClosedError) {
    // 401/403 at the upgrade: the credential is wrong or expired. Retrying with the same one
    // would be a retry storm that can never succeed; a token provider gets a fresh token on
    // the next explicit connect().
    if (error.status === 401 || error.status === 403) {
      return new AuthenticationError(
        `The server refused the credentials (HTTP ${error.status}): check the API key, or generate a new token`,
        error.status,
      );
    }
    // Anything else at the socket level (refused, reset, 5xx, timeout, server restart) is
    // transient from the client's point of view: retry.
    return undefined;
  }
  // A token provider that failed with an auth problem will not fix itself by retrying.
  if (error instanceof AuthenticationError) return error;
  // A connection attempt that timed out, or any other connection error, is transient.
  if (error instanceof TimeoutError || error instanceof ConnectionError) return undefined;
  // Anything else is a bug or a broken provider: surface it rather than loop on it.
  return error instanceof Error ? error : new ConnectionError(String(error));
}

/**
 * The `delay` for `retry({ count, delay, resetOnSuccess })`: gives up at once on a fatal error,
 * otherwise waits `backoffDelay(n)` on the scheduler. `onRetry` sees each decision first (for
 * the `reconnecting` event).
 */
export function reconnectDelay(
  config: BackoffConfig,
  scheduler: SchedulerLike,
  onRetry: (attempt: number, delay: number, error: unknown) => void,
): (error: unknown, retryCount: number) => Observable<unknown> {
  return (error, retryCount) => {
    const fatal = fatalConnectionError(error);
    if (fatal !== undefined) return throwError(() => fatal);
    const delay = backoffDelay(retryCount, config);
    onRetry(retryCount, delay, error);
    return timer(delay, scheduler);
  };
}

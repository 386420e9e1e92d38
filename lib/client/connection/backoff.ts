import { race, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { AuthenticationError, SocketClosedError } from '../errors';


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
 * to give up with, or `undefined` to retry (within `maxReconnectAttempts`, with backoff).
 */
export function fatalConnectionError(error: unknown): Error | undefined {
  // 401/403 at the upgrade: the credential is wrong or expired. Retrying with the same one would
  // be a retry storm that can never succeed; a token provider is asked again on the next
  // explicit connect().
  if (error instanceof SocketClosedError && (error.status === 401 || error.status === 403)) {
    return new AuthenticationError(`The server refused the credentials (HTTP ${error.status}): check the API key, or generate a new token`, error.status);
  }
  // A token provider (or its token endpoint) refused the API key: that will not fix itself.
  if (error instanceof AuthenticationError) return error;
  // Everything else is transient from the client's point of view: a drop, a refusal with
  // another status, a timed-out attempt, and a token provider that failed (a network blip
  // while fetching a token is the common case). Retrying is bounded by maxReconnectAttempts.
  return undefined;
}

/** What the network says, for the reconnect delay. */
export interface NetworkState {
  /** The runtime said `offline` (and not `online` since). */
  offline(): boolean;
  /** Emits at the next `online` or page `visible` cue. */
  readonly resumed$: Observable<unknown>;
}

/**
 * The `delay` for `retry({ count, delay, resetOnSuccess })`: gives up at once on a fatal error,
 * otherwise waits `backoffDelay(n)` on the scheduler, cut short when the network comes back or
 * the page becomes visible; while offline, an attempt could only fail, so it waits for the
 * network instead (no attempt is spent meanwhile). `onRetry` sees each decision first (for the
 * `reconnecting` event).
 */
export function reconnectDelay(
  config: BackoffConfig,
  scheduler: SchedulerLike,
  onRetry: (attempt: number, delay: number, error: unknown) => void,
  network?: NetworkState,
): (error: unknown, retryCount: number) => Observable<unknown> {
  return (error, retryCount) => {
    const fatal = fatalConnectionError(error);
    if (fatal !== undefined) return throwError(() => fatal);
    const delay = backoffDelay(retryCount, config);
    onRetry(retryCount, delay, error);
    const wait$ = timer(delay, scheduler);
    if (network === undefined) return wait$;
    return network.offline() ? network.resumed$ : race(wait$, network.resumed$);
  };
}

import { AuthenticationError, ConnectionError, SocketClosedError, TimeoutError } from '../errors';
import { redact } from './web-socket';

/** Why the first connect() failed, and what to do about it. */
export function firstConnectFailure(cause: Error, url: string | undefined): Error {
  if (cause instanceof AuthenticationError) return cause;
  if (cause instanceof TimeoutError) {
    const check = url === undefined ? 'check the token provider' : 'check the URL and the network';
    return new TimeoutError(`${cause.message}: ${check}, or raise connectionTimeout`, { cause });
  }
  if (url === undefined) return new ConnectionError(`Could not connect: ${cause.message}. Call connect() to try again.`, { cause });
  const where = `Could not connect to ${redact(url)}: ${cause.message}`;
  // The one cause a browser does tell: navigator.onLine false is reliable (true is not).
  if ((globalThis as { navigator?: Navigator }).navigator?.onLine === false) return new ConnectionError(`${where}. The browser is offline: call connect() again once it is back online`, { cause });
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

/** Reconnecting gave up: says how many attempts were really made, and one thing to do. */
export function gaveUpError(cause: Error, attempts: number, fatal: boolean): ConnectionError {
  const what =
    attempts === 0
      ? 'Connection lost and reconnecting is off (maxReconnectAttempts is 0)'
      : `Connection lost and ${attempts} reconnect attempt${attempts === 1 ? '' : 's'} failed`;
  // A fatal cause carries its own advice; retrying later is the advice for a transient one.
  return new ConnectionError(`${what}: ${cause.message}${fatal ? '' : '. Call connect() to try again.'}`, { cause });
}

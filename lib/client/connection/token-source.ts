import { catchError, defer, from, isObservable, map, of, take, throwError, throwIfEmpty, type Observable } from 'rxjs';
import { AuthenticationError, ConnectionError } from '../errors';

/** Something that yields a subscription token; asked on every (re)connect. */
export type TokenProvider = () => string | Promise<string> | Observable<string>;

/**
 * One token per subscription: the string itself, or the provider's next answer. A provider that
 * fails, completes without a token or yields something that is not a token errors with a
 * `ConnectionError` naming it (the connection retries those, see `fatalConnectionError`); an
 * `AuthenticationError` passes through unchanged, because retrying cannot fix a refused API key.
 */
export function tokenSource(token: string | TokenProvider): () => Observable<string> {
  if (typeof token !== 'function') return () => of(token);
  return () =>
    defer(() => {
      const result = token();
      return typeof result === 'string' ? of(result) : isObservable(result) ? result : from(result);
    }).pipe(
      catchError((error: unknown) => {
        if (error instanceof AuthenticationError) return throwError(() => error);
        const reason = error instanceof Error ? error.message : String(error);
        return throwError(() => new ConnectionError(`the token provider failed: ${reason}`, { cause: error }));
      }),
      take(1),
      throwIfEmpty(() => new ConnectionError('the token provider completed without a token')),
      map((value: unknown) => {
        if (typeof value === 'string' && value !== '') return value;
        throw new ConnectionError(`the token provider gave ${value === '' ? 'an empty string' : typeof value} instead of a token string`);
      }),
    );
}

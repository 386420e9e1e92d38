import { TestScheduler } from 'rxjs/testing';
import { backoffDelay, fatalConnectionError, reconnectDelay } from '../../../lib/client/connection/backoff';
import { AuthenticationError, ConnectionError, SocketClosedError, TimeoutError } from '../../../lib/client/errors';


const config = { initialDelayBetweenReconnects: 1000, maxDelayBetweenReconnects: 30000, jitterMs: 500, random: () => 0.5 };

describe('backoffDelay', () => {
  it('doubles from the initial delay, caps at the max, and adds jitter from the random source', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, config))).toEqual([1250, 2250, 4250, 8250, 16250, 30250, 30250]);
  });

  it('honours zeros: no delay, no jitter', () => {
    expect(backoffDelay(3, { ...config, initialDelayBetweenReconnects: 0, jitterMs: 0 })).toBe(0);
    expect(backoffDelay(3, { ...config, jitterMs: 0 })).toBe(4000);
  });
});

describe('fatalConnectionError', () => {
  it.each([401, 403])('gives up on HTTP %i at the upgrade with AuthenticationError', (status) => {
    const fatal = fatalConnectionError(new SocketClosedError('refused', 1006, '', false, status));
    expect(fatal).toBeInstanceOf(AuthenticationError);
    expect(fatal).toMatchObject({ code: status });
  });

  it('retries drops, refusals with other statuses, timeouts and connection errors', () => {
    expect(fatalConnectionError(new SocketClosedError('drop', 1006, '', true))).toBeUndefined();
    expect(fatalConnectionError(new SocketClosedError('503', 1006, '', false, 503))).toBeUndefined();
    expect(fatalConnectionError(new TimeoutError('slow'))).toBeUndefined();
    expect(fatalConnectionError(new ConnectionError('token service down'))).toBeUndefined();
  });

  it('retries a token provider that failed (a network blip), within maxReconnectAttempts', () => {
    expect(fatalConnectionError(new TypeError('fetch failed'))).toBeUndefined();
    expect(fatalConnectionError(new ConnectionError('the token provider failed: fetch failed'))).toBeUndefined();
    expect(fatalConnectionError('a provider rejected with a string')).toBeUndefined();
  });

  it('gives up when a token provider or its endpoint refused the API key', () => {
    const refused = new AuthenticationError('bad key', 401);
    expect(fatalConnectionError(refused)).toBe(refused);
  });
});

describe('reconnectDelay (retry delay)', () => {
  it('waits the backoff on the scheduler and reports each attempt', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ expectObservable }) => {
      const seen: [number, number][] = [];
      const delay = reconnectDelay({ ...config, jitterMs: 0 }, undefined as never, (attempt, ms) => seen.push([attempt, ms]));
      expectObservable(delay(new SocketClosedError('drop', 1006, '', true), 2)).toBe('2000ms (a|)', { a: 0 });
      expect(seen).toEqual([[2, 2000]]);
    });
  });

  it('errors at once on a fatal error', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ expectObservable }) => {
      const delay = reconnectDelay(config, undefined as never, () => undefined);
      const error = new SocketClosedError('refused', 1006, '', false, 401);
      expectObservable(delay(error, 1)).toBe('#', undefined, new AuthenticationError('The server refused the credentials (HTTP 401): check the API key, or generate a new token', 401));
    });
  });
});

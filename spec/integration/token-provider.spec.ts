import { EMPTY, filter, firstValueFrom, of } from 'rxjs';
import { AuthenticationError, ConnectionError, HPKVClientFactory, WebsocketTokenManager } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { rejection } from '../support/rejection';

describe('token providers and token expiry', () => {
  let now: number;
  let server: LocalServer;
  beforeEach(async () => {
    now = 1_000_000;
    server = await startLocalServer({ tokenTtlSeconds: 60, now: () => now });
  });
  afterEach(() => server.close());

  const FAST = { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, jitterMs: 0 };

  it('asks the provider on every (re)connect, so the client outlives token expiry', async () => {
    let issued = 0;
    const client = HPKVClientFactory.createSubscriptionClient(
      async () => {
        issued++;
        return server.issueToken({ subscribePatterns: ['t:*'] });
      },
      server.baseUrl,
      FAST,
    );
    try {
      await client.connect();
      now += 120_000; // the first token has expired
      server.dropConnections();
      await firstValueFrom(client.events$.pipe(filter((event) => event.type === 'connected')));
      expect(issued).toBe(2);
      const writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, FAST);
      await writer.connect();
      const received = firstValueFrom(client.watch$('t:*'));
      await writer.set('t:1', 'still subscribed');
      expect(await received).toMatchObject({ key: 't:1', value: 'still subscribed' });
      writer.destroy();
    } finally {
      client.destroy();
    }
  });

  it('without a provider, the expired token is refused on reconnect and the client gives up at once', async () => {
    const client = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['t:*'] }), server.baseUrl, FAST);
    try {
      await client.connect();
      now += 120_000;
      const failed = new Promise<ConnectionError>((resolve) => client.on('reconnectFailed', resolve));
      server.dropConnections();
      expect((await failed).message).toMatch(/refused the credentials \(HTTP 403\)/);
    } finally {
      client.destroy();
    }
  });

  it('accepts an Observable provider', async () => {
    const client = HPKVClientFactory.createSubscriptionClient(() => of(server.issueToken()), server.baseUrl, FAST);
    try {
      await client.connect();
      expect(client.getConnectionState()).toBe('CONNECTED');
    } finally {
      client.destroy();
    }
  });

  /** As the README's provider, a fetch: it fails with "fetch failed" on the calls `fails` picks (1-based). */
  function flaky(fails: (call: number) => boolean): { provider: () => Promise<string>; calls: () => number } {
    let calls = 0;
    const provider = async (): Promise<string> => {
      if (fails(++calls)) throw new TypeError('fetch failed');
      return server.issueToken({ subscribePatterns: ['t:*'] });
    };
    return { provider, calls: () => calls };
  }

  it('retries a provider that fails while reconnecting (a network blip), and reconnects', async () => {
    const { provider, calls } = flaky((call) => call === 2);
    const client = HPKVClientFactory.createSubscriptionClient(provider, server.baseUrl, { ...FAST, maxReconnectAttempts: 3 });
    try {
      const attempts: number[] = [];
      client.on('reconnecting', ({ attempt }) => attempts.push(attempt));
      const failed: ConnectionError[] = [];
      client.on('reconnectFailed', (error) => failed.push(error));
      await client.connect();
      const reconnected = firstValueFrom(client.events$.pipe(filter((event) => event.type === 'connected')));
      server.dropConnections();
      await reconnected;
      expect(attempts).toEqual([1, 2]);
      expect(failed).toEqual([]);
      expect(calls()).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('gives up after the attempts really made, and says how many', async () => {
    const { provider, calls } = flaky((call) => call > 1);
    const client = HPKVClientFactory.createSubscriptionClient(provider, server.baseUrl, { ...FAST, maxReconnectAttempts: 3 });
    try {
      await client.connect();
      const failed = new Promise<ConnectionError>((resolve) => client.on('reconnectFailed', resolve));
      server.dropConnections();
      expect((await failed).message).toBe(
        'Connection lost and 3 reconnect attempts failed: the token provider failed: fetch failed. Call connect() to try again.',
      );
      expect(calls()).toBe(4);
    } finally {
      client.destroy();
    }
  });

  it('stops at once when the provider reports that the API key was refused', async () => {
    let calls = 0;
    const tokens = new WebsocketTokenManager('not-the-key', server.baseUrl);
    const client = HPKVClientFactory.createSubscriptionClient(
      () => (++calls === 1 ? server.issueToken() : tokens.generateToken({ subscribePatterns: ['t:*'] })),
      server.baseUrl,
      { ...FAST, maxReconnectAttempts: 3 },
    );
    try {
      await client.connect();
      const failed = new Promise<ConnectionError>((resolve) => client.on('reconnectFailed', resolve));
      server.dropConnections();
      const error = await failed;
      expect(error.message).toMatch(/^Connection lost and 1 reconnect attempt failed: Failed to generate token: 401 .*Check the API key\.$/);
      expect(error.cause).toBeInstanceOf(AuthenticationError);
      expect(calls).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('names a provider that fails on the first connect(), and reports it on error too', async () => {
    const client = HPKVClientFactory.createSubscriptionClient(() => Promise.reject(new TypeError('fetch failed')), server.baseUrl, FAST);
    try {
      const reported: Error[] = [];
      client.on('error', (error) => reported.push(error));
      const error = await rejection(client.connect());
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toBe('Could not connect: the token provider failed: fetch failed. Call connect() to try again.');
      expect(reported).toEqual([error]);
    } finally {
      client.destroy();
    }
  });

  it('fails connect() when the provider completes without a token, instead of waiting for ever', async () => {
    const client = HPKVClientFactory.createSubscriptionClient(() => EMPTY, server.baseUrl, FAST);
    try {
      await expect(client.connect()).rejects.toThrow('Could not connect: the token provider completed without a token. Call connect() to try again.');
    } finally {
      client.destroy();
    }
  });
});

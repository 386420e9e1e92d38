import { filter, firstValueFrom, of } from 'rxjs';
import { HPKVClientFactory, type ConnectionError } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';

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
});

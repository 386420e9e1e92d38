import { firstValueFrom, lastValueFrom, toArray, merge } from 'rxjs';
import { HPKVClientFactory, type HPKVError, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';

describe('hpkv-rx against the local server: operations', () => {
  let server: LocalServer;
  let client: HPKVApiClient;

  beforeAll(async () => {
    server = await startLocalServer();
    client = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await client.connect();
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('runs every operation in Promise form', async () => {
    expect(await client.set('ops:p', { name: 'Ada' })).toMatchObject({ code: 200, success: true });
    expect(await client.get('ops:p')).toMatchObject({ code: 200, key: 'ops:p', value: '{"name":"Ada"}' });
    expect(await client.set('ops:p', { age: 36 }, true)).toMatchObject({ code: 200, success: true });
    expect(await client.patch('ops:p', '{"lang":"en"}')).toMatchObject({ code: 200 });
    expect(JSON.parse(String((await client.get('ops:p')).value))).toEqual({ name: 'Ada', age: 36, lang: 'en' });
    expect(await client.atomicIncrement('ops:n', 2)).toMatchObject({ code: 200, newValue: 2 });
    expect(await client.range('ops:', 'ops:~', { limit: 1 })).toMatchObject({ count: 1, truncated: true, records: [{ key: 'ops:n', value: '2' }] });
    expect(await client.delete('ops:p')).toMatchObject({ code: 200, success: true });
  });

  it('runs every operation in Observable form, cold until subscribed', async () => {
    const set$ = client.set$('obs:o', 'one');
    expect(await client.get('obs:o').catch((error: HPKVError) => error.code)).toBe(404);
    expect(await firstValueFrom(set$)).toMatchObject({ code: 200 });
    expect(await firstValueFrom(client.get$('obs:o'))).toMatchObject({ value: 'one' });
    expect(await firstValueFrom(client.patch$('obs:o', 'two'))).toMatchObject({ code: 200 });
    expect(await firstValueFrom(client.atomicIncrement$('obs:c', -5))).toMatchObject({ newValue: -5 });
    expect(await firstValueFrom(client.range$('obs:c', 'obs:o'))).toMatchObject({ count: 2 });
    expect(await firstValueFrom(client.delete$('obs:o'))).toMatchObject({ success: true });
    expect(await lastValueFrom(merge(client.get$('obs:c'), client.get$('obs:c')).pipe(toArray()))).toHaveLength(2);
  });

  it('runs many requests concurrently, each matched to its own reply', async () => {
    await Promise.all(Array.from({ length: 500 }, (_, i) => client.set(`ops:many:${i}`, String(i))));
    const values = await Promise.all(Array.from({ length: 500 }, (_, i) => client.get(`ops:many:${i}`)));
    expect(values.every((reply, i) => reply.value === String(i))).toBe(true);
  });

  it('rejects with HPKVError codes: 404, 400 from the server, 400 before sending', async () => {
    await expect(client.get('ops:missing')).rejects.toMatchObject({ name: 'HPKVError', code: 404, message: 'Record not found' });
    await client.set('ops:text', 'abc');
    await expect(client.atomicIncrement('ops:text', 1)).rejects.toMatchObject({ code: 400, message: 'stored value is not an integer counter' });
    await expect(client.get('')).rejects.toMatchObject({ code: 400, message: 'Invalid GET request: key must not be empty' });
    await expect(client.atomicIncrement('ops:n', 0.5)).rejects.toMatchObject({ code: 400 });
    expect(client.getConnectionStats().messagesPending).toBe(0);
  });

  it('rejects keys outside the token accessPattern with 403', async () => {
    const limited = HPKVClientFactory.createSubscriptionClient(server.issueToken({ accessPattern: '^public:' }), server.baseUrl, { throttling: { enabled: false } });
    await limited.connect();
    try {
      await expect(limited.get('secret')).rejects.toMatchObject({ code: 403, message: 'Access denied: Key does not match allowed pattern' });
      await expect(limited.set('public:a', 'ok')).resolves.toMatchObject({ code: 200 });
    } finally {
      limited.destroy();
    }
  });

  it('surfaces the server rate limit as 429 when client throttling is off', async () => {
    const limitedServer = await startLocalServer({ rateLimit: 5 });
    const eager = HPKVClientFactory.createApiClient(limitedServer.apiKey, limitedServer.baseUrl, { throttling: { enabled: false } });
    await eager.connect();
    try {
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => eager.atomicIncrement('n', 1)));
      const codes = results.map((result) => (result.status === 'fulfilled' ? 200 : (result.reason as HPKVError).code));
      expect(codes.filter((code) => code === 429).length).toBeGreaterThan(0);
      expect(codes.every((code) => code === 200 || code === 429)).toBe(true);
    } finally {
      eager.destroy();
      await limitedServer.close();
    }
  });

  it('with throttling on at the server limit, a burst gets no 429', async () => {
    const limitedServer = await startLocalServer({ rateLimit: 20 });
    const polite = HPKVClientFactory.createApiClient(limitedServer.apiKey, limitedServer.baseUrl, { throttling: { enabled: true, rateLimit: 20 } });
    await polite.connect();
    try {
      const results = await Promise.all(Array.from({ length: 30 }, () => polite.atomicIncrement('n', 1)));
      expect(results.at(-1)).toMatchObject({ newValue: 30 });
      expect(polite.getThrottlingStatus()).toMatchObject({ enabled: true, config: { rateLimit: 20 }, metrics: { queueLength: 0 } });
    } finally {
      polite.destroy();
      await limitedServer.close();
    }
  });

  it('reports stats and throttling status as the official SDK', () => {
    expect(client.getConnectionStats()).toEqual({
      isConnected: true,
      reconnectAttempts: 0,
      messagesPending: 0,
      connectionState: 'CONNECTED',
      throttling: null,
    });
    expect(client.getConnectionState()).toBe('CONNECTED');
  });
});

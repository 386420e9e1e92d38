import {
  ConnectionError,
  HPKVClientFactory,
  HPKVError,
  WebsocketTokenManager,
  type HPKVApiClient,
  type HPKVNotificationResponse,
  type HPKVSubscriptionClient,
} from '@hpkv/websocket-client';
import { startLocalServer, type LocalServer } from '../../lib/server';

/**
 * The official SDK, unchanged, against the local server: the proof that the server is faithful
 * enough for code written for HPKV's cloud.
 */
describe('official @hpkv/websocket-client 1.4.1 against the local server', () => {
  let server: LocalServer;
  let api: HPKVApiClient;
  const subscribers: HPKVSubscriptionClient[] = [];

  beforeAll(async () => {
    server = await startLocalServer();
    api = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await api.connect();
  });
  afterAll(async () => {
    for (const client of [api, ...subscribers]) {
      await client.disconnect();
      client.destroy();
    }
    await server.close();
  });

  it('runs all six operations', async () => {
    expect(await api.set('sdk:user', { name: 'Ada' })).toMatchObject({ code: 200, success: true });
    expect(await api.get('sdk:user')).toMatchObject({ code: 200, key: 'sdk:user', value: '{"name":"Ada"}' });
    expect(await api.set('sdk:user', { age: 36 }, true)).toMatchObject({ code: 200, success: true });
    expect(JSON.parse(String((await api.get('sdk:user')).value))).toEqual({ name: 'Ada', age: 36 });
    expect(await api.atomicIncrement('sdk:count', 5)).toMatchObject({ code: 200, success: true, newValue: 5 });
    expect(await api.atomicIncrement('sdk:count', -2)).toMatchObject({ newValue: 3 });
    const range = await api.range('sdk:', 'sdk:~', { limit: 10 });
    expect(range).toMatchObject({ code: 200, count: 2, truncated: false });
    expect(range.records.map((record) => record.key)).toEqual(['sdk:count', 'sdk:user']);
    expect(await api.delete('sdk:user')).toMatchObject({ code: 200, success: true });
  });

  it('rejects a missing key with HPKVError code 404', async () => {
    const failure = api.get('sdk:absent');
    await expect(failure).rejects.toBeInstanceOf(HPKVError);
    await expect(failure).rejects.toMatchObject({ code: 404, message: 'Record not found' });
    await expect(api.delete('sdk:absent')).rejects.toMatchObject({ code: 404 });
  });

  it.each([
    ['subscribePatterns (SDK 1.4)', { subscribePatterns: ['sdk:watch:*'] }],
    ['subscribeKeys (SDK 1.2)', { subscribeKeys: ['sdk:watch:1'] }],
  ])('generates a token with %s and delivers notifications to a subscription client', async (_name, config) => {
    const tokens = new WebsocketTokenManager(server.apiKey, server.baseUrl);
    const token = await tokens.generateToken(config as never);
    const subscriber = HPKVClientFactory.createSubscriptionClient(token, server.baseUrl, { throttling: { enabled: false } });
    subscribers.push(subscriber);
    await subscriber.connect();
    const received = new Promise<HPKVNotificationResponse>((resolve) => subscriber.subscribe(resolve));
    await api.set('sdk:watch:1', 'hello');
    expect(await received).toMatchObject({ type: 'notification', key: 'sdk:watch:1', value: 'hello' });
  });

  it('rejects an invalid token with a ConnectionError that mentions 403', async () => {
    const client = HPKVClientFactory.createSubscriptionClient('not-a-token', server.baseUrl, { maxReconnectAttempts: 0 });
    try {
      const failure = client.connect();
      await expect(failure).rejects.toBeInstanceOf(ConnectionError);
      await expect(failure).rejects.toThrow(/403/);
    } finally {
      client.destroy();
    }
  });
});

import { firstValueFrom, filter } from 'rxjs';
import {
  AuthenticationError,
  ConnectionError,
  HPKVClientFactory,
  HPKVError,
  ProtocolError,
  TimeoutError,
  type ConnectionConfig,
  type HPKVApiClient,
} from '../../lib/client';
import { createNodeWebSocket } from '../../lib/client/connection/node-web-socket';
import { startLocalServer, type LocalServer } from '../../lib/server';

/** Fast reconnects: the schedule itself is marble-tested; here only the behaviour matters. */
const FAST: ConnectionConfig = { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, maxDelayBetweenReconnects: 20, jitterMs: 0 };

describe('hpkv-rx against the local server: faults', () => {
  let server: LocalServer;
  const clients: { destroy(): void }[] = [];
  const api = (config: ConnectionConfig = FAST, apiKey = server.apiKey): HPKVApiClient => {
    const client = HPKVClientFactory.createApiClient(apiKey, server.baseUrl, config);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startLocalServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  it('opens one connection for concurrent connect() calls', async () => {
    const client = api();
    await Promise.all([client.connect(), client.connect(), client.connect()]);
    expect(server.connectionCount).toBe(1);
  });

  it('fails requests at once before connect(), and queues those made while connecting', async () => {
    const client = api();
    await expect(client.get('k')).rejects.toThrow(new ConnectionError('Not connected (WebSocket is not open): call connect() first'));
    const connecting = client.connect();
    const early = client.set('k', 'queued while connecting');
    await connecting;
    await expect(early).resolves.toMatchObject({ code: 200 });
  });

  it('survives the server dropping every connection mid-traffic: reads re-sent, writes outcome-unknown', async () => {
    const client = api();
    await client.connect();
    await client.set('drop:read', 'before');
    server.pauseReplies();
    const applied = new Promise<void>((resolve) => server.engine.onChange((change) => change.key === 'drop:write' && resolve()));
    const read = client.get('drop:read');
    const write = client.set('drop:write', 'maybe');
    await applied;
    const reconnected = firstValueFrom(client.events$.pipe(filter((event) => event.type === 'connected')));
    server.dropConnections();
    server.resumeReplies();
    const failure = await write.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ outcomeUnknown: true });
    await reconnected;
    await expect(read).resolves.toMatchObject({ value: 'before' });
    // The write had been applied: reading back is how a caller settles the doubt.
    await expect(client.get('drop:write')).resolves.toMatchObject({ value: 'maybe' });
    expect(client.getConnectionStats()).toMatchObject({ messagesPending: 0, connectionState: 'CONNECTED' });
  });

  it('settles everything when the server is gone for good: reconnectFailed, then immediate failures', async () => {
    const client = api({ ...FAST, maxReconnectAttempts: 2 });
    await client.connect();
    server.pauseReplies();
    const pending = client.get('gone');
    const failed = new Promise<ConnectionError>((resolve) => client.on('reconnectFailed', resolve));
    await server.close();
    const error = await failed;
    expect(error.message).toMatch(/2 reconnect attempts failed/);
    await expect(pending).rejects.toBeInstanceOf(ConnectionError);
    await expect(client.get('after')).rejects.toThrow(/Not connected/);
    expect(client.getConnectionState()).toBe('DISCONNECTED');
    server = await startLocalServer(); // for afterEach
  });

  it('rejects invalid credentials with AuthenticationError after exactly one upgrade attempt', async () => {
    let sockets = 0;
    const client = api({ ...FAST, webSocketFactory: (url) => (sockets++, createNodeWebSocket(url)) }, 'wrong-key');
    const failure = await client.connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(failure).toMatchObject({ code: 401 });
    expect(sockets).toBe(1);
    expect(client.getConnectionState()).toBe('DISCONNECTED');
  });

  it('does not retry a reconnect refused for an expired token (no retry storm)', async () => {
    let now = 1_000_000;
    await server.close();
    server = await startLocalServer({ tokenTtlSeconds: 60, now: () => now });
    const client = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl, FAST);
    clients.push(client);
    const attempts: number[] = [];
    client.on('reconnecting', ({ attempt }) => attempts.push(attempt));
    await client.connect();
    now += 61_000;
    const failed = new Promise<ConnectionError>((resolve) => client.on('reconnectFailed', resolve));
    server.dropConnections();
    expect((await failed).message).toMatch(/HTTP 403/);
    expect(attempts).toEqual([1]);
  });

  it('forgets a request unsubscribed before its reply; the late reply harms nothing', async () => {
    const client = api();
    await client.connect();
    await client.set('late', 'v');
    server.pauseReplies();
    client.get$('late').subscribe().unsubscribe();
    expect(client.getConnectionStats().messagesPending).toBe(0);
    const next = client.get('late');
    server.resumeReplies();
    await expect(next).resolves.toMatchObject({ value: 'v' });
  });

  it('reports garbage frames from the server on the error event and stays usable', async () => {
    const client = api();
    await client.connect();
    const errors: Error[] = [];
    const twoErrors = new Promise<void>((resolve) =>
      client.on('error', (error) => {
        errors.push(error);
        if (errors.length === 2) resolve();
      }),
    );
    server.sendRaw('this is not json');
    server.sendRaw('{"unexpected":"shape"}');
    await twoErrors;
    expect(errors.every((error) => error instanceof ProtocolError)).toBe(true);
    await expect(client.set('still', 'fine')).resolves.toMatchObject({ code: 200 });
  });

  it('never gives a success reply without messageId to the one request in flight (it would be another key\'s value)', async () => {
    const client = api();
    await client.connect();
    await client.set('mine', 'my value');
    const errors: Error[] = [];
    const reported = new Promise<void>((resolve) => client.on('error', (error) => (errors.push(error), resolve())));
    server.pauseReplies();
    const request = client.get('mine');
    server.sendRaw('{"code":200,"key":"theirs","value":"their value"}');
    await reported;
    expect(errors[0]).toBeInstanceOf(ProtocolError);
    server.resumeReplies();
    await expect(request).resolves.toMatchObject({ key: 'mine', value: 'my value' });
  });

  it('attributes an error reply without messageId to the one request in flight, without waiting for its timeout', async () => {
    const client = api({ ...FAST, operationTimeout: 60_000 });
    await client.connect();
    server.pauseReplies();
    const request = client.get('k');
    server.sendRaw('{"code":500,"error":"Internal server error"}');
    await expect(request).rejects.toEqual(new HPKVError('Internal server error', 500));
    server.resumeReplies();
  });

  it('times out a write that was sent as outcome-unknown: after a stall it may well have been applied', async () => {
    const client = api();
    await client.connect();
    server.pauseReplies();
    const applied = new Promise<void>((resolve) => server.engine.onChange((change) => change.key === 'stalled' && resolve()));
    const failure = await client.set('stalled', 'written', false, 50).catch((error: unknown) => error);
    await applied;
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toMatchObject({ outcomeUnknown: true });
    server.resumeReplies();
    await expect(client.get('stalled')).resolves.toMatchObject({ value: 'written' });
  });

  it('rejects an invalid API key with an error that is also a ConnectionError (as the official SDK), and reports it on error', async () => {
    const client = api(FAST, 'wrong-key');
    const reported: Error[] = [];
    client.on('error', (error) => reported.push(error));
    const failure = await client.connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(reported).toEqual([failure]);
  });

  it('reports a connect() that fails (nothing listening) on error, and says what to check', async () => {
    const port = Number(new URL(server.baseUrl).port);
    await server.close();
    const client = HPKVClientFactory.createApiClient('k', `http://127.0.0.1:${port}`, FAST);
    clients.push(client);
    const reported: Error[] = [];
    client.on('error', (error) => reported.push(error));
    const failure = await client.connect().catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toMatch(/^Could not connect to ws:\/\/127\.0\.0\.1:\d+\/ws\?apiKey=…: WebSocket connection failed: .*ECONNREFUSED.*\. Check the URL and that the server is reachable\.$/);
    expect(reported).toEqual([failure]);
    await expect(client.get('k')).rejects.toThrow(/^Not connected \(WebSocket is not open\): Could not connect to /);
    server = await startLocalServer(); // for afterEach
  });
});

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { filter, firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import {
  ConnectionError,
  HPKVClientFactory,
  HPKVError,
  TimeoutError,
  WebsocketTokenManager,
  type ConnectionConfig,
  type ConnectionEvent,
  type HPKVApiClient,
  type HPKVNotificationResponse,
} from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { planFaults, seededRandom, startFaultProxy, type ChaosOptions, type FaultProxy } from '../../lib/testing';
import { readBytes, startEchoServer } from '../support/echo-server';
import { RawClient } from '../support/raw-client';

/** Fast reconnects, no throttling: only the proxy's behaviour matters here. */
const FAST: ConnectionConfig = { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, maxDelayBetweenReconnects: 20, jitterMs: 0 };

const nextEvent = (client: HPKVApiClient, type: ConnectionEvent['type']): Promise<ConnectionEvent> =>
  firstValueFrom(client.events$.pipe(filter((event) => event.type === type)));

describe('startFaultProxy', () => {
  let server: LocalServer;
  let proxy: FaultProxy;
  const cleanups: (() => unknown)[] = [];
  const api = (config: ConnectionConfig = {}): HPKVApiClient => {
    const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, { ...FAST, ...config });
    cleanups.push(() => client.destroy());
    return client;
  };
  const echoProxy = async (): Promise<{ sockets: Socket[]; socket: Socket }> => {
    const echo = await startEchoServer();
    cleanups.push(() => new Promise((resolve) => echo.server.close(resolve)));
    await proxy.close();
    proxy = await startFaultProxy(echo.url, { seed: 1 });
    const socket = connect(proxy.port, '127.0.0.1');
    socket.on('error', () => undefined);
    cleanups.push(() => socket.destroy());
    await once(socket, 'connect');
    return { sockets: echo.sockets, socket };
  };

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    proxy = await startFaultProxy(server.baseUrl, { seed: 1 });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await proxy.close();
    await server.close();
  });

  it('gives a base URL on 127.0.0.1 and a free port, and the seed it uses', () => {
    expect(proxy.baseUrl).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(proxy.port).not.toBe(server.port);
    expect(proxy.seed).toBe(1);
  });

  describe('forwarding', () => {
    it('passes every operation, REST and a notification through unchanged', async () => {
      const client = api();
      await client.connect();
      await expect(client.set('user:1', { name: 'Ada' })).resolves.toMatchObject({ code: 200, success: true });
      await expect(client.patch('user:1', { born: 1815 })).resolves.toMatchObject({ code: 200, success: true });
      await expect(client.get('user:1')).resolves.toMatchObject({ value: '{"name":"Ada","born":1815}' });
      await expect(client.atomicIncrement('visits', 5)).resolves.toMatchObject({ newValue: 5 });
      await expect(client.range('user:', 'user:~')).resolves.toMatchObject({ records: [{ key: 'user:1' }], count: 1 });
      await expect(client.delete('user:1')).resolves.toMatchObject({ code: 200 });
      await expect(client.get('user:1')).rejects.toEqual(new HPKVError('Record not found', 404));

      // REST (the token endpoint) and a subscription connection, both through the proxy.
      const token = await new WebsocketTokenManager(server.apiKey, proxy.baseUrl).generateToken({ subscribeKeys: ['user:2'] });
      const subscriber = HPKVClientFactory.createSubscriptionClient(token, proxy.baseUrl, FAST);
      cleanups.push(() => subscriber.destroy());
      await subscriber.connect();
      const notified = firstValueFrom(subscriber.notifications$);
      await client.set('user:2', 'Grace');
      await expect(notified).resolves.toMatchObject<Partial<HPKVNotificationResponse>>({ type: 'notification', key: 'user:2', value: 'Grace' });
      // The API client's, the token request's and the subscriber's.
      expect(proxy.acceptedConnections).toBe(3);
    });

    it('forwards bytes unchanged and in order both ways, under latency and seeded jitter, and passes the FIN on', async () => {
      const { socket } = await echoProxy();
      proxy.latency(1, 5);
      const sent = randomBytes(2 * 1024 * 1024);
      const echoed = readBytes(socket, sent.length);
      for (let at = 0; at < sent.length; at += 1000) socket.write(sent.subarray(at, at + 1000));
      expect((await echoed).equals(sent)).toBe(true);
      socket.end();
      await once(socket, 'end');
    });
  });

  describe('cut()', () => {
    it('resets both sides (RST, not FIN)', async () => {
      const { socket, sockets } = await echoProxy();
      socket.write('hello');
      await readBytes(socket, 5);
      const clientSide = once(socket, 'error');
      const serverSide = once(sockets[0], 'error');
      proxy.cut();
      expect(await clientSide).toMatchObject([{ code: 'ECONNRESET' }]);
      expect(await serverSide).toMatchObject([{ code: 'ECONNRESET' }]);
      await proxy.waitForConnections(0);
    });

    it('the client sees a drop and reconnects through the proxy by itself', async () => {
      const client = api();
      await client.connect();
      const dropped = nextEvent(client, 'disconnected');
      const reconnected = nextEvent(client, 'connected');
      proxy.cut();
      await expect(dropped).resolves.toMatchObject({ gracefully: false, previousState: 'CONNECTED' });
      await reconnected;
      await expect(client.set('after-cut', 'ok')).resolves.toMatchObject({ code: 200 });
      expect(proxy.acceptedConnections).toBe(2);
      expect(proxy.openConnections).toBe(1);
      await server.waitForConnections(1);
    });
  });

  describe('blackhole() and heal()', () => {
    it('requests get no reply and time out by the client’s own timeout; nothing closes; heal() carries traffic on the same socket', async () => {
      const client = api();
      await client.connect();
      await client.set('k', 'v');
      const raw = await RawClient.open(proxy.baseUrl, { apiKey: server.apiKey });
      cleanups.push(() => raw.ws.terminate());
      const pongs: string[] = [];
      raw.ws.on('pong', (data) => pongs.push(data.toString()));

      proxy.blackhole();
      expect(proxy.blackholed).toBe(true);
      raw.ws.ping('during');
      const held = client.set('held', 'sent during the blackhole', false, 10_000);
      await expect(client.get('k', 200)).rejects.toBeInstanceOf(TimeoutError);
      // 200 ms of silence both ways: the ping and the write sent before the timed-out read did not pass.
      expect(pongs).toEqual([]);
      expect(server.engine.store.get('held')).toBeUndefined();
      expect(client.getConnectionState()).toBe('CONNECTED');
      expect(server.connectionCount).toBe(2);

      const pong = once(raw.ws, 'pong');
      proxy.heal();
      expect(proxy.blackholed).toBe(false);
      // What was sent during the stall is delivered on heal, as TCP's retransmissions would.
      await expect(held).resolves.toMatchObject({ code: 200 });
      await pong;
      expect(pongs).toEqual(['during']);
      await expect(client.get('k')).resolves.toMatchObject({ value: 'v' });
      expect(proxy.acceptedConnections).toBe(2);
    });

    it('accepts new connections during a blackhole and keeps them silent; the server sees them only after heal()', async () => {
      proxy.blackhole();
      const ws = new WebSocket(`${proxy.baseUrl.replace('http', 'ws')}/ws?apiKey=${server.apiKey}`);
      ws.on('error', () => undefined);
      cleanups.push(() => ws.terminate());
      await proxy.waitForAccepted(1);
      expect(proxy.openConnections).toBe(1);
      expect(server.connectionCount).toBe(0);
      expect(ws.readyState).toBe(WebSocket.CONNECTING);

      const client = api({ connectionTimeout: 200 });
      await expect(client.connect()).rejects.toBeInstanceOf(TimeoutError);
      expect(ws.readyState).toBe(WebSocket.CONNECTING);
      expect(server.connectionCount).toBe(0);

      proxy.heal();
      await once(ws, 'open');
      await client.connect();
      await server.waitForConnections(2);
    });
  });

  describe('strand()', () => {
    it('a permanent half-open path: the client stays CONNECTED and times out, heal() does not revive it, a new connection works', async () => {
      const client = api();
      await client.connect();
      proxy.strand();
      await expect(client.get('k', 150)).rejects.toBeInstanceOf(TimeoutError);
      proxy.heal();
      await expect(client.get('k', 150)).rejects.toBeInstanceOf(TimeoutError);
      expect(client.getConnectionState()).toBe('CONNECTED');

      await client.disconnect();
      await client.connect();
      await expect(client.set('k', 'on a new path')).resolves.toMatchObject({ code: 200 });
      expect(proxy.acceptedConnections).toBe(2);
      // The stranded flow is never closed: the server still holds it, as over a real dead path.
      expect(proxy.openConnections).toBe(2);
      expect(server.connectionCount).toBe(2);
    });
  });

  describe('latency()', () => {
    it('delays each way: a round trip takes at least twice the latency', async () => {
      const client = api();
      await client.connect();
      proxy.latency(60);
      const started = performance.now();
      await client.get('k').catch(() => undefined);
      expect(performance.now() - started).toBeGreaterThanOrEqual(120);
    });

    it('keeps requests in order under jitter', async () => {
      const client = api();
      await client.connect();
      proxy.latency(0, 20);
      const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => client.set('order', String(i))));
      expect(replies.map((reply) => reply.messageId)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      await expect(client.get('order')).resolves.toMatchObject({ value: '49' });
    });

    it('refuses a negative or non-finite delay with a 400', () => {
      expect(() => proxy.latency(-1)).toThrow(new HPKVError('Invalid fault proxy latency: must be a number of ms >= 0, got -1', 400));
      expect(() => proxy.latency(10, NaN)).toThrow(/jitter: must be a number of ms >= 0/);
    });
  });

  describe('chaos()', () => {
    it('injects the seeded schedule one fault at a time; every request settles and the client comes back', async () => {
      const client = api({ maxReconnectAttempts: 50, connectionTimeout: 1_000 });
      await client.connect();
      const options: ChaosOptions = { faults: 4, gapMs: [30, 60], stallMs: [30, 60], seed: 7 };
      const plan = planFaults(seededRandom(7), options);
      expect(new Set(plan.map((fault) => fault.kind))).toEqual(new Set(['cut', 'stall']));

      let running = true;
      const run = proxy.chaos(options).finally(() => (running = false));
      let sent = 0;
      let settled = 0;
      // One request at a time: the loop ends only if every request settles (a reply or an error).
      while (running) {
        sent++;
        await client.get('k', 100).then(
          () => settled++,
          () => settled++,
        );
        await new Promise(setImmediate); // an immediate rejection must not starve the chaos timers
      }
      expect(await run).toEqual(plan);
      expect(settled).toBe(sent);
      // The first cut found the original connection open (stalls close nothing): at least one reconnect.
      expect(proxy.acceptedConnections).toBeGreaterThanOrEqual(2);
      await firstValueFrom(client.state$.pipe(filter((state) => state === 'CONNECTED')));
      await expect(client.set('after-chaos', 'ok')).resolves.toMatchObject({ code: 200 });
    });
  });

  describe('close()', () => {
    it('stops listening, resets every connection, ends a chaos run and leaves no timer', async () => {
      const client = api({ maxReconnectAttempts: 0 });
      await client.connect();
      proxy.latency(10_000);
      const inFlight = client.get('k', 5_000).catch((error: unknown) => error);
      const chaos = proxy.chaos({ faults: 3, gapMs: [10_000, 10_000] });
      const dropped = nextEvent(client, 'disconnected');

      await proxy.close();
      expect(proxy.openConnections).toBe(0);
      await expect(chaos).resolves.toEqual([]);
      await dropped;
      expect(await inFlight).toBeInstanceOf(ConnectionError);
      const refused = connect(proxy.port, '127.0.0.1');
      await expect(once(refused, 'error')).resolves.toMatchObject([{ code: 'ECONNREFUSED' }]);
      await proxy.close(); // idempotent
    });
  });

  describe('bad targets', () => {
    it.each(['not a url', 'localhost:3000', 'https://api-eu-1.hpkv.io'])('refuses %s with a 400 saying what to give', async (target) => {
      await expect(startFaultProxy(target)).rejects.toEqual(
        new HPKVError(`Invalid fault proxy target "${target}": give a plain-HTTP base URL such as http://127.0.0.1:3000 (TLS cannot be proxied)`, 400),
      );
    });

    it('resets the client when the target refuses the connection: connect() fails, nothing hangs', async () => {
      const { url, server: unused } = await startEchoServer();
      await new Promise((resolve) => unused.close(resolve));
      await proxy.close();
      proxy = await startFaultProxy(url);
      const client = api();
      await expect(client.connect()).rejects.toBeInstanceOf(ConnectionError);
      await proxy.waitForConnections(0);
      expect(proxy.acceptedConnections).toBe(1);
    });
  });
});

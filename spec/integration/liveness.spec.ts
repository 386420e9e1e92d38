import { performance } from 'node:perf_hooks';
import { filter, firstValueFrom, Subject, take, toArray } from 'rxjs';
import { ConnectionError, HPKVClientFactory, type ConnectionConfig, type HPKVApiClient, type WebSocketLike } from '../../lib/client';
import { createNodeWebSocket } from '../../lib/client/connection/node-web-socket';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startFaultProxy, type FaultProxy } from '../../lib/testing';
import { CHAOS_HEARTBEAT, chaosConfig } from '../support/chaos-config';
import { nextEvent, within } from '../support/next-event';

const HEARTBEAT = CHAOS_HEARTBEAT;
const BOUND = HEARTBEAT.intervalMs + HEARTBEAT.timeoutMs;
/** How late a timer may fire on a busy machine (2 cores shared with other work) before we call it a miss. */
const SLACK = 1500;

/** `ws` without ping and without chunk activity: what the heartbeat sees of a browser's WebSocket. */
class BrowserLikeWebSocket implements WebSocketLike {
  private readonly socket: WebSocketLike;
  constructor(url: string) {
    this.socket = createNodeWebSocket(url);
  }
  get readyState(): number {
    return this.socket.readyState;
  }
  set onopen(handler: WebSocketLike['onopen']) {
    this.socket.onopen = handler;
  }
  set onmessage(handler: WebSocketLike['onmessage']) {
    this.socket.onmessage = handler;
  }
  set onclose(handler: WebSocketLike['onclose']) {
    this.socket.onclose = handler;
  }
  set onerror(handler: WebSocketLike['onerror']) {
    this.socket.onerror = handler;
  }
  send(data: string): void {
    this.socket.send(data);
  }
  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}

/**
 * Real sockets through the fault proxy against hpkv-local: a network that goes silent without
 * closing is found dead within intervalMs + timeoutMs and replaced, by the client itself.
 */
describe('liveness over real sockets, through the fault proxy', () => {
  let server: LocalServer;
  let proxy: FaultProxy;
  const clients: HPKVApiClient[] = [];
  const api = (config: ConnectionConfig = {}): HPKVApiClient => {
    const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, chaosConfig(config));
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    proxy = await startFaultProxy(server.baseUrl, { seed: 11 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await proxy.close();
    await server.close();
  });

  it('a transient stall: found within intervalMs + timeoutMs, the write in flight is outcome-unknown, and it reconnects by itself after the heal', async () => {
    const client = api();
    await client.connect();
    await client.set('stall:before', 'v');

    const dropped = nextEvent(client, 'disconnected');
    proxy.blackhole();
    const stalledAt = performance.now();
    const write = client.set('stall:write', 'sent as the stall began').catch((error: unknown) => error);
    const event = await within(BOUND + SLACK, 'the stall was not detected', dropped);
    const detectedMs = performance.now() - stalledAt;
    expect(event).toMatchObject({ code: 1006, gracefully: false });
    expect(event.reason).toMatch(/^heartbeat: nothing received for \d+ ms$/);
    expect(detectedMs).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
    const failure = await write;
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ outcomeUnknown: true });

    // Attempts made during the stall time out (the proxy accepts, then stays silent); once it heals one gets through.
    const reconnected = nextEvent(client, 'connected');
    proxy.heal();
    await within(10_000, 'no reconnect after the heal', reconnected);
    await expect(client.get('stall:before')).resolves.toMatchObject({ value: 'v' });
    expect(proxy.acceptedConnections).toBeGreaterThan(1);
  });

  it('a permanent half-open path: found within intervalMs + timeoutMs and replaced by a new connection, with nobody calling connect()', async () => {
    const client = api();
    await client.connect();
    await client.set('dead:k', 'v');
    const accepted = proxy.acceptedConnections;

    const dropped = nextEvent(client, 'disconnected');
    const reconnected = nextEvent(client, 'connected');
    proxy.strand();
    const strandedAt = performance.now();
    const write = client.atomicIncrement('dead:counter', 1).catch((error: unknown) => error);
    const read = client.get('dead:k');
    await within(BOUND + SLACK, 'the dead path was not detected', dropped);
    // With requests owed, timeoutMs of silence is enough (a ping went out halfway): intervalMs plays no part.
    expect(performance.now() - strandedAt).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
    await within(5000, 'no new connection', reconnected);

    expect(await write).toMatchObject({ name: 'ConnectionError', outcomeUnknown: true });
    // The read in flight was sent again on the new connection.
    await expect(read).resolves.toMatchObject({ value: 'v' });
    expect(proxy.acceptedConnections).toBe(accepted + 1);
    expect(client.getConnectionState()).toBe('CONNECTED');
  });

  it('an idle connection on a path that died is found by its pings alone (Node), within intervalMs + timeoutMs of the last data', async () => {
    const client = api();
    await client.connect();
    await client.get('idle').catch(() => undefined);
    const lastData = performance.now();
    const dropped = nextEvent(client, 'disconnected');
    proxy.strand();
    await within(BOUND + SLACK, 'the idle dead path was not detected', dropped);
    const detectedMs = performance.now() - lastData;
    expect(detectedMs).toBeGreaterThanOrEqual(BOUND - 5);
  });

  /** A client whose pings are counted. */
  const pinging = (): { client: HPKVApiClient; pings: Subject<void> } => {
    const pings = new Subject<void>();
    const client = api({
      webSocketFactory: (url) => {
        const socket = createNodeWebSocket(url);
        const ping = socket.ping!.bind(socket);
        socket.ping = () => (pings.next(), ping());
        return socket;
      },
    });
    return { client, pings };
  };

  it('a busy server is not a dead one: a reply held for several timeoutMs, pings answered meanwhile, nothing dropped', async () => {
    const { client, pings } = pinging();
    await client.connect();
    await client.set('busy', 'v');
    const events: string[] = [];
    client.events$.subscribe((event) => events.push(event.type));
    const threePings = firstValueFrom(pings.pipe(take(3), toArray()));
    server.pauseReplies();
    const held = client.get('busy');
    // Each ping goes out halfway through timeoutMs of silence, after the pong to the one before.
    await within(3 * HEARTBEAT.timeoutMs + SLACK, 'three pings', threePings);
    server.resumeReplies();
    await expect(held).resolves.toMatchObject({ value: 'v' });
    expect(events).toEqual([]);
  });

  it('a quiet but live connection is kept: each ping is answered, nothing is dropped', async () => {
    const { client, pings } = pinging();
    const fourPings = firstValueFrom(pings.pipe(take(4), toArray()));
    await client.connect();
    const events: string[] = [];
    client.events$.subscribe((event) => events.push(event.type));
    // A ping goes out only after intervalMs of silence following the pong to the one before.
    await within(4 * BOUND + SLACK, 'four pings', fourPings);
    await expect(client.get('quiet').catch((error: { code?: number }) => error.code)).resolves.toBe(404);
    expect(events).toEqual([]);
    expect(proxy.acceptedConnections).toBe(1);
  });

  it('without ping (a browser): a request unanswered for timeoutMs with nothing arriving drops the socket, and the request is sent again', async () => {
    const client = api({ webSocketFactory: (url) => new BrowserLikeWebSocket(url) });
    await client.connect();
    proxy.strand();
    const dropped = nextEvent(client, 'disconnected');
    const sentAt = performance.now();
    const read = client.get('browser:k').catch((error: { code?: number }) => error.code);
    await within(HEARTBEAT.timeoutMs + SLACK, 'the silence was not detected', dropped);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
    await firstValueFrom(client.state$.pipe(filter((state) => state === 'CONNECTED')));
    expect(await read).toBe(404); // re-sent on the new connection
  });
});

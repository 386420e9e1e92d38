import { once } from 'node:events';
import { type AddressInfo } from 'node:net';
import { config as rxjsConfig, firstValueFrom } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { HPKVClientFactory, HPKVError, type HPKVApiClient } from '../../lib/client';
import { seededRandom as seeded } from '../../lib/testing';

const SEED = 20261129;
const HOSTILE_FRAMES = 2000;

interface SeenRequest {
  op: number;
  key: string;
  messageId: number;
}

/**
 * A raw `ws` server that answers the client's requests with a seeded mix of correct replies,
 * errors, silence, and hostile frames: replies with missing, duplicate, foreign or unusable
 * messageIds, misdirected keys, wrong types, non-JSON, binary, huge and malformed frames,
 * notifications good and bad, and the odd dropped connection.
 */
class HostileServer {
  readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  /** Every request by messageId, as the server received it. */
  readonly seen = new Map<number, SeenRequest>();
  hostileFrames = 0;
  drops = 0;
  /** When false, every request gets its correct reply and nothing else. */
  hostile = true;

  constructor(private readonly random: () => number) {
    this.wss.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const request = JSON.parse(String(data)) as SeenRequest;
        this.seen.set(request.messageId, request);
        this.answer(socket, request);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private correct(request: SeenRequest): Record<string, unknown> {
    if (request.op === 1) return { code: 200, key: request.key, value: `v:${request.key}`, messageId: request.messageId };
    return { code: 200, success: true, message: 'ok', messageId: request.messageId };
  }

  private send(socket: WebSocket, frame: string | Buffer, hostile = true): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(frame, { binary: typeof frame !== 'string' });
    if (hostile) this.hostileFrames++;
  }

  private hostileFrame(request: SeenRequest): string | Buffer {
    const other = this.pick([...this.seen.values()]);
    const frames: (() => string | Buffer)[] = [
      // Replies that name no request: a success must never be guessed, an error may (when alone).
      () => JSON.stringify({ code: 200, key: other.key, value: `v:${other.key}` }),
      () => JSON.stringify({ code: 200, success: true }),
      () => JSON.stringify({ code: 500, error: 'Internal server error' }),
      () => JSON.stringify({ code: 400, error: 'frame is not valid JSON', messageId: String(request.messageId) }),
      // Foreign and unusable messageIds.
      () => JSON.stringify({ ...this.correct(request), messageId: other.messageId }),
      () => JSON.stringify({ ...this.correct(other), messageId: request.messageId }),
      () => JSON.stringify({ ...this.correct(request), messageId: -request.messageId }),
      () => JSON.stringify({ ...this.correct(request), messageId: request.messageId + 0.5 }),
      () => JSON.stringify({ ...this.correct(request), messageId: 1e12 }),
      // Wrong types.
      () => JSON.stringify({ ...this.correct(request), code: '200' }),
      () => JSON.stringify({ code: 200, key: 5, value: {}, messageId: request.messageId }),
      () => JSON.stringify({ code: 200, records: 'none', messageId: request.messageId }),
      () => JSON.stringify({ code: null, messageId: request.messageId }),
      // Not a reply at all.
      () => '{"code":200,"key":',
      () => 'not json',
      () => '',
      () => 'null',
      () => '[1,2,3]',
      () => '42',
      () => Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      () => `{"junk":"${'x'.repeat(300_000)}"}`,
      () => 'y'.repeat(200_000),
      // Notifications, malformed and not.
      () => JSON.stringify({ type: 'notification', key: 5, value: 'v', timestamp: 1 }),
      () => JSON.stringify({ type: 'notification', key: 'k', value: { nested: true }, timestamp: 'now' }),
      () => JSON.stringify({ type: 'notification' }),
      () => JSON.stringify({ type: 'notification', key: other.key, value: null, timestamp: 1 }),
    ];
    return this.pick(frames)();
  }

  private answer(socket: WebSocket, request: SeenRequest): void {
    if (!this.hostile) {
      this.send(socket, JSON.stringify(this.correct(request)), false);
      return;
    }
    const before = Math.floor(this.random() * 3);
    const after = Math.floor(this.random() * 3);
    for (let i = 0; i < before; i++) this.send(socket, this.hostileFrame(request));
    const outcome = this.random();
    if (outcome < 0.4) this.send(socket, JSON.stringify(this.correct(request)), false);
    else if (outcome < 0.5) this.send(socket, JSON.stringify({ code: 404, error: 'Record not found', key: request.key, messageId: request.messageId }), false);
    else if (outcome < 0.6) this.send(socket, JSON.stringify({ ...this.correct(request), key: `not-${request.key}`, messageId: request.messageId }));
    else if (outcome < 0.7) {
      // Duplicate: the correct reply twice.
      this.send(socket, JSON.stringify(this.correct(request)), false);
      this.send(socket, JSON.stringify(this.correct(request)));
    } else if (outcome < 0.8) setImmediate(() => this.send(socket, JSON.stringify(this.correct(request)), false));
    // else: silence, the client's own timeout ends it.
    for (let i = 0; i < after; i++) this.send(socket, this.hostileFrame(request));
    if (this.random() < 0.004) {
      this.drops++;
      socket.terminate();
    }
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

describe('hpkv-rx against a hostile server (seeded, bounded fuzz)', () => {
  let server: HostileServer;
  let client: HPKVApiClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (error: unknown): void => {
    unhandled.push(error);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    rxjsConfig.onUnhandledError = onUnhandled;
    server = new HostileServer(seeded(SEED));
    await once(server.wss, 'listening');
    client = HPKVClientFactory.createApiClient('key', server.url, {
      throttling: { enabled: false },
      operationTimeout: 80,
      maxReconnectAttempts: 50,
      initialDelayBetweenReconnects: 1,
      maxDelayBetweenReconnects: 5,
      jitterMs: 0,
    });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    rxjsConfig.onUnhandledError = null;
  });

  it(`settles every request, never misdelivers a reply and reports everything typed, over ${HOSTILE_FRAMES}+ hostile frames`, async () => {
    const random = seeded(SEED + 1);
    const reported: Error[] = [];
    client.on('error', (error) => reported.push(error));
    await client.connect();

    const outcomes = { replies: 0, errors: new Map<string, number>() };
    const misdelivered: string[] = [];
    let issued = 0;
    while (server.hostileFrames < HOSTILE_FRAMES) {
      // Batches of 1 exercise the "sole request in flight" rule; larger ones the Map.
      const size = random() < 0.3 ? 1 : 1 + Math.floor(random() * 24);
      const batch: Promise<void>[] = [];
      for (let i = 0; i < size; i++) {
        const key = `k${issued++}`;
        const op = random();
        const observable = random() < 0.5;
        const call: Promise<object> =
          op < 0.6
            ? observable ? firstValueFrom(client.get$(key)) : client.get(key)
            : op < 0.85
              ? observable ? firstValueFrom(client.set$(key, 'v')) : client.set(key, 'v')
              : observable ? firstValueFrom(client.delete$(key)) : client.delete(key);
        batch.push(
          call.then(
            (body) => {
              const reply = body as Record<string, unknown>;
              outcomes.replies++;
              // A reply is this request's: its messageId names a request for this key, and a GET's key and value are this key's.
              const answered = typeof reply.messageId === 'number' ? server.seen.get(reply.messageId) : undefined;
              const mine = answered?.key === key && (answered.op !== 1 || (reply.key === key && reply.value === `v:${key}`));
              if (!mine) misdelivered.push(`${key} got ${JSON.stringify(reply).slice(0, 120)}`);
            },
            (error: unknown) => {
              const name = error instanceof HPKVError ? error.name : `untyped ${String(error)}`;
              outcomes.errors.set(name, (outcomes.errors.get(name) ?? 0) + 1);
            },
          ),
        );
      }
      await Promise.all(batch); // every request settles: a reply, a typed error or the client's own timeout
    }

    expect(misdelivered).toEqual([]);
    expect(unhandled).toEqual([]);
    expect([...outcomes.errors.keys()].filter((name) => name.startsWith('untyped'))).toEqual([]);
    expect(reported.filter((error) => !(error instanceof HPKVError))).toEqual([]);
    // The fuzz did exercise every kind of outcome.
    expect(outcomes.replies).toBeGreaterThan(100);
    for (const name of ['TimeoutError', 'ProtocolError', 'HPKVError']) expect(outcomes.errors.get(name)).toBeGreaterThan(10);
    expect(reported.length).toBeGreaterThan(500);
    expect(server.hostileFrames).toBeGreaterThanOrEqual(HOSTILE_FRAMES);

    // And the client is still fine: nothing pending, and a well-behaved server gets normal service.
    expect(client.getConnectionStats().messagesPending).toBe(0);
    server.hostile = false;
    if (client.getConnectionState() !== 'CONNECTED') await client.connect();
    await expect(client.get('after', 5000)).resolves.toMatchObject({ key: 'after', value: 'v:after' });
  }, 60_000);
});

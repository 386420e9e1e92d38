import { HPKVClientFactory, HPKVSubscriptionClient } from '../../lib/client';
import { firstValueFrom, retry } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVApiClient } from '../../lib/client/api-client';
import { type ConnectionConfig } from '../../lib/client/config';
import { ConnectionError, HPKVError, TimeoutError } from '../../lib/client/errors';
import { fakeSockets } from '../support/fake-web-socket';
import { rejection } from '../support/rejection';

describe('BaseClient (marble time, fake sockets)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  function connected(config: ConnectionConfig = {}) {
    const sockets = fakeSockets();
    const client = new HPKVApiClient('k', 'http://h', { scheduler, webSocketFactory: sockets.factory, ...config });
    void client.connect();
    sockets.last().open();
    return { client, socket: sockets.last() };
  }

  it.each([true, false])('times a request from its subscription, not from the call (throttling %s)', (enabled) => {
    const { client, socket } = connected({ throttling: { enabled } });
    scheduler.run(({ expectObservable }) => {
      const get$ = client.get$('k', 100);
      // Subscribed 50 ms after the call: it still gets its whole 100 ms.
      expectObservable(get$, '50ms ^').toBe('150ms #', undefined, new TimeoutError("GET 'k' got no reply within 100 ms"));
    });
    expect(socket.sent).toHaveLength(1);
    client.destroy();
  });

  it('gives each re-subscription (retry) a fresh timeout, with throttling on', () => {
    const { client, socket } = connected({ throttling: { enabled: true, rateLimit: 1000 } });
    scheduler.run(({ expectObservable }) => {
      expectObservable(client.get$('k', 100).pipe(retry(1))).toBe('200ms #', undefined, new TimeoutError("GET 'k' got no reply within 100 ms"));
    });
    expect(socket.sent).toHaveLength(2);
    client.destroy();
  });

  it('disconnect(false) waits for the replies in flight, then closes gracefully', async () => {
    const { client, socket } = connected({ throttling: { enabled: false } });
    const reply = client.get('k');
    let closed = false;
    const disconnecting = client.disconnect(false).then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    expect(client.getConnectionState()).toBe('CONNECTED');
    socket.reply({ code: 200, key: 'k', value: 'v' });
    await expect(reply).resolves.toMatchObject({ value: 'v' });
    await disconnecting;
    expect(client.getConnectionState()).toBe('DISCONNECTED');
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'client closed' });
    client.destroy();
  });

  it('times out a write that was sent as outcome-unknown (it may have been applied); a read or an unsent write not', () => {
    // heartbeat off: the silence would otherwise be a dead socket (spec/client/connection/heartbeat.spec.ts).
    const { client } = connected({ throttling: { enabled: false }, heartbeat: false });
    scheduler.run(({ expectObservable }) => {
      expectObservable(client.set$('k', 'v', false, 100)).toBe(
        '100ms #',
        undefined,
        new TimeoutError("SET 'k' got no reply within 100 ms: the write may or may not have been applied. Read the key back before retrying.", { outcomeUnknown: true }),
      );
      expectObservable(client.get$('k', 100)).toBe('100ms #', undefined, new TimeoutError("GET 'k' got no reply within 100 ms"));
    });
    const failures: TimeoutError[] = [];
    client.set('k', 'v', false, 1).catch((error: TimeoutError) => failures.push(error));
    client.delete('k', 1).catch((error: TimeoutError) => failures.push(error));
    scheduler.flush();
    return Promise.resolve().then(() => {
      expect(failures.map((error) => error.outcomeUnknown)).toEqual([true, true]);
      client.destroy();
    });
  });

  it('times out a write still waiting for the connection without outcome-unknown (it never left)', async () => {
    const sockets = fakeSockets();
    const client = new HPKVApiClient('k', 'http://h', { scheduler, webSocketFactory: sockets.factory, throttling: { enabled: false } });
    const connecting = client.connect().catch((error: unknown) => error); // the socket never opens
    scheduler.run(({ expectObservable }) => {
      expectObservable(client.set$('k', 'v', false, 100)).toBe(
        '100ms #',
        undefined,
        new TimeoutError("SET 'k' got no reply within 100 ms (it was still waiting for the connection)"),
      );
    });
    expect(await connecting).toBeInstanceOf(TimeoutError);
    client.destroy();
  });

  it('after reconnecting gave up, a request fails with one message and one piece of advice', async () => {
    const { client, socket } = connected({ throttling: { enabled: false }, maxReconnectAttempts: 0 });
    socket.drop();
    const error = await rejection(client.get('k'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      'Not connected (WebSocket is not open): Connection lost and reconnecting is off (maxReconnectAttempts is 0): Connection closed (code 1006). Call connect() to try again.',
    );
    expect(error.message.match(/connect\(\)/g)).toHaveLength(1);
    client.destroy();
  });

  it('disconnect() fails the requests in flight at once', async () => {
    const { client } = connected({ throttling: { enabled: false } });
    const reply = client.get('k');
    await client.disconnect();
    await expect(reply).rejects.toBeInstanceOf(ConnectionError);
    expect(client.getConnectionStats()).toMatchObject({ isConnected: false, messagesPending: 0, connectionState: 'DISCONNECTED' });
    client.destroy();
  });
});

describe('BaseClient input checks', () => {
  const client = HPKVClientFactory.createApiClient('k', 'http://h', { throttling: { enabled: false } });
  afterAll(() => client.destroy());

  it('rejects (never throws) a value that cannot be JSON, and a missing value, with HPKVError 400', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    // Were it to throw synchronously, this line would fail the test instead of returning a Promise.
    const pending = client.set('k', circular);
    await expect(pending).rejects.toMatchObject({ name: 'HPKVError', code: 400, message: expect.stringContaining('cannot be stored as JSON') });
    await expect(client.set('k', 10n)).rejects.toMatchObject({ code: 400 });
    await expect(client.set('k', undefined)).rejects.toMatchObject({ code: 400, message: 'Invalid SET request: value is required' });
  });

  it('rejects keys that are not strings', async () => {
    await expect(client.get(42 as unknown as string)).rejects.toMatchObject({ code: 400, message: 'Invalid GET request: key must be a string' });
  });
});

describe('BaseClient per-call timeouts', () => {
  const client = HPKVClientFactory.createApiClient('k', 'http://h', { throttling: { enabled: false } });
  afterAll(() => client.destroy());

  it.each([-5, 0, 0.5, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number])('rejects timeoutMs %p with HPKVError 400 saying why', async (timeoutMs) => {
    const error = await client.get('k', timeoutMs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HPKVError);
    expect(error).toMatchObject({ code: 400, message: `Invalid GET request: timeoutMs must be a finite number of milliseconds >= 1 (got ${String(timeoutMs)})` });
    await expect(client.set('k', 'v', false, timeoutMs)).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/^Invalid SET request: timeoutMs/) });
  });
});

describe('BaseClient after destroy()', () => {
  const destroyed = /^The client was destroyed: create a new client$/;

  it('says the client was destroyed from every method, connected before or not', async () => {
    for (const connect of [false, true]) {
      const sockets = fakeSockets();
      const client = new HPKVSubscriptionClient('t', 'http://h', { webSocketFactory: sockets.factory });
      if (connect) {
        void client.connect();
        sockets.last().open();
      }
      const pending = connect ? client.get('in flight') : undefined;
      client.destroy();
      client.destroy();
      if (pending !== undefined) await expect(pending).rejects.toThrow(/destroyed/);
      await expect(client.connect()).rejects.toThrow(destroyed);
      await expect(client.get('k')).rejects.toThrow(destroyed);
      await expect(client.set('k', 'v')).rejects.toThrow(destroyed);
      await expect(client.patch('k', 'v')).rejects.toThrow(destroyed);
      await expect(client.delete('k')).rejects.toThrow(destroyed);
      await expect(client.range('a', 'b')).rejects.toThrow(destroyed);
      await expect(client.atomicIncrement('k', 1)).rejects.toThrow(destroyed);
      await expect(firstValueFrom(client.get$('k'))).rejects.toThrow(destroyed);
      await expect(firstValueFrom(client.scan$('a', 'b'))).rejects.toThrow(destroyed);
      await expect(firstValueFrom(client.watch$('*'))).rejects.toThrow(destroyed);
      await expect(firstValueFrom(client.live$('k'))).rejects.toThrow(destroyed);
      await expect(firstValueFrom(client.liveRange$('a', 'b'))).rejects.toThrow(destroyed);
      expect(() => client.subscribe(() => undefined)).toThrow(destroyed);
      await expect(client.disconnect()).resolves.toBeUndefined();
      expect(client.getConnectionState()).toBe('DISCONNECTED');
    }
  });

  it('says so for a request made before destroy() and subscribed after, throttled or not', async () => {
    for (const enabled of [true, false]) {
      const client = HPKVClientFactory.createApiClient('k', 'http://h', { throttling: { enabled } });
      const get$ = client.get$('k');
      client.destroy();
      await expect(firstValueFrom(get$)).rejects.toThrow(/The client was destroyed/);
    }
  });
});

describe('BaseClient: the rate limit holds on the wire (marble time, fake sockets)', () => {
  it('paces the requests made during a reconnect, and the re-sent reads, at rateLimit when the socket reopens', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const sockets = fakeSockets();
    const sent: [number, string][] = [];
    const client = new HPKVApiClient('k', 'http://h', {
      scheduler,
      // Every socket records when each frame reaches it.
      webSocketFactory: (url) => {
        const socket = sockets.factory(url);
        const send = socket.send.bind(socket);
        socket.send = (frame: string) => {
          sent.push([scheduler.now(), (JSON.parse(frame) as { key: string }).key]);
          send(frame);
        };
        return socket;
      },
      throttling: { enabled: true, rateLimit: 10 },
      initialDelayBetweenReconnects: 3000,
      jitterMs: 0,
      maxQueuedRequests: 100,
    });
    scheduler.run(({ flush }) => {
      void client.connect();
      sockets.last().open();
      client.get$('read', 60_000).subscribe({ error: () => undefined });
      scheduler.schedule(() => sockets.last().drop(), 50);
      scheduler.schedule(() => {
        for (let i = 1; i <= 25; i++) client.get$(`q${i}`, 60_000).subscribe({ error: () => undefined });
      }, 100);
      // The reconnect attempt starts at 50 + 3000; its socket opens a moment later.
      scheduler.schedule(() => sockets.last().open(), 3060);
      flush();
    });
    expect(sent[0]).toEqual([0, 'read']);
    const after = sent.slice(1);
    expect(after).toHaveLength(26);
    expect(after[0]).toEqual([3060, 'read']); // the read in flight at the drop, re-sent first
    expect(after.map(([at]) => at)).toEqual(Array.from({ length: 26 }, (_, i) => 3060 + 100 * i));
    client.destroy();
  });
});

import { HPKVClientFactory } from '../../lib/client';
import { retry } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVApiClient } from '../../lib/client/api-client';
import { type ConnectionConfig } from '../../lib/client/config';
import { ConnectionError, TimeoutError } from '../../lib/client/errors';
import { fakeSockets } from '../support/fake-web-socket';

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
